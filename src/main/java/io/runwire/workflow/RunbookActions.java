package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A workflow's runbook action (routes/actions/runbook.yaml): its node's config {@code {runbookId, parameters}} as
 * the manual trigger's steps take them, and the trigger run on an exchange of its own.
 */
@Component("runbookActions")
public class RunbookActions {

    static final String TRIGGER = "direct:action-runbook-trigger";
    private static final List<String> INPUTS = List.of("workflowExecutionId", "workflowNodeId", "actionConfig", "incidentId");

    private final ObjectMapper objectMapper;
    private final CamelContext camelContext;
    private final ProducerTemplate producer;
    private final ActionResults results;

    public RunbookActions(ObjectMapper objectMapper, CamelContext camelContext, @Lazy ProducerTemplate producer,
                          ActionResults results) {
        this.objectMapper = objectMapper;
        this.camelContext = camelContext;
        this.producer = producer;
        this.results = results;
    }

    /**
     * Runs {@value #TRIGGER} on a new exchange that carries only the action's inputs: the trigger's variables stay
     * out of the workflow engine's exchange, and a check that refuses (answered by the API's own error mapping, which
     * ends that exchange) ends only this one. Returns the node's actionResult.
     */
    public Map<String, Object> schedule(Exchange action) {
        Exchange trigger = new DefaultExchange(camelContext);
        for (String name : INPUTS) {
            trigger.setVariable(name, action.getVariable(name));
        }
        Exchange done = producer.send(TRIGGER, trigger);
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
