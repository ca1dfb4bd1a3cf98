package io.runwire.tracing;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.HttpSpanDecorator;

/**
 * The span of one outgoing call (camel-http) also says whose call it is: the runbook execution
 * ({@code runwire.execution.id}) or the workflow execution and node ({@code runwire.workflow.execution.id},
 * {@code runwire.workflow.node.id}), and which attempt ({@code runwire.attempt}). Its {@code http.url} is the target
 * without user info, query or fragment: a definition may carry a token there, and spans leave for a collector. Camel
 * finds it through META-INF/services, in place of the decorator it extends.
 */
public class CallSpanDecorator extends HttpSpanDecorator {

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        Object workflowExecutionId = exchange.getVariable("workflowExecutionId");
        if (workflowExecutionId != null) {
            tag(span, "runwire.workflow.execution.id", workflowExecutionId);
            tag(span, "runwire.workflow.node.id", exchange.getVariable("workflowNodeId"));
        } else {
            tag(span, "runwire.execution.id", exchange.getVariable("executionId"));
        }
        tag(span, "runwire.attempt", exchange.getVariable("attempt"));
    }

    @Override
    protected String getHttpURL(Exchange exchange, Endpoint endpoint) {
        String url = super.getHttpURL(exchange, endpoint);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void tag(Span span, String name, Object value) {
        if (value != null) {
            span.setTag(name, value.toString());
        }
    }
}
