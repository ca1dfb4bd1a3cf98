package io.runwire.tracing;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.telemetry.TraceProcessorsInterceptStrategy;

/**
 * Camel's OpenTelemetry tracer, on the hops a reader of a trace follows and nothing else: the API request (its REST
 * route), the queues (seda, sent and consumed) and the outgoing calls (http). Every other step ({@code direct:},
 * {@code bean:}, {@code sql:}, {@code timer:}) runs inside one of those; a span each would cost every exchange dozens
 * of spans and header writes, and the pollers a trace every second.
 */
public class CallPathTracer extends OpenTelemetryTracer {

    /** Where Camel keeps an exchange's open spans; a route that clears properties must leave it. */
    public static final String SPANS_PROPERTY = "tracing.activeSpan";

    private static final List<String> TRACED = List.of("rest:", "platform-http:", "seda:", "http:", "https:");

    @Override
    public boolean exclude(String endpointUri, CamelContext context) {
        if (endpointUri != null) {
            for (String scheme : TRACED) {
                if (endpointUri.startsWith(scheme)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected void doInit() {
        super.doInit();
        // with no processor traced, the strategy would still wrap every processor of every route, to ask each time
        getCamelContext().getCamelContextExtension().getInterceptStrategies()
                .removeIf(TraceProcessorsInterceptStrategy.class::isInstance);
    }

    /**
     * {@code to}, an exchange of its own that {@code from} starts (an action's call), continues {@code from}'s
     * trace: its first span is a child of {@code from}'s current one, not the root of a trace of its own.
     */
    public static void continueTrace(Exchange from, Exchange to) {
        Object spans = from.getProperty(SPANS_PROPERTY);
        if (spans != null) {
            to.setProperty(SPANS_PROPERTY, spans);
        }
    }
}
