package io.runwire.workflow;

import io.runwire.runbook.ExecutionPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * What routes/actions/tickets.yaml (ticket-open) asks of a ticket service's action — {@link JiraActions},
 * {@link LinearActions} — to open one issue per node: the marker that finds it again, the connection, the create
 * request, the lookup by marker, and the answers as the node's result. Parameters come from the route's variables.
 */
public abstract class TicketAction {

    static final List<String> INPUTS = List.of("workflowExecutionId", "workflowNodeId", "actionConfig", "actionAttempt",
            "teamId", "templateContext");

    protected final TicketTools tools;
    private final String service;
    private final String callUri;
    private final String createPath;
    private final String lookupPath;
    /** The output's names for the issue's id, key and URL. */
    private final List<String> outputNames;

    protected TicketAction(TicketTools tools, String service, String callUri, String createPath, String lookupPath,
                           List<String> outputNames) {
        this.tools = tools;
        this.service = service;
        this.callUri = callUri;
        this.createPath = createPath;
        this.lookupPath = lookupPath;
        this.outputNames = outputNames;
    }

    /** Runs the kind's call route on an exchange of its own; returns the node's actionResult. */
    public Map<String, Object> call(Exchange action) {
        return tools.exchanges().actionResult(callUri, action, INPUTS);
    }

    /** The marker of this node's issue, the same on every run: derived from the execution and the node alone. */
    public abstract String marker(@Variable("workflowExecutionId") String workflowExecutionId,
                                  @Variable("workflowNodeId") String nodeId);

    /** The node's connection (its team's named one, a global one of that name, or the environment's). */
    public abstract TicketTarget target(@Variable("actionConfig") Map<String, Object> config,
                                        @Variable("teamId") String teamId);

    /** The create request's body. */
    public abstract String issue(@Variable("actionConfig") Map<String, Object> config,
                                 @Variable("templateContext") Map<String, Object> context,
                                 @Variable("marker") String marker);

    /** The lookup request's body: the issue carrying {@code marker}. */
    public abstract String lookup(@Variable("actionConfig") Map<String, Object> config,
                                  @Variable("marker") String marker);

    /** The create's answer as the node's result. */
    public abstract Map<String, Object> created(@Variable("retry") Boolean retry,
                                                @Variable("attemptRecord") Map<String, Object> attemptRecord,
                                                @Variable("target") TicketTarget target);

    /** The lookup's answer: the node's result with the issue found, null when there is none, or the error. */
    public abstract Map<String, Object> found(@Variable("retry") Boolean retry,
                                              @Variable("attemptRecord") Map<String, Object> attemptRecord,
                                              @Variable("target") TicketTarget target);

    public ExecutionPlan createPlan(@Variable("workflowExecutionId") String workflowExecutionId,
                                    @Variable("workflowNodeId") String nodeId,
                                    @Variable("target") TicketTarget target,
                                    @Variable("actionAttempt") Integer attempt) {
        return tools.calls().plan(workflowExecutionId, nodeId, service, target, createPath, attempt);
    }

    public ExecutionPlan lookupPlan(@Variable("workflowExecutionId") String workflowExecutionId,
                                    @Variable("workflowNodeId") String nodeId,
                                    @Variable("target") TicketTarget target,
                                    @Variable("actionAttempt") Integer attempt) {
        return tools.calls().plan(workflowExecutionId, nodeId, service, target, lookupPath, attempt);
    }

    /** The node's result from its ticket_actions row (issueId, issueKey, issueUrl), as recorded by an earlier run. */
    public Map<String, Object> recorded(@Variable("ticket") Map<String, Object> ticket) {
        return tools.results().completed(output(text(ticket.get("issueId")), text(ticket.get("issueKey")),
                text(ticket.get("issueUrl"))));
    }

    /** A COMPLETED result's output as the ticket_actions row's issueId, issueKey, issueUrl. */
    public Map<String, Object> ticket(@Variable("actionResult") Map<String, Object> actionResult) {
        Map<?, ?> output = (Map<?, ?>) actionResult.get("output");
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("issueId", output.get(outputNames.get(0)));
        ticket.put("issueKey", output.get(outputNames.get(1)));
        ticket.put("issueUrl", output.get(outputNames.get(2)));
        return ticket;
    }

    protected Map<String, Object> output(String id, String key, String url) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put(outputNames.get(0), id);
        output.put(outputNames.get(1), key);
        output.put(outputNames.get(2), url);
        return output;
    }

    protected String required(Map<String, Object> config, String field) {
        String value = text(config == null ? null : config.get(field));
        if (value == null) {
            throw new IllegalArgumentException(service + " action has no " + field);
        }
        return value;
    }

    /** The rendered text of the config's template {@code field} ("" without one). */
    protected String rendered(Map<String, Object> config, String field, Map<String, Object> values) {
        Object template = config.get(field);
        return template == null ? "" : tools.templates().render(template.toString(), values);
    }

    protected static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A title or summary stays one line. */
    protected static String oneLine(String rendered) {
        return rendered.replaceAll("[\\r\\n]+", " ").strip();
    }
}
