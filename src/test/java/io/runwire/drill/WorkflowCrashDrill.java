package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Scenario g (the workflows issue): one Runwire on its embedded PostgreSQL, N workflow executions started at once, each
 * two webhook calls to the stand-in target with a delay between them; the JVM killed with SIGKILL once the target has
 * received a third of the calls, started again on the same data directory, every workflow execution followed to its
 * end. A webhook action's call carries {@code <workflowExecutionId>:<nodeId>} as X-Runwire-Execution-Id and
 * Idempotency-Key, so the target counts each node's calls and sees one in flight twice at once.
 */
public final class WorkflowCrashDrill extends Drill {

    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");
    private static final int DELAY_SECONDS = 2;

    public WorkflowCrashDrill(DrillOptions options) {
        super("workflows", "g) workflow crash drill: " + options.triggers()
                + " workflow executions (webhook, " + DELAY_SECONDS + " s delay, webhook), kill -9 mid-run,"
                + " restart on the same data directory", options);
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        try (StandInTarget target = startTarget();
             RunwireProcess runwire = runwire("runwire", directory, Map.of(),
                     List.of("--runwire.database.embedded.port=" + postgresPort))) {
            startAndAwaitHealthy(runwire);
            DrillApi.Setup setup = api.prepare(runwire.baseUrl(), name, target.url("/unused"));
            String workflowId = api.manualWorkflow(runwire.baseUrl(), setup, target.url("/" + name), DELAY_SECONDS);
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?connectTimeout=3&socketTimeout=10";
            long started = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < options.triggers(); i++) {
                DrillApi.Answer answer = api.executeWorkflow(runwire.baseUrl(), workflowId, setup);
                if (answer.status() != 202) {
                    report.must("every manual run was accepted (202)", false, answer.toString());
                    return;
                }
                ids.add(answer.body().at("/execution/id").asText());
            }
            report.fact("workflow executions started (202s)", ids.size());
            int calls = 2 * options.triggers();
            int stopAt = Math.max(1, calls / 3);
            await().atMost(options.finalTimeout()).pollInterval(Duration.ofMillis(5))
                    .until(() -> target.distinctReceived() >= stopAt);
            report.fact("killed when the target had received", target.distinctReceived() + " of " + calls + " node calls");
            Map<String, Integer> atKill = statuses(jdbcUrl, workflowId).orElse(Map.of());
            Set<String> inFlightAtKill = target.inFlightNow();
            target.startWatching();
            RunwireProcess.Stopped killed = runwire.kill();
            Set<String> underWay = target.stopWatching();
            report.must("the JVM was killed by SIGKILL", killed.byKill(), "exit code " + killed.exitCode());
            report.fact("workflow executions in the database just before the kill", atKill);
            report.fact("node calls under way at the target at the kill", underWay.size() + inFlightAtKill.size());
            Map<String, Integer> running = statuses(jdbcUrl, workflowId).orElse(Map.of());
            report.fact("workflow executions as the JVM left them", running);

            runwire.start();
            try {
                Duration restart = runwire.awaitHealthy(options.startTimeout());
                report.fact("next start on the same data directory", "healthy after " + DrillReport.seconds(restart.toNanos()));
                report.must("the next start on the same data directory just works", true, "");
            } catch (IllegalStateException failed) {
                report.must("the next start on the same data directory just works", false, failed.getMessage());
                return;
            }
            Map<String, Integer> end = awaitFinal(jdbcUrl, workflowId, ids.size());
            int finalCount = end.entrySet().stream().filter(e -> FINAL.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
            report.fact("workflow executions that reached a final status", finalCount + " of " + ids.size() + " " + end);
            report.must("every workflow execution reached a final status", finalCount == ids.size(), end.toString());
            report.must("every workflow execution COMPLETED (the target always answers 200)",
                    end.getOrDefault("COMPLETED", 0) == ids.size(), end.toString());
            Set<String> expected = ids.stream().flatMap(id -> java.util.stream.Stream.of(id + ":first", id + ":second"))
                    .collect(Collectors.toSet());
            Set<String> missing = expected.stream().filter(id -> target.receptions(id) == 0).collect(Collectors.toSet());
            long twice = expected.stream().filter(id -> target.receptions(id) > 1).count();
            Set<String> mayRepeat = new java.util.HashSet<>(underWay);
            mayRepeat.addAll(inFlightAtKill);
            report.fact("node calls the target received more than once", twice
                    + " (a node in flight at the kill runs again with the same Idempotency-Key: at least once)");
            report.must("the target received every node's call", missing.isEmpty(), missing.size() + " missing");
            report.must("no node's call was in flight twice at once", target.overlaps() == 0,
                    target.overlaps() + " overlaps " + target.overlappingIds());
            report.must("every call carried its node's Idempotency-Key", target.idempotencyKeyMismatches() == 0,
                    target.idempotencyKeyMismatches() + " mismatches");
            report.fact("time taken (first run until all final)", DrillReport.seconds(System.nanoTime() - started));
        }
    }

    private Map<String, Integer> awaitFinal(String jdbcUrl, String workflowId, int count) {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
        try {
            await().atMost(options.finalTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> statuses(jdbcUrl, workflowId).map(byStatus -> {
                        last.set(byStatus);
                        int done = byStatus.entrySet().stream().filter(e -> FINAL.contains(e.getKey()))
                                .mapToInt(Map.Entry::getValue).sum();
                        return done >= count;
                    }).orElse(false));
        } catch (ConditionTimeoutException timeout) {
            log("gave up waiting after " + options.finalTimeout().toSeconds() + " s: " + last.get());
        }
        return last.get();
    }

    /** The workflow's executions by status; empty while the database cannot be reached. */
    private static Optional<Map<String, Integer>> statuses(String jdbcUrl, String workflowId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT status, count(*) FROM runwire.workflow_executions WHERE workflow_id = ? GROUP BY status")) {
            statement.setObject(1, UUID.fromString(workflowId));
            Map<String, Integer> byStatus = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byStatus.put(rows.getString(1), rows.getInt(2));
                }
            }
            return Optional.of(byStatus);
        } catch (SQLException down) {
            return Optional.empty();
        }
    }
}
