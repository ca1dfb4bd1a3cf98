package io.runwire.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A workflow preview's action nodes (routes/previews.yaml): each action's preview route on an exchange of its own, as
 * the engine runs the action's call, and its answer as the node's actionResult — COMPLETED with the request it would
 * send, or FAILED as the node would fail. Nothing is sent.
 */
@Component("actionPreviews")
public class ActionPreviews {

    private static final List<String> RUNBOOK_INPUTS = inputs(RunbookActions.INPUTS, "workflowId");

    private final ActionExchanges exchanges;
    private final ActionResults results;

    public ActionPreviews(ActionExchanges exchanges, ActionResults results) {
        this.exchanges = exchanges;
        this.results = results;
    }

    public Map<String, Object> webhook(Exchange action) {
        return exchanges.actionResult("direct:action-webhook-preview", action, WebhookActions.INPUTS);
    }

    public Map<String, Object> jira(Exchange action) {
        return exchanges.actionResult("direct:action-jira-preview", action, TicketAction.INPUTS);
    }

    public Map<String, Object> linear(Exchange action) {
        return exchanges.actionResult("direct:action-linear-preview", action, TicketAction.INPUTS);
    }

    /** The runbook's own preview: a check that refuses fails the node with the message Execute answers with. */
    public Map<String, Object> runbook(Exchange action) {
        Exchange done = exchanges.run("direct:action-runbook-preview", action, RUNBOOK_INPUTS);
        if (done.getException() != null) {
            return results.failed(ActionResults.describe(done.getException()));
        }
        return results.fromApiAnswer(done.getMessage().getBody());
    }

    /** The request a webhook, jira or linear node would send, as its output. */
    public Map<String, Object> wouldSend(Exchange call) {
        return results.completed(Map.<String, Object>of("request", call.getVariable("previewRequest", Map.class)));
    }

    private static List<String> inputs(List<String> inputs, String more) {
        List<String> all = new ArrayList<>(inputs);
        all.add(more);
        return List.copyOf(all);
    }
}
