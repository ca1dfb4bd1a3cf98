package io.runwire.api;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How many {@code /api} requests this node is serving right now: background work (the workflow engine) takes a
 * smaller share of the node while there are any, so raising incident events does not slow the incident API.
 */
@Component
public class ApiActivity {

    private final AtomicInteger inFlight = new AtomicInteger();

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    public boolean busy() {
        return inFlight.get() > 0;
    }
}
