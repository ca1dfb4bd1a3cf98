package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A workflow's runbook action (routes/actions/runbook.yaml): its node's config {@code {runbookId, parameters}} as
 * the manual trigger's steps take them, and the trigger run on an exchange of its own.
 */
@Component("runbookActions")
public class RunbookActions {

    static final String TRIGGER = "direct:action-runbook-trigger";
    static final List<String> INPUTS = List.of("workflowExecutionId", "workflowNodeId", "actionConfig", "incidentId");

    private final ObjectMapper objectMapper;
    private final ActionExchanges exchanges;
    private final ActionResults results;

    public RunbookActions(ObjectMapper objectMapper, ActionExchanges exchanges, ActionResults results) {
        this.objectMapper = objectMapper;
        this.exchanges = exchanges;
        this.results = results;
    }

    /**
     * Runs {@value #TRIGGER} on an exchange of its own (see {@link ActionExchanges}): a check that refuses is answered
     * by the API's own error mapping, which ends that exchange only. Returns the node's actionResult.
     */
    public Map<String, Object> schedule(Exchange action) {
        Exchange done = exchanges.run(TRIGGER, action, INPUTS);
        if (done.getException() != null) {
            return results.failed(ActionResults.describe(done.getException()));
        }
        return results.fromApiAnswer(done.getMessage().getBody());
    }

    /** The runbook to run; a missing or malformed id is the definition's mistake, said as the API would say it. */
    public UUID runbookId(Map<String, Object> config) {
        Object id = config == null ? null : config.get("runbookId");
        if (id == null || id.toString().isBlank()) {
            throw ApiException.badRequest("Runbook action has no runbookId");
        }
        UUID runbookId = Ids.parse(id);
        if (runbookId == null) {
            throw ApiException.notFound("Runbook not found");
        }
        return runbookId;
    }

    /** The parameters as the node gives them (none: an empty object); the runbook's schema checks them next. */
    public JsonNode parameters(Map<String, Object> config) {
        Object parameters = config == null ? null : config.get("parameters");
        return parameters == null ? objectMapper.createObjectNode() : objectMapper.valueToTree(parameters);
    }

    /** The node's output once the runbook-trigger made the execution: {@code execution} is its 201 body's. */
    public Map<String, Object> scheduled(Map<String, Object> execution) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("runbookExecutionId", execution.get("id"));
        output.put("runbookName", execution.get("runbookName"));
        output.put("status", "scheduled");
        return output;
    }
}
