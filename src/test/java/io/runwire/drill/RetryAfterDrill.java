package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Scenario f: a target answers each execution's first call 429 with {@code Retry-After}. The wait must be data, not a
 * thread: thread dumps during it show every SEDA worker idle on its queue and no thread in a Camel delay or an HTTP
 * call; the JVM is killed with SIGKILL in the middle of the wait and started again on the same data directory, and
 * the second attempt still reaches the target when the target asked for it (within 2 s), and succeeds.
 */
public final class RetryAfterDrill extends Drill {

    /** The due-time poller's period for this drill: well inside the 2 s tolerance. */
    static final String POLL_INTERVAL = "--runwire.executor.poll-interval-ms=500";
    static final long TOLERANCE_MS = 2000;
    /**
     * SEDA consumers started while the Camel context starts sleep up to 1 s before their first poll
     * (SedaConsumer.doRun): the dump of a fresh JVM waits this long after it is healthy, so it sees the steady state.
     */
    private static final long SETTLE_AFTER_START_MS = 2000;
    /** A dump after the restart only when this much of the wait is left: it must not straddle the next attempt. */
    private static final long LEAST_WAIT_LEFT_FOR_A_DUMP_MS = SETTLE_AFTER_START_MS + 3000;

    private final int retryAfterSeconds;
    private final Duration killAfter;
    private int dumps;

    /** Killed {@code killAfter} after the first attempt reached the target (or as soon as the first dump is done). */
    public RetryAfterDrill(DrillOptions options, int retryAfterSeconds, Duration killAfter) {
        super("retry-after", "f) Retry-After: " + options.triggers() + " execution(s) told 429 Retry-After: "
                + retryAfterSeconds + ", kill -9 during the wait, restart on the same data directory", options);
        this.retryAfterSeconds = retryAfterSeconds;
        this.killAfter = killAfter;
    }

