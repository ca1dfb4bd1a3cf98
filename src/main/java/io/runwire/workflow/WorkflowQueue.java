package io.runwire.workflow;

import io.runwire.tracing.TraceParents;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * This node's in-memory queue of workflow steps (the SEDA fast path, consumed by workflow-worker): an entry is the
 * execution's id, offered as a fresh message — a copy of the offering exchange would carry its completion tasks along,
 * so a step would hold its worker permit (the engine's throttle) until the next step of its execution had finished.
 * It carries the trace it is offered in (the API request that started the execution, the step before), if any.
 * Never waiting: a full queue drops the entry and the due-time poller queues the execution later.
 */
@Component("workflowQueue")
public class WorkflowQueue {

    static final String URI = "seda:workflow-executions";
    static final String OFFER_URI = URI + "?waitForTaskToComplete=Never&discardWhenFull=true";
    /** At most this many rows are re-queued per poll, however empty the queue. */
    static final int BATCH = 100;

    private final CamelContext camelContext;
    private final ProducerTemplate producer;
    private final TraceParents traceParents;
    private volatile Endpoint offerEndpoint;

    public WorkflowQueue(CamelContext camelContext, @Lazy ProducerTemplate producer, TraceParents traceParents) {
        this.camelContext = camelContext;
        this.producer = producer;
        this.traceParents = traceParents;
    }

    public void offer(String executionId) {
        Endpoint endpoint = offerEndpoint;
        if (endpoint == null) {
            offerEndpoint = endpoint = camelContext.getEndpoint(OFFER_URI);
        }
        String traceParent = traceParents.current();
        if (traceParent == null) {
            producer.sendBody(endpoint, executionId);
        } else {
            producer.sendBodyAndHeader(endpoint, executionId, TraceParents.HEADER, traceParent);
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
