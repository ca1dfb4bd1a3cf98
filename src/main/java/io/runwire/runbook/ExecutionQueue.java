package io.runwire.runbook;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;

/** This node's in-memory queue of executions (the SEDA fast path): how much more it can take right now. */
@Component("executionQueue")
public class ExecutionQueue {

    static final String URI = "seda:runbook-executions";
    /** At most this many rows are re-queued per poll, however empty the queue. */
    static final int BATCH = 100;

    private final CamelContext camelContext;

    public ExecutionQueue(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Shutting down: the queue entry is left alone, the execution stays PENDING for another node or the next start. */
    public void stopWhenShuttingDown(Exchange exchange) {
        if (camelContext.isStopping()) {
            exchange.setRouteStop(true);
        }
    }

    public int freeSlots() {
        SedaEndpoint endpoint = camelContext.getEndpoint(URI, SedaEndpoint.class);
        return Math.min(BATCH, endpoint.getQueue().remainingCapacity());
    }
}
