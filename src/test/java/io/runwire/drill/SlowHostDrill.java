package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.StandInTarget.InFlightGauge;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Scenario e: one node with its default workers, two targets on two loopback ports (the bulkhead is per host:port).
 * Executions to a slow target that holds every call fill that host's places and wait in the database beyond them;
 * executions to a fast target triggered after them must all succeed while the slow ones are still in flight. At no
 * moment more calls in flight than the node has workers, nor more to one host than the per-host cap.
 */
public final class SlowHostDrill extends Drill {

    private static final int DEFAULT_CONCURRENCY = 16;

    private final int slowTriggers;
    private final Duration hold;
    private final Duration fastWithin;

    /**
     * {@code slowTriggers} executions to a target holding each call {@code hold}, then {@code options.triggers()} to
     * one answering in {@code options.latency}; {@code fastWithin}, if not null, is a must for the fast ones' time.
     */
    public SlowHostDrill(DrillOptions options, int slowTriggers, Duration hold, Duration fastWithin) {
        super("slow", "e) slow target: " + slowTriggers + " executions to a host holding each call "
                + hold.toSeconds() + " s, then " + options.triggers() + " to a host answering in "
                + options.latencyMinMs() + "-" + options.latencyMaxMs() + " ms", options);
        this.slowTriggers = slowTriggers;
        this.hold = hold;
        this.fastWithin = fastWithin;
    }

    /** The form: 32 held 20 s, then 200 fast ones, all SUCCESS within 10 s. */
    public static SlowHostDrill full(DrillOptions options) {
        return new SlowHostDrill(options, 32, Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        List<String> drillSettings = List.of("--runwire.database.embedded.port=" + postgresPort);
        List<String> settings = options.runwireArgumentsOver(drillSettings);
        int concurrency = setting(settings, "runwire.executor.concurrency").orElse(DEFAULT_CONCURRENCY);
        int perHost = setting(settings, "runwire.executor.per-host-concurrency").filter(cap -> cap > 0)
                .orElse(Math.max(1, concurrency / 4));
        InFlightGauge overall = new InFlightGauge();
        int holdMs = (int) hold.toMillis();
        try (StandInTarget slow = StandInTarget.start(holdMs, holdMs, 64, overall);
             StandInTarget fast = StandInTarget.start(options.latencyMinMs(), options.latencyMaxMs(), 64, overall);
             RunwireProcess runwire = runwire("runwire", directory, Map.of(), drillSettings)) {
            log("slow target at " + slow.url("/") + " holding each call " + hold.toSeconds() + " s, fast target at "
                    + fast.url("/") + " answering in " + options.latencyMinMs() + "-" + options.latencyMaxMs() + " ms");
            startAndAwaitHealthy(runwire);
            // the slow runbook's timeout well beyond the hold: its calls are slow, not failing
            DrillApi.Setup slowSetup = api.prepare(runwire.baseUrl(), name + "-slow", slow.url("/slow"),
                    (int) hold.toSeconds() + 60);
            DrillApi.Setup fastSetup = api.prepare(runwire.baseUrl(), name + "-fast", fast.url("/fast"));
            try (ExecutionsTable slowTable = new ExecutionsTable(postgresPort, slowSetup.incidentId());
                 ExecutionsTable fastTable = new ExecutionsTable(postgresPort, fastSetup.incidentId())) {
                slowTable.startSampling(100);
                fastTable.startSampling(100);
                report.fact("workers / per-host cap", concurrency + " / " + perHost
                        + " (runwire.executor.concurrency / per-host-concurrency)");

                List<Trigger> slowTriggered = load(slowSetup, runwire).start(slowTriggers).get();
                long slowCreated = slowTriggered.stream().filter(Trigger::triggered).count();
                report.must("every slow trigger got its 201", slowCreated == slowTriggers,
                        slowCreated + " of " + slowTriggers);
                int fillsTheHost = Math.min(perHost, slowTriggers);
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> slow.calls().now() >= fillsTheHost);
                } catch (ConditionTimeoutException notFilled) {
                    log("the slow host never had " + fillsTheHost + " calls in flight: " + slow.calls().now());
                }
                report.fact("before the first fast trigger", "slow host " + slow.calls().now() + " calls in flight; "
                        + "slow executions " + slowTable.rows().map(ExecutionsTable::countByStatus).orElse(Map.of()));

                long fastStarted = System.nanoTime();
                AtomicLong fastSent = new AtomicLong();
                CompletableFuture<List<Trigger>> fastSending = load(fastSetup, runwire).start(options.triggers())
                        .whenComplete((triggers, failure) -> fastSent.set(System.nanoTime()));
                AtomicReference<List<Row>> fastRows = new AtomicReference<>(List.of());
                String slowAtTheEnd = "";
                int slowInFlightAtTheEnd = -1;
                long slowFinalAtTheEnd = -1;
                long fastTookNanos = -1;
                try {
                    await().atMost(options.finalTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                            .until(() -> fastTable.rows().map(rows -> {
                                fastRows.set(rows);
                                return rows.size() >= options.triggers() && rows.stream().allMatch(Row::isFinal);
                            }).orElse(false));
                    fastTookNanos = System.nanoTime() - fastStarted;
                    slowInFlightAtTheEnd = slow.calls().now();
                    List<Row> slowRows = slowTable.rows().orElse(List.of());
                    slowFinalAtTheEnd = slowRows.stream().filter(Row::isFinal).count();
                    slowAtTheEnd = ExecutionsTable.countByStatus(slowRows).toString();
                    log("all " + fastRows.get().size() + " fast executions final after "
                            + DrillReport.seconds(fastTookNanos));
                } catch (ConditionTimeoutException timeout) {
                    log("gave up waiting for the fast executions after " + options.finalTimeout().toSeconds() + " s: "
                            + ExecutionsTable.countByStatus(fastRows.get()));
                }
                List<Trigger> fastTriggered = fastSending.get();
                long fastCreated = fastTriggered.stream().filter(Trigger::triggered).count();
                report.must("every fast trigger got its 201", fastCreated == options.triggers(),
                        fastCreated + " of " + options.triggers());

                List<Row> rows = fastRows.get();
                long succeeded = rows.stream().filter(row -> "SUCCESS".equals(row.status())).count();
                report.fact("fast executions", ExecutionsTable.countByStatus(rows));
                report.fact("fast calls the target got", fast.requests() + " for " + fast.distinctReceived()
                        + " executions");
                report.fact("time to send the fast triggers", DrillReport.seconds(fastSent.get() - fastStarted));
                report.fact("fast calls reaching their target, after the first fast trigger",
                        arrivals(fast, rows, fastStarted));
                report.fact("fast executions from trigger to final (createdAt to completedAt)",
                        triggerToFinal(api.executions(runwire.baseUrl(), fastSetup)));
                report.fact("time for the fast ones (first fast trigger until the last was SUCCESS)",
                        fastTookNanos < 0 ? "not all final after " + options.finalTimeout().toSeconds() + " s"
                                : DrillReport.seconds(fastTookNanos));
                report.fact("slow ones when the last fast one was final", slowTriggers - Math.max(0, slowFinalAtTheEnd)
                        + " not final " + slowAtTheEnd + ", " + slowInFlightAtTheEnd
                        + " calls in flight at the slow host");
                report.fact("peak calls in flight at once: both targets / slow host / fast host", overall.peak()
                        + " / " + slow.calls().peak() + " / " + fast.calls().peak());
                report.fact("peak RUNNING in the database: slow / fast", slowTable.peakRunning() + " / "
                        + fastTable.peakRunning());

                report.must("every fast execution is SUCCESS", succeeded == options.triggers()
                        && rows.size() == options.triggers(), succeeded + " of " + options.triggers());
                report.must("the fast ones were all final while slow ones were still in flight",
                        fastTookNanos >= 0 && slowInFlightAtTheEnd > 0 && slowFinalAtTheEnd < slowTriggers,
                        "at that moment " + slowInFlightAtTheEnd + " slow calls in flight, "
                                + Math.max(0, slowFinalAtTheEnd) + " of " + slowTriggers + " slow final");
                report.must("never more calls in flight at once than the node's workers (" + concurrency + ")",
                        overall.peak() <= concurrency, "peak " + overall.peak());
                report.must("never more calls in flight to one host than the per-host cap (" + perHost + ")",
                        slow.calls().peak() <= perHost && fast.calls().peak() <= perHost,
                        "slow host " + slow.calls().peak() + ", fast host " + fast.calls().peak());
                if (fastWithin != null) {
                    report.must("the fast ones took under " + fastWithin.toSeconds() + " s", fastTookNanos >= 0
                            && fastTookNanos < fastWithin.toNanos(), fastTookNanos < 0 ? "not all final"
                            : DrillReport.seconds(fastTookNanos));
                }
                // the slow ones need not finish (slowTriggers x hold / cap): the drill is over
                RunwireProcess.Stopped stopped = runwire.kill();
                log("stopped runwire (kill -9, exit code " + stopped.exitCode() + ") without waiting for the slow"
                        + " ones");
            }
        }
    }

