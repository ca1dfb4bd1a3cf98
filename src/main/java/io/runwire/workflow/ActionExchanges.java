package io.runwire.workflow;

import io.runwire.tracing.CallPathTracer;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs an action's steps on an exchange of their own that carries only the action's inputs: what those steps set
 * (the runbook trigger's variables, the call's headers) stays out of the workflow engine's exchange, and a step whose
 * route's error mapping ends its exchange ends only that one.
 */
@Component("actionExchanges")
public class ActionExchanges {

    private final CamelContext camelContext;
    private final ProducerTemplate producer;

    private final ActionResults results;

    public ActionExchanges(CamelContext camelContext, @Lazy ProducerTemplate producer, ActionResults results) {
        this.camelContext = camelContext;
        this.producer = producer;
        this.results = results;
    }

    /** Runs {@code uri} on an exchange of its own; its {@code actionResult}, or FAILED "Not sent" when it threw. */
    public Map<String, Object> actionResult(String uri, Exchange action, List<String> inputs) {
        Exchange done = run(uri, action, inputs);
        if (done.getException() != null) {
            return results.failed("Not sent: " + ActionResults.describe(done.getException()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = done.getVariable("actionResult", Map.class);
        return result != null ? result : results.failed("Not sent: the call did not complete");
    }

    public Exchange run(String uri, Exchange action, List<String> inputs) {
        Exchange own = new DefaultExchange(camelContext);
        for (String name : inputs) {
            own.setVariable(name, action.getVariable(name));
        }
        // its calls are spans of the step's trace
        CallPathTracer.continueTrace(action, own);
        return producer.send(uri, own);
    }
}
