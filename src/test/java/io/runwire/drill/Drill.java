package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What every drill shares: a fresh directory, Runwire JVMs with the drill's settings, waiting until every execution
 * is final, and reading the outcome against the target's record of what it received.
 */
public abstract class Drill {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /**
     * The drills send triggers from one key as fast as their client threads go (TriggerLoad): the API's rate limits
     * (execute: 20 a second by default) are set far above that, so they count every request but refuse none.
     */
    private static final List<String> UNLIMITED_API = List.of(
            "--runwire.api.rate-limit.rate=1000000", "--runwire.api.rate-limit.burst=1000000",
            "--runwire.api.rate-limit.execute.rate=1000000", "--runwire.api.rate-limit.execute.burst=1000000");

    protected final String name;
    protected final DrillOptions options;
    protected final DrillReport report;
    protected final String adminToken = "drill-admin-" + UUID.randomUUID();
    protected final DrillApi api = new DrillApi(adminToken);

    protected Drill(String name, String title, DrillOptions options) {
        this.name = name;
        this.options = options;
        this.report = new DrillReport(title);
    }

    /** Runs the drill; whatever breaks on the way becomes a violated must, so the report is never lost. */
    public final DrillReport run() {
        long started = System.nanoTime();
        try {
            drill();
        } catch (Exception | AssertionError broken) {
            log("stopped early: " + broken);
            report.must("the drill ran to its end", false, String.valueOf(broken.getMessage()));
        }
        log("done in " + DrillReport.seconds(System.nanoTime() - started));
        return report;
    }

    protected abstract void drill() throws Exception;

    protected void log(String message) {
        System.out.println("[" + LocalTime.now().format(CLOCK) + " " + name + "] " + message);
    }

