package io.runwire.drill;

import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario c: a small in-memory queue and few workers against a slow target. A full queue must not show in the API
 * (every trigger answers 201 at once, never 500), and the executions it could not take must still all complete.
 */
public final class BackPressureDrill extends Drill {

    static final int QUEUE_SIZE = 10;
    static final int CONCURRENCY = 2;

    public BackPressureDrill(DrillOptions options) {
        super("backpressure", "c) back-pressure: " + options.triggers() + " triggers into a queue of " + QUEUE_SIZE
                + " with " + CONCURRENCY + " workers and a slow target", options);
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        try (StandInTarget target = startTarget();
             RunwireProcess runwire = runwire("runwire", directory, Map.of(), List.of(
                     "--runwire.database.embedded.port=" + postgresPort,
                     "--runwire.executor.queue-size=" + QUEUE_SIZE,
                     "--runwire.executor.concurrency=" + CONCURRENCY))) {
            startAndAwaitHealthy(runwire);
            DrillApi.Setup setup = api.prepare(runwire.baseUrl(), name, target.url("/" + name));
            try (ExecutionsTable table = new ExecutionsTable(postgresPort, setup.incidentId())) {
                table.startSampling(100);
                report.fact("target latency", options.latencyMinMs() + "-" + options.latencyMaxMs() + " ms");
                long started = System.nanoTime();
                TriggerLoad load = new TriggerLoad(api, setup, List.of(new Endpoint("runwire", runwire.baseUrl())),
                        options.clientThreads(), options.triggersPerSecond(), Duration.ofSeconds(30));
                List<Trigger> triggers = load.start(options.triggers()).get();
                long sendingNanos = System.nanoTime() - started;
                List<String> executionIds = reportTriggers(triggers);
                report.fact("time to send all triggers", DrillReport.seconds(sendingNanos));
                Map<String, Integer> refusals = TriggerLoad.failureKinds(triggers);
                report.must("every trigger got 201 at its first try (none 500)", refusals.isEmpty(),
                        refusals.isEmpty() ? "" : "other answers: " + refusals);
                List<Row> rows = awaitAllFinal(table, executionIds.size());
                long tookNanos = System.nanoTime() - started;
                reportExecutions(executionIds, rows, target, Set.of(), null, null, true);
                report.fact("peak RUNNING / PENDING seen in the database", table.peakRunning() + " / "
                        + table.peakPending());
                reportTime(rows, tookNanos);
            }
        }
    }
}
