package io.runwire.workflow;

import io.runwire.api.ApiActivity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many workflow steps this node runs at once (routes/workflows.yaml throttles its worker on it): all its workers
 * while the API is quiet, fewer while the API is serving requests — the incident API comes first, and a workflow that
 * waits a little longer for a worker loses nothing (it is a row).
 */
@Component("workflowEngineShare")
public class WorkflowEngineShare {

    private final ApiActivity api;
    private final int concurrency;
    private final int whileApiBusy;

    public WorkflowEngineShare(ApiActivity api,
                               @Value("${runwire.workflows.concurrency}") int concurrency,
                               @Value("${runwire.workflows.concurrency-while-api-busy:1}") int whileApiBusy) {
        if (whileApiBusy < 1) {
            throw new IllegalArgumentException("runwire.workflows.concurrency-while-api-busy must be at least 1 "
                    + "(0 would stop every workflow while the API is busy), not " + whileApiBusy);
        }
        this.api = api;
        this.concurrency = concurrency;
        this.whileApiBusy = Math.min(whileApiBusy, concurrency);
    }

    public int stepsAtOnce() {
        return api.busy() ? whileApiBusy : concurrency;
    }
}
