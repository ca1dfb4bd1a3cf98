package io.runwire.drill;

import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Scenario b: instance A on its embedded PostgreSQL, instance B on A's PostgreSQL (one encryption key for both), the
 * triggers spread over both APIs. Each execution must reach the target exactly once, and both instances must work.
 */
public final class TwoInstancesDrill extends Drill {

    public TwoInstancesDrill(DrillOptions options) {
        super("replicas", "b) two instances on one database: " + options.triggers() + " triggers over both APIs",
                options);
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> sharedKey = Map.of("RUNWIRE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        try (StandInTarget target = startTarget();
             RunwireProcess a = runwire("A", directory, sharedKey,
                     List.of("--runwire.database.embedded.port=" + postgresPort));
             RunwireProcess b = runwire("B", directory, sharedKey, List.of(
                     "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                     "--spring.datasource.username=postgres"))) {
            startAndAwaitHealthy(a);
            startAndAwaitHealthy(b);
            Map<Long, String> jvms = Map.of(a.pid(), "A", b.pid(), "B");
            DrillApi.Setup setup = api.prepare(a.baseUrl(), name, target.url("/" + name));
            try (ExecutionsTable table = new ExecutionsTable(postgresPort, setup.incidentId())) {
                table.startSampling(100);
                report.fact("target latency", options.latencyMinMs() + "-" + options.latencyMaxMs() + " ms");
                long started = System.nanoTime();
                TriggerLoad load = new TriggerLoad(api, setup, List.of(new Endpoint("A", a.baseUrl()),
                        new Endpoint("B", b.baseUrl())), options.clientThreads(), options.triggersPerSecond(),
                        options.finalTimeout());
                List<Trigger> triggers = load.start(options.triggers()).get();
                List<String> executionIds = reportTriggers(triggers);
                report.fact("triggers by the API that answered them", triggers.stream().filter(Trigger::triggered)
                        .collect(Collectors.groupingBy(trigger -> trigger.endpoint().name(), TreeMap::new,
                                Collectors.counting())));
                List<Row> rows = awaitAllFinal(table, executionIds.size());
                long tookNanos = System.nanoTime() - started;
                reportExecutions(executionIds, rows, target, Set.of(), null, null, true);
                Map<String, Long> split = reportNodes(rows, table, jvms);
                report.fact("API called -> node that ran it", crossTable(triggers, rows, table, jvms));
                report.must("both instances did work", split.getOrDefault("A", 0L) > 0 && split.getOrDefault("B", 0L) > 0,
                        "A ran " + split.getOrDefault("A", 0L) + ", B ran " + split.getOrDefault("B", 0L));
                reportTime(rows, tookNanos);
            }
        }
    }

    /** For each API, which node ran the executions it created (claimed_by, else what the sampler saw). */
    private static Map<String, Map<String, Long>> crossTable(List<Trigger> triggers, List<Row> rows,
                                                             ExecutionsTable table, Map<Long, String> jvms) {
        Map<String, Row> byId = rows.stream().collect(Collectors.toMap(Row::id, row -> row));
        Map<String, Set<String>> seen = table.claimsSeen();
        Map<String, Map<String, Long>> cross = new TreeMap<>();
        for (Trigger trigger : triggers) {
            if (!trigger.triggered()) {
                continue;
            }
            Row row = byId.get(trigger.executionId());
            String nodeId = row != null && row.claimedBy() != null ? row.claimedBy()
                    : seen.getOrDefault(trigger.executionId(), Set.of()).stream().findFirst().orElse(null);
            String node = nodeId == null ? "?" : ExecutionsTable.pidOf(nodeId).map(jvms::get).orElse("?");
            cross.computeIfAbsent(trigger.endpoint().name(), api -> new TreeMap<>()).merge(node, 1L, Long::sum);
        }
        return cross;
    }
}
