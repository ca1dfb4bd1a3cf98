package io.runwire.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the span this thread is in, for work that leaves it: an execution stored for a
 * worker (maybe on another node, maybe after a restart) and queued as a fresh message carries it, so its worker's
 * span joins the trace that triggered it. Null when tracing is off, or outside any span.
 */
@Component("traceParents")
public class TraceParents {

    /** The header a queue entry carries it in; Camel's tracer reads it there (and writes its own span's). */
    public static final String HEADER = "traceparent";

    private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

    public String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, SETTER);
        return carrier.get(HEADER);
    }
}