    /** The form: Retry-After 60, killed 20 s into the wait. */
    public static RetryAfterDrill full(DrillOptions options) {
        return new RetryAfterDrill(options, 60, Duration.ofSeconds(20));
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        List<String> drillSettings = List.of("--runwire.database.embedded.port=" + postgresPort, POLL_INTERVAL);
        List<String> settings = options.runwireArgumentsOver(drillSettings);
        try (StandInTarget target = StandInTarget.turningAwayFirstCalls(retryAfterSeconds, options.latencyMinMs(),
                options.latencyMaxMs(), 16);
             RunwireProcess runwire = runwire("runwire", directory, Map.of(), drillSettings)) {
            log("stand-in target at " + target.url("/") + ": 429 Retry-After " + retryAfterSeconds
                    + " to each execution's first call, then 200");
            startAndAwaitHealthy(runwire);
            DrillApi.Setup setup = api.prepare(runwire.baseUrl(), name, target.url("/" + name));
            try (ExecutionsTable table = new ExecutionsTable(postgresPort, setup.incidentId())) {
                report.fact("Retry-After on each execution's first call", retryAfterSeconds + " s");
                report.fact("due-time poller (runwire.executor.poll-interval-ms)", setting(settings,
                        "--runwire.executor.poll-interval-ms=").orElse("2000 (default)") + " ms");
                long started = System.nanoTime();
                List<Trigger> triggers = new TriggerLoad(api, setup,
                        List.of(new Endpoint("runwire", runwire.baseUrl())), options.clientThreads(),
                        options.triggersPerSecond(), Duration.ofSeconds(30)).start(options.triggers()).get();
                List<String> ids = reportTriggers(triggers);
                if (ids.isEmpty()) {
                    return;
                }

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> ids.stream().allMatch(id -> target.firstReceivedAt(id) != null));
                long firstAt = ids.stream().mapToLong(target::firstReceivedAt).min().orElseThrow();
                long dueAt = firstAt + TimeUnit.SECONDS.toNanos(retryAfterSeconds);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> table.rows().map(rows -> waiting(rows, ids)).orElse(false));
                reportWaiting(runwire, ids, table);
                checkThreads(runwire, directory, "1st JVM, " + sinceFirst(firstAt) + " into the wait");

                waitUntil(firstAt + killAfter.toNanos());
                long killedAt = System.nanoTime();
                RunwireProcess.Stopped killed = runwire.kill();
                log("kill -9 " + sinceFirst(firstAt) + " into the wait: exit code " + killed.exitCode());
                report.fact("kill -9 (Process.destroyForcibly)", "exit code " + killed.exitCode()
                        + (killed.byKill() ? " = 128 + 9: SIGKILL" : "") + ", " + seconds(killedAt - firstAt)
                        + " after the first attempt");
                long early = ids.stream().filter(id -> target.receptions(id) > 1).count();
                report.must("the JVM was killed by SIGKILL during the wait", killed.byKill() && early == 0,
                        "exit code " + killed.exitCode() + ", second attempts before the kill: " + early);

                runwire.start();
                log("started runwire again on the same data directory (pid " + runwire.pid() + ", log "
                        + runwire.currentLog() + ")");
                try {
                    Duration restart = runwire.awaitHealthy(options.startTimeout());
                    long waitLeft = dueAt - System.nanoTime();
                    report.fact("next start on the same data directory", "healthy after "
                            + DrillReport.seconds(restart.toNanos()) + ", " + sinceFirst(firstAt)
                            + " into the wait");
                    report.must("the next start on the same data directory just works", true, "");
                    // a start slower than the wait leaves the next attempt late whatever the engine does
                    report.must("the next start was healthy before the next attempt was due", waitLeft > 0,
                            waitLeft > 0 ? seconds(waitLeft) + " to spare" : seconds(-waitLeft) + " too late");
                    if (waitLeft > TimeUnit.MILLISECONDS.toNanos(LEAST_WAIT_LEFT_FOR_A_DUMP_MS)) {
                        Thread.sleep(SETTLE_AFTER_START_MS);
                        checkThreads(runwire, directory, "2nd JVM, " + sinceFirst(firstAt) + " into the wait");
                    } else {
                        report.note("(no thread dump of the 2nd JVM: less than "
                                + LEAST_WAIT_LEFT_FOR_A_DUMP_MS / 1000 + " s of the wait left when it was healthy)");
                    }
                } catch (IllegalStateException failed) {
                    report.must("the next start on the same data directory just works", false, failed.getMessage());
                    return;
                }

                awaitSecondCalls(target, ids);
                List<Row> rows = awaitAllFinal(table, ids.size());
                long tookNanos = System.nanoTime() - started;
                reportSecondAttempts(target, ids);
                reportOutcome(runwire, ids, rows, target);
                reportTime(rows, tookNanos);
            }
        }
    }

    /** Every execution PENDING again after its first attempt: waiting as data for the next. */
    private static boolean waiting(List<Row> rows, List<String> ids) {
        Map<String, Row> byId = rows.stream().collect(Collectors.toMap(Row::id, row -> row));
        return ids.stream().map(byId::get)
                .allMatch(row -> row != null && "PENDING".equals(row.status()) && row.attempts() == 1);
    }

    private void reportWaiting(RunwireProcess runwire, List<String> ids, ExecutionsTable table) throws Exception {
        List<Row> rows = table.rows().orElse(List.of());
        report.fact("executions after the first attempt", ExecutionsTable.countByStatus(rows) + ", attempts "
                + rows.stream().map(Row::attempts).distinct().toList());
        JsonNode first = api.execution(runwire.baseUrl(), ids.get(0)).body().at("/execution/attemptHistory/0");
        report.fact("first attempt on record (GET /api/runbook-executions/{id})", first.path("outcome").asText()
                + " " + first.path("statusCode").asText() + ", finished " + first.path("finishedAt").asText()
                + ", next attempt at " + first.path("nextAttemptAt").asText());
        report.must("the first call was answered 429 and the execution waits as data (PENDING, 1 attempt on record)",
                "RETRY".equals(first.path("outcome").asText()) && first.path("statusCode").asInt() == 429,
                ids.size() + " of " + ids.size() + " PENDING after 1 attempt; first attempt "
                        + first.path("outcome").asText() + " " + first.path("statusCode").asText());
    }

    /** A thread dump of the JVM during the wait: no worker taken, nothing sleeping for the execution. */
    private void checkThreads(RunwireProcess runwire, Path directory, String when) throws Exception {
        dumps++;
        Path saved = directory.resolve("logs").resolve("threads-" + dumps + ".txt");
        ThreadDump dump = ThreadDump.of(runwire.pid(), saved);
        List<ThreadDump.JavaThread> workers = dump.workers();
        List<ThreadDump.JavaThread> busy = dump.busyWorkers();
        List<ThreadDump.JavaThread> holding = dump.holding();
        log("thread dump " + dumps + " (" + when + "): " + saved);
        report.fact("thread dump " + dumps + " (" + when + ")", dump.threads().size() + " threads, "
                + workers.size() + " SEDA workers, " + (workers.size() - busy.size()) + " of them idle on the queue; "
                + saved);
        busy.stream().limit(5).forEach(thread -> report.note("busy worker: " + thread.summary()));
        holding.stream().limit(5).forEach(thread -> report.note("holding: " + thread.name() + " at "
                + thread.holdingFrame().orElse("?")));
        String idleFrame = workers.stream().filter(ThreadDump.JavaThread::idleOnQueue).findFirst()
                .map(ThreadDump.JavaThread::summary).orElse("");
        if (!idleFrame.isEmpty()) {
            report.note("e.g. " + idleFrame);
        }
        report.must("thread dump " + dumps + ": every SEDA worker thread is idle, waiting on its queue",
                !workers.isEmpty() && busy.isEmpty(), (workers.size() - busy.size()) + " of " + workers.size()
                        + " idle (names containing " + ThreadDump.WORKER + ")");
        report.must("thread dump " + dumps + ": no thread sits in a Camel delay, throttle, redelivery sleep or"
                + " HTTP call", holding.isEmpty(), holding.size() + " such threads");
    }

    private void awaitSecondCalls(StandInTarget target, List<String> ids) {
        try {
            await().atMost(Duration.ofSeconds(retryAfterSeconds + 60L)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ids.stream().allMatch(id -> target.receptions(id) >= 2));
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            log("gave up waiting for the second attempts: " + ids.stream()
                    .filter(id -> target.receptions(id) < 2).count() + " never came");
        }
    }

    /** When each second call arrived at the target, after the first: the Retry-After, plus at most the tolerance. */
    private void reportSecondAttempts(StandInTarget target, List<String> ids) {
        List<Long> gapsMs = new ArrayList<>();
        long offTime = 0;
        for (String id : ids) {
            List<Long> times = target.receivedAt(id);
            if (times.size() < 2) {
                offTime++;
                continue;
            }
            long gapMs = TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0));
            gapsMs.add(gapMs);
            if (Math.abs(gapMs - retryAfterSeconds * 1000L) > TOLERANCE_MS) {
                offTime++;
            }
        }
        String gaps = gapsMs.stream().map(ms -> String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0))
                .collect(Collectors.joining(", "));
        report.fact("second attempt after the first (measured at the target)", gaps.isEmpty() ? "none came" : gaps);
        report.must("the second attempt reached the target " + retryAfterSeconds + " s (+/- "
                + TOLERANCE_MS / 1000 + " s) after the first", offTime == 0 && gapsMs.size() == ids.size(),
                (ids.size() - offTime) + " of " + ids.size() + " on time");
    }

    private void reportOutcome(RunwireProcess runwire, List<String> ids, List<Row> rows, StandInTarget target)
            throws Exception {
        long succeeded = rows.stream().filter(row -> "SUCCESS".equals(row.status())).count();
        report.fact("executions at the end", ExecutionsTable.countByStatus(rows));
        report.must("every execution ended SUCCESS", succeeded == ids.size() && rows.size() == ids.size(),
                succeeded + " of " + ids.size());
        long twice = ids.stream().filter(id -> target.receptions(id) == 2).count();
        report.fact("calls the target got", target.requests() + " for " + ids.size() + " execution(s)");
        report.must("the target got exactly two calls of each execution", twice == ids.size()
                && target.requests() == 2 * ids.size(), twice + " of " + ids.size());

        long asExpected = 0;
        for (String id : ids) {
            JsonNode history = api.execution(runwire.baseUrl(), id).body().at("/execution/attemptHistory");
            String shown = describe(history);
            if (asExpected == 0) {
                report.fact("attemptHistory of " + id, shown);
            }
            if (shown.equals("[1 RETRY 429, 2 SUCCESS 200]")) {
                asExpected++;
            } else {
                report.note(id + ": " + shown);
            }
        }
        report.must("GET /api/runbook-executions/{id} shows 2 attempts: RETRY with statusCode 429, then SUCCESS",
                asExpected == ids.size(), asExpected + " of " + ids.size());
    }

    private static String describe(JsonNode history) {
        List<String> attempts = new ArrayList<>();
        history.forEach(attempt -> attempts.add(attempt.path("number").asText() + " "
                + attempt.path("outcome").asText() + " " + attempt.path("statusCode").asText()));
        return attempts.toString();
    }

    private static Optional<String> setting(List<String> settings, String prefix) {
        return settings.stream().filter(setting -> setting.startsWith(prefix))
                .map(setting -> setting.substring(prefix.length())).reduce((first, last) -> last);
    }

    private static String sinceFirst(long firstAt) {
        return seconds(System.nanoTime() - firstAt);
    }

    private static String seconds(long nanos) {
        return DrillReport.seconds(nanos);
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
