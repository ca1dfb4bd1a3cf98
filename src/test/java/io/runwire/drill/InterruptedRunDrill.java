package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Scenarios a and d: one Runwire on its embedded PostgreSQL, triggers at a steady pace against the stand-in target,
 * the JVM stopped mid-run — {@code kill -9} or SIGTERM — once the target has received a third of them, started again
 * on the same data directory while the remaining triggers keep coming, and every execution followed to its end.
 */
public final class InterruptedRunDrill extends Drill {

    /** How the JVM is stopped mid-run. */
    public enum Interruption { KILL_9, SIGTERM }

    private static final Duration SIGTERM_PATIENCE = Duration.ofSeconds(120);

    private final Interruption interruption;

    private InterruptedRunDrill(Interruption interruption, String name, String title, DrillOptions options) {
        super(name, title, options);
        this.interruption = interruption;
    }

    /** Scenario a. */
    public static InterruptedRunDrill crash(DrillOptions options) {
        return new InterruptedRunDrill(Interruption.KILL_9, "crash", "a) crash drill: " + options.triggers()
                + " triggers, kill -9 mid-run, restart on the same data directory", options);
    }

    /** Scenario d. */
    public static InterruptedRunDrill gracefulStop(DrillOptions options) {
        return new InterruptedRunDrill(Interruption.SIGTERM, "sigterm", "d) graceful stop: " + options.triggers()
                + " triggers, SIGTERM mid-run, restart on the same data directory", options);
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        try (StandInTarget target = startTarget();
             RunwireProcess runwire = runwire("runwire", directory, Map.of(),
                     List.of("--runwire.database.embedded.port=" + postgresPort))) {
            startAndAwaitHealthy(runwire);
            Map<Long, String> jvms = new HashMap<>(Map.of(runwire.pid(), "1st JVM"));
            DrillApi.Setup setup = api.prepare(runwire.baseUrl(), name, target.url("/" + name));
            try (ExecutionsTable table = new ExecutionsTable(postgresPort, setup.incidentId())) {
                table.startSampling(100);
                report.fact("target latency", options.latencyMinMs() + "-" + options.latencyMaxMs() + " ms");
                report.fact("trigger pace", options.triggersPerSecond() > 0
                        ? options.triggersPerSecond() + " per second from " + options.clientThreads() + " client threads"
                        : "as fast as " + options.clientThreads() + " client threads go");
                long started = System.nanoTime();
                TriggerLoad load = new TriggerLoad(api, setup, List.of(new Endpoint("runwire", runwire.baseUrl())),
                        options.clientThreads(), options.triggersPerSecond(), options.finalTimeout());
                CompletableFuture<List<Trigger>> sending = load.start(options.triggers());

                int stopAt = Math.max(1, options.triggers() / 3);
                await().atMost(options.finalTimeout()).pollInterval(Duration.ofMillis(5))
                        .until(() -> target.distinctReceived() >= stopAt);
                report.fact("stopped when the target had received", target.distinctReceived() + " of "
                        + options.triggers() + " (201s so far: " + load.created() + ")");

                Optional<List<Row>> atSignal = table.rows();
                long stoppedAt = System.nanoTime();
                Set<String> inFlightAtSignal = target.inFlightNow();
                target.startWatching();
                boolean stoppedInTime = interrupt(runwire);
                Set<String> inFlightAtStop = target.stopWatching();
                String when = interruption == Interruption.KILL_9 ? "at the kill" : "during the stop";
                atSignal.ifPresent(rows -> report.fact("executions in the database just before the signal",
                        ExecutionsTable.countByStatus(rows)));
                report.fact("calls in flight at the target at the signal", inFlightAtSignal.size());
                report.fact("calls under way at the target " + when + " (until the JVM was gone)",
                        inFlightAtStop.size());
                Optional<ProcessHandle> postmaster = runwire.postmaster();
                report.fact("PostgreSQL left running on the data directory",
                        postmaster.map(server -> "yes, pid " + server.pid()).orElse("no"));
                // a kill -9 leaves the embedded PostgreSQL running: its rows are exactly what the JVM had committed
                Optional<List<Row>> leftBehind = table.rows();
                leftBehind.ifPresent(rows -> report.fact("executions as the JVM left them",
                        ExecutionsTable.countByStatus(rows)));
                if (!stoppedInTime) {
                    load.stop();
                    return;
                }

                runwire.start();
                jvms.put(runwire.pid(), "2nd JVM");
                log("started runwire again on the same data directory (pid " + runwire.pid() + ", log "
                        + runwire.currentLog() + ")");
                if (leftBehind.isEmpty()) {
                    leftBehind = firstLook(table, runwire);
                    leftBehind.ifPresent(rows -> report.fact("executions as the next start found them",
                            ExecutionsTable.countByStatus(rows)));
                }
                Set<String> mayRepeat = inFlight(inFlightAtStop, running(atSignal, leftBehind), when);
                try {
                    Duration restart = runwire.awaitHealthy(options.startTimeout());
                    report.fact("next start on the same data directory", "healthy after "
                            + DrillReport.seconds(restart.toNanos()) + " ("
                            + DrillReport.seconds(System.nanoTime() - stoppedAt) + " after the signal)");
                    report.must("the next start on the same data directory just works", true, "");
                } catch (IllegalStateException failed) {
                    report.must("the next start on the same data directory just works", false, failed.getMessage());
                    load.stop();
                    return;
                }

                List<Trigger> triggers = sending.get();
                List<String> executionIds = reportTriggers(triggers);
                List<Row> rows = awaitAllFinal(table, executionIds.size());
                long tookNanos = System.nanoTime() - started;
                reportExecutions(executionIds, rows, target, mayRepeat, when, stoppedAt, false);
                reportNodes(rows, table, jvms);
                reportTime(rows, tookNanos);
            }
        }
    }

