package io.runwire.workflow;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;

/** This node's in-memory queue of workflow steps (the SEDA fast path): how much more it can take right now. */
@Component("workflowQueue")
public class WorkflowQueue {

    static final String URI = "seda:workflow-executions";
    /** At most this many rows are re-queued per poll, however empty the queue. */
    static final int BATCH = 100;

    private final CamelContext camelContext;

    public WorkflowQueue(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public int freeSlots() {
        SedaEndpoint endpoint = camelContext.getEndpoint(URI, SedaEndpoint.class);
        return Math.min(BATCH, endpoint.getQueue().remainingCapacity());
    }
}
