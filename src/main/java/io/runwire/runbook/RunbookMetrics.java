package io.runwire.runbook;

import static io.runwire.metrics.Buckets.seconds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Runbook executions that reached their final status, from the row the final statement returned:
 * {@code runwire_runbook_executions_total{status, trigger}} and the time from the trigger to that status,
 * {@code runwire_runbook_trigger_to_final_seconds{status, trigger}}. Both clocks are the database's, so an
 * execution that moved between nodes is timed right. Every final status and trigger is registered at start.
 */
@Component("runbookMetrics")
public class RunbookMetrics {

    static final String EXECUTIONS = "runwire.runbook.executions";
    static final String TRIGGER_TO_FINAL = "runwire.runbook.trigger.to.final";
    static final List<String> FINAL_STATUSES = List.of("SUCCESS", "FAILED", "TIMED_OUT", "CANCELLED");
    static final List<String> TRIGGERS = List.of("manual", "workflow");
    private static final Duration[] BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);

    private record Meters(Counter executions, Timer triggerToFinal) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    public RunbookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String status : FINAL_STATUSES) {
            for (String trigger : TRIGGERS) {
                meters.put(key(status, trigger), register(status, trigger));
            }
        }
    }

    /** runbook-execution-finish.sql's row: nothing when this runner no longer held the claim. */
    public void finished(@Variable("finished") Map<String, Object> finished) {
        record(finished);
    }

    /** runbook-execution-reclaim.sql's row for an execution whose lost node spent its last attempt. */
    public void reclaimed(@Variable("reclaimed") Map<String, Object> reclaimed) {
        record(reclaimed);
    }

    /** runbook-execution-cancel.sql's row: nothing when it was no longer PENDING. */
    public void cancelled(@Variable("cancelled") Map<String, Object> cancelled) {
        record(cancelled);
    }

    private void record(Map<String, Object> row) {
        if (row == null || !FINAL_STATUSES.contains(String.valueOf(row.get("status")))) {
            return;
        }
        String status = String.valueOf(row.get("status"));
        String trigger = String.valueOf(row.get("triggeredBy"));
        Meters found = meters.computeIfAbsent(key(status, trigger), k -> register(status, trigger));
        found.executions().increment();
        if (row.get("sinceTriggerMs") instanceof Number sinceTrigger) {
            found.triggerToFinal().record(sinceTrigger.longValue(), TimeUnit.MILLISECONDS);
        }
    }

    private Meters register(String status, String trigger) {
        Counter executions = Counter.builder(EXECUTIONS)
                .description("Runbook executions that reached their final status")
                .tag("status", status).tag("trigger", trigger)
                .register(registry);
        Timer triggerToFinal = Timer.builder(TRIGGER_TO_FINAL)
                .description("Time from a runbook's trigger to its execution's final status")
                .tag("status", status).tag("trigger", trigger)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        return new Meters(executions, triggerToFinal);
    }

    private static String key(String status, String trigger) {
        return status + ' ' + trigger;
    }
}
