package io.runwire.runbook;

import io.runwire.tracing.TraceParents;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * This node's in-memory queue of executions (the SEDA fast path, consumed by runbook-worker): an entry is the
 * execution's id with its target's URL in the {@value #TARGET_URL} header, so the worker knows the host before it
 * claims, and the trace it belongs to (if any) in the {@value TraceParents#HEADER} header. Offered as a fresh
 * message, not as a copy of the exchange that offers it (a trigger's carries its whole request), never waiting: a
 * full queue drops the entry and the due-time poller queues the execution later.
 */
@Component("executionQueue")
public class ExecutionQueue {

    static final String URI = "seda:runbook-executions";
    static final String OFFER_URI = URI + "?waitForTaskToComplete=Never&discardWhenFull=true";
    public static final String TARGET_URL = "RunwireTargetUrl";
    /** At most this many rows are re-queued per poll, however empty the queue. */
    static final int BATCH = 100;

    private final CamelContext camelContext;
    private final ProducerTemplate producer;
    private volatile Endpoint offerEndpoint;

    public ExecutionQueue(CamelContext camelContext, @Lazy ProducerTemplate producer) {
        this.camelContext = camelContext;
        this.producer = producer;
    }

    public void offer(String executionId, String targetUrl, String traceParent) {
        Endpoint endpoint = offerEndpoint;
        if (endpoint == null) {
            offerEndpoint = endpoint = camelContext.getEndpoint(OFFER_URI);
        }
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(TARGET_URL, targetUrl);
        if (traceParent != null) {
            headers.put(TraceParents.HEADER, traceParent);
        }
        producer.sendBodyAndHeaders(endpoint, executionId, headers);
    }

    /** Shutting down: the queue entry is left alone, the execution stays PENDING for another node or the next start. */
    public void stopWhenShuttingDown(Exchange exchange) {
        if (camelContext.isStopping()) {
            exchange.setRouteStop(true);
        }
    }

    /** Entries in this node's queue now (runwire_queue_depth). */
    public int depth() {
        return camelContext.getEndpoint(URI, SedaEndpoint.class).getQueue().size();
    }

    public int freeSlots() {
        SedaEndpoint endpoint = camelContext.getEndpoint(URI, SedaEndpoint.class);
        return Math.min(BATCH, endpoint.getQueue().remainingCapacity());
    }
}