    /**
     * The executions in flight when the JVM went: a call under way at the target, or claimed (RUNNING) and not yet
     * recorded — a call answered a moment before the kill whose result the node never wrote counts too. Only these
     * may reach the target a second time (at-least-once, which the Idempotency-Key is for).
     */
    private Set<String> inFlight(Set<String> callsUnderWay, Set<String> running, String when) {
        Set<String> inFlight = new HashSet<>(callsUnderWay);
        inFlight.addAll(running);
        report.fact("executions in flight " + when, inFlight.size() + " (calls under way at the target: "
                + callsUnderWay.size() + "; RUNNING in the database: " + running.size() + ")");
        return inFlight;
    }

    /** The RUNNING executions just before the signal and as the stopped JVM left them. */
    private static Set<String> running(Optional<List<Row>> atSignal, Optional<List<Row>> leftBehind) {
        return Stream.concat(atSignal.orElse(List.of()).stream(), leftBehind.orElse(List.of()).stream())
                .filter(row -> "RUNNING".equals(row.status())).map(Row::id).collect(Collectors.toSet());
    }

    /** Stops the JVM the scenario's way; false when it did not end in time. */
    private boolean interrupt(RunwireProcess runwire) {
        if (interruption == Interruption.KILL_9) {
            RunwireProcess.Stopped killed = runwire.kill();
            log("kill -9: exit code " + killed.exitCode());
            report.fact("kill -9 (Process.destroyForcibly)", "exit code " + killed.exitCode()
                    + (killed.byKill() ? " = 128 + 9: SIGKILL" : ""));
            report.must("the JVM was killed by SIGKILL", killed.byKill(), "exit code " + killed.exitCode());
            return killed.exitCode() != -1;
        }
        RunwireProcess.Stopped terminated = runwire.terminate(SIGTERM_PATIENCE);
        log("SIGTERM: exit code " + terminated.exitCode() + " after " + DrillReport.seconds(terminated.took().toNanos()));
        report.fact("SIGTERM (Process.destroy)", terminated.exitCode() == -1 ? "still running after "
                + SIGTERM_PATIENCE.toSeconds() + " s" : "exit code " + terminated.exitCode() + " after "
                + DrillReport.seconds(terminated.took().toNanos()));
        boolean inTime = terminated.exitCode() != -1;
        report.must("the JVM ended within " + SIGTERM_PATIENCE.toSeconds() + " s of SIGTERM", inTime,
                inTime ? DrillReport.seconds(terminated.took().toNanos()) : "killed instead");
        if (!inTime) {
            runwire.kill();
        }
        return inTime;
    }

    /** The executions as soon as the restarted JVM's PostgreSQL answers, before its recovery has had much time. */
    private Optional<List<Row>> firstLook(ExecutionsTable table, RunwireProcess runwire) {
        AtomicReference<Optional<List<Row>>> rows = new AtomicReference<>(Optional.empty());
        try {
            await().atMost(options.startTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        rows.set(table.rows());
                        return rows.get().isPresent() || !runwire.isAlive();
                    });
        } catch (ConditionTimeoutException databaseNeverCameUp) {
            // awaitHealthy reports the failed start with the log's tail
        }
        return rows.get();
    }
}