    /** When the first call of each execution reached the target: the first, the median and the last. */
    private static String arrivals(StandInTarget target, List<Row> rows, long since) {
        List<Long> nanos = rows.stream().map(row -> target.firstReceivedAt(row.id())).filter(Objects::nonNull)
                .map(at -> at - since).sorted().toList();
        return nanos.isEmpty() ? "none" : "first " + DrillReport.seconds(nanos.get(0)) + ", median "
                + DrillReport.seconds(nanos.get(nanos.size() / 2)) + ", last "
                + DrillReport.seconds(nanos.get(nanos.size() - 1));
    }

    /** From each execution's createdAt to its completedAt, as the API shows them: the median and the longest. */
    private static String triggerToFinal(JsonNode executions) {
        List<Long> millis = new ArrayList<>();
        executions.forEach(execution -> {
            if (execution.hasNonNull("createdAt") && execution.hasNonNull("completedAt")) {
                millis.add(Duration.between(OffsetDateTime.parse(execution.get("createdAt").asText()),
                        OffsetDateTime.parse(execution.get("completedAt").asText())).toMillis());
            }
        });
        Collections.sort(millis);
        return millis.isEmpty() ? "none completed" : "median " + DrillReport.seconds(millis.get(millis.size() / 2)
                * 1_000_000) + ", longest " + DrillReport.seconds(millis.get(millis.size() - 1) * 1_000_000)
                + " (" + millis.size() + " completed)";
    }

    private TriggerLoad load(DrillApi.Setup setup, RunwireProcess runwire) {
        return new TriggerLoad(api, setup, List.of(new Endpoint("runwire", runwire.baseUrl())),
                options.clientThreads(), options.triggersPerSecond(), Duration.ofSeconds(30));
    }

    /** The last {@code --name=value} among the settings Runwire gets, as a number. */
    private static Optional<Integer> setting(List<String> settings, String name) {
        String prefix = "--" + name + "=";
        return settings.stream().filter(setting -> setting.startsWith(prefix))
                .map(setting -> Integer.parseInt(setting.substring(prefix.length()).trim()))
                .reduce((first, last) -> last);
    }
}