    /** {@code workDirectory/name}, emptied: each run starts from a fresh database. */
    protected Path freshDirectory() throws IOException {
        Path directory = options.workDirectory().resolve(name);
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    protected RunwireProcess runwire(String instance, Path directory, Map<String, String> environment,
                                     List<String> drillArguments) {
        List<String> settings = new ArrayList<>(UNLIMITED_API);
        settings.addAll(drillArguments);
        return RunwireProcess.of(instance, options.jar(), directory.resolve("logs"), directory.resolve(instance + "-data"),
                RunwireProcess.freePort(), adminToken, environment, options.runwireArgumentsOver(settings));
    }

    protected void startAndAwaitHealthy(RunwireProcess runwire) throws IOException {
        runwire.start();
        log("started " + runwire.name() + " (pid " + runwire.pid() + ", log " + runwire.currentLog() + ")");
        Duration took = runwire.awaitHealthy(options.startTimeout());
        log(runwire.name() + " healthy after " + DrillReport.seconds(took.toNanos()));
    }

    protected StandInTarget startTarget() throws IOException {
        StandInTarget target = StandInTarget.start(options.latencyMinMs(), options.latencyMaxMs(), 64);
        log("stand-in target at " + target.url("/") + " answering in " + options.latencyMinMs() + "-"
                + options.latencyMaxMs() + " ms");
        return target;
    }

    /**
     * Waits until the database holds at least {@code atLeast} executions of the drill's incident and every one of them
     * is final; returns the rows as last read, final or not.
     */
    protected List<Row> awaitAllFinal(ExecutionsTable table, int atLeast) {
        AtomicReference<List<Row>> last = new AtomicReference<>(List.of());
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long started = System.nanoTime();
        try {
            await().atMost(options.finalTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> table.rows().map(rows -> {
                        last.set(rows);
                        boolean allFinal = rows.size() >= atLeast && rows.stream().allMatch(Row::isFinal);
                        if (!allFinal && System.nanoTime() - lastProgress.get() > 10_000_000_000L) {
                            lastProgress.set(System.nanoTime());
                            log("waiting for final statuses: " + ExecutionsTable.countByStatus(rows));
                        }
                        return allFinal;
                    }).orElse(false));
            log("all " + last.get().size() + " executions final after "
                    + DrillReport.seconds(System.nanoTime() - started));
        } catch (ConditionTimeoutException timeout) {
            log("gave up waiting after " + options.finalTimeout().toSeconds() + " s: "
                    + ExecutionsTable.countByStatus(last.get()));
        }
        return last.get();
    }

    protected void reportTime(List<Row> rows, long tookNanos) {
        boolean allFinal = !rows.isEmpty() && rows.stream().allMatch(Row::isFinal);
        report.fact(allFinal ? "time taken (first trigger until all final)" : "time taken (gave up: not all final)",
                DrillReport.seconds(tookNanos));
    }

    /** The triggers' side: how many got their 201, and what the others (or earlier tries) got instead. */
    protected List<String> reportTriggers(List<Trigger> triggers) {
        List<String> executionIds = triggers.stream().filter(Trigger::triggered).map(Trigger::executionId).toList();
        long retried = triggers.stream().filter(trigger -> !trigger.failures().isEmpty()).count();
        report.fact("triggers sent", options.triggers());
        report.fact("executions triggered (201s)", executionIds.size());
        report.fact("triggers that needed a retry to get their 201", retried
                + (retried == 0 ? "" : " " + TriggerLoad.failureKinds(triggers)));
        report.must("every trigger got its 201", executionIds.size() == options.triggers(),
                executionIds.size() + " of " + options.triggers());
        return executionIds;
    }

    /**
     * The executions' side, against what the target received. {@code mayRepeat}: executions allowed to reach the
     * target twice (in flight when the node died), {@code at}: when that happened, for the diagnosis of others.
     */
    protected void reportExecutions(List<String> executionIds, List<Row> rows, StandInTarget target,
                                    Set<String> mayRepeat, String mayRepeatWhen, Long at, boolean requireSuccess) {
        Map<String, Row> byId = rows.stream().collect(Collectors.toMap(Row::id, Function.identity()));
        long extra = rows.size() - executionIds.stream().filter(byId::containsKey).count();
        long finals = rows.stream().filter(Row::isFinal).count();
        long unseenTriggered = executionIds.stream().filter(id -> !byId.containsKey(id)).count();
        report.fact("executions in the database", rows.size() + (extra == 0 ? ""
                : " (" + extra + " beyond the 201s: triggers whose answer was lost, then sent again)"));
        report.fact("executions that reached a final status", finals + " of " + rows.size() + " "
                + ExecutionsTable.countByStatus(rows));
        errorsOf(rows).forEach((error, count) -> report.note(count + " x " + error));
        report.must("every execution reached a final status", finals == rows.size() && unseenTriggered == 0
                && !rows.isEmpty(), finals + " of " + rows.size()
                + (unseenTriggered == 0 ? "" : "; " + unseenTriggered + " triggered ids missing from the database"));
        if (requireSuccess) {
            long succeeded = rows.stream().filter(row -> "SUCCESS".equals(row.status())).count();
            report.must("every execution succeeded (the target always answers 200)",
                    succeeded == rows.size() && !rows.isEmpty(), succeeded + " of " + rows.size());
        }

        List<String> neverReceived = rows.stream().map(Row::id).filter(id -> target.receptions(id) == 0).toList();
        report.fact("executions whose id the target never received", neverReceived.size());
        neverReceived.stream().limit(5).forEach(id -> report.note(describe(byId.get(id))));
        report.must("the target received every execution", neverReceived.isEmpty(),
                neverReceived.size() + " never received");

        List<String> repeated = rows.stream().map(Row::id).filter(id -> target.receptions(id) > 1).toList();
        List<String> repeatedUnexcused = repeated.stream().filter(id -> !mayRepeat.contains(id)).toList();
        report.fact("executions the target received more than once", repeated.size()
                + (mayRepeatWhen == null ? "" : " (in flight " + mayRepeatWhen + ": " + (repeated.size()
                - repeatedUnexcused.size()) + ", others: " + repeatedUnexcused.size() + ")"));
        repeatedUnexcused.stream().limit(5).forEach(id -> report.note(describe(byId.get(id)) + ", received "
                + target.receptions(id) + " times" + firstCallEnded(target, id, at)));
        report.must(mayRepeatWhen == null ? "the target received each execution exactly once"
                        : "an execution reached the target twice only if it was in flight " + mayRepeatWhen
                        + " (call under way, or RUNNING and not recorded)",
                repeatedUnexcused.isEmpty(), repeatedUnexcused.size() + " received more than once"
                        + (mayRepeatWhen == null ? "" : " without being in flight " + mayRepeatWhen));

        report.fact("times an execution was in flight twice at once", target.overlaps()
                + (target.overlaps() == 0 ? "" : " " + target.overlappingIds().stream().limit(5).toList()));
        report.must("no execution was ever in flight twice at once", target.overlaps() == 0,
                target.overlaps() + " overlapping calls");

        Set<String> unknown = target.receivedIds().stream().filter(id -> !byId.containsKey(id))
                .collect(Collectors.toSet());
        report.fact("calls the target got", target.requests() + " (ids unknown to the database: " + unknown.size() + ")");
        report.must("every call carried its execution id as X-Runwire-Execution-Id and Idempotency-Key",
                target.withoutExecutionId() == 0 && target.idempotencyKeyMismatches() == 0,
                target.withoutExecutionId() + " without id, " + target.idempotencyKeyMismatches()
                        + " with another Idempotency-Key");
    }

    /**
     * Which JVM ran what. {@code claimed_by} names the node that holds or last held an execution; where the product
     * clears it on completion, the samples taken while the executions were RUNNING stand in.
     */
    protected Map<String, Long> reportNodes(List<Row> rows, ExecutionsTable table, Map<Long, String> jvms) {
        Map<String, Set<String>> seen = table.claimsSeen();
        long kept = rows.stream().filter(row -> row.claimedBy() != null).count();
        Map<String, Long> split = new TreeMap<>();
        for (Row row : rows) {
            String node;
            if (row.claimedBy() != null) {
                node = jvmName(row.claimedBy(), jvms);
            } else if (seen.containsKey(row.id())) {
                Set<String> names = seen.get(row.id()).stream().map(id -> jvmName(id, jvms))
                        .collect(Collectors.toCollection(TreeSet::new));
                node = String.join(" then/or ", names);
            } else {
                node = "(not seen running)";
            }
            split.merge(node, 1L, Long::sum);
        }
        report.fact("who ran what", split);
        report.note(kept == rows.size() ? "(from claimed_by)" : kept == 0
                ? "(claimed_by is cleared on completion: from samples of the RUNNING rows every 100 ms)"
                : "(from claimed_by where kept (" + kept + " of " + rows.size() + "), else from samples of the"
                + " RUNNING rows every 100 ms)");
        long changedHands = seen.values().stream().filter(nodes -> nodes.size() > 1).count();
        report.fact("executions seen RUNNING on two nodes (taken over)", changedHands);
        report.fact("peak RUNNING / PENDING seen in the database", table.peakRunning() + " / " + table.peakPending());
        return split;
    }

    private static String jvmName(String nodeId, Map<Long, String> jvms) {
        return ExecutionsTable.pidOf(nodeId).map(jvms::get).orElse("node " + nodeId);
    }

    private static Map<String, Long> errorsOf(List<Row> rows) {
        Map<String, Long> errors = new LinkedHashMap<>();
        rows.stream().filter(row -> row.error() != null)
                .forEach(row -> errors.merge(abbreviate(row.error()), 1L, Long::sum));
        return errors;
    }

    private static String describe(Row row) {
        return row == null ? "?" : row.id() + " " + row.status() + " after " + row.attempts() + " attempt(s)"
                + (row.error() == null ? "" : ": " + abbreviate(row.error()));
    }

    private static String firstCallEnded(StandInTarget target, String id, Long at) {
        Long ended = target.firstAnsweredAt(id);
        if (at == null || ended == null) {
            return "";
        }
        long millis = (at - ended) / 1_000_000;
        return millis >= 0 ? "; its first call ended " + millis + " ms before"
                : "; its first call ended " + (-millis) + " ms after";
    }

    private static String abbreviate(String text) {
        return text.length() <= 140 ? text : text.substring(0, 137) + "...";
    }
}
