package io.runwire.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Workflow executions that reached their final status, {@code runwire_workflow_executions_total{status}}, from the
 * row the final statement returned. A step that leaves the execution PENDING or WAITING counts nothing.
 */
@Component("workflowMetrics")
public class WorkflowMetrics {

    static final String EXECUTIONS = "runwire.workflow.executions";
    static final List<String> FINAL_STATUSES = List.of("COMPLETED", "FAILED", "CANCELLED");

    private final Map<String, Counter> executions;

    public WorkflowMetrics(MeterRegistry registry) {
        this.executions = FINAL_STATUSES.stream()
                .collect(Collectors.toUnmodifiableMap(status -> status, status -> counter(registry, status)));
    }

    /** workflow-execution-record-step.sql's row: nothing when this runner no longer held the claim. */
    public void recorded(@Variable("recorded") Map<String, Object> recorded) {
        count(recorded);
    }

    /** workflow-execution-cancel.sql's row: nothing when the execution was final already. */
    public void cancelled(@Variable("cancelled") Map<String, Object> cancelled) {
        count(cancelled);
    }

    private void count(Map<String, Object> row) {
        Counter counter = row == null ? null : executions.get(String.valueOf(row.get("status")));
        if (counter != null) {
            counter.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String status) {
        return Counter.builder(EXECUTIONS)
                .description("Workflow executions that reached their final status")
                .tag("status", status)
                .register(registry);
    }
}
