package io.runwire.drill;

import io.runwire.drill.ExecutionsTable.Row;
import io.runwire.drill.TriggerLoad.Endpoint;
import io.runwire.drill.TriggerLoad.Trigger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Scenario b: instance A on its embedded PostgreSQL, instance B on A's PostgreSQL (one encryption key for both), the
 * triggers spread over both APIs. Each execution must reach the target exactly once, and both instances must work.
 * Then the same Idempotency-Key sent to both at once must create one execution.
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
            sameKeyOnBothInstances(a, b, target, postgresPort);
        }
    }

    /** Each key sent to A and B at the same moment: one execution per key, whichever API answered first. */
    private void sameKeyOnBothInstances(RunwireProcess a, RunwireProcess b, StandInTarget target, int postgresPort)
            throws Exception {
        int keys = 20;
        DrillApi.Setup setup = api.prepare(a.baseUrl(), name + "-keys", target.url("/" + name + "-keys"));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        Map<String, List<DrillApi.Answer>> answers = new TreeMap<>();
        try {
            for (int i = 0; i < keys; i++) {
                String key = UUID.randomUUID().toString();
                CountDownLatch together = new CountDownLatch(1);
                List<Future<DrillApi.Answer>> sent = new ArrayList<>();
                for (RunwireProcess instance : List.of(a, b)) {
                    sent.add(clients.submit(() -> {
                        together.await();
                        return api.execute(instance.baseUrl(), setup, key);
                    }));
                }
                together.countDown();
                List<DrillApi.Answer> both = new ArrayList<>();
                for (Future<DrillApi.Answer> answer : sent) {
                    both.add(answer.get(30, TimeUnit.SECONDS));
                }
                answers.put(key, both);
            }
        } finally {
            clients.shutdownNow();
        }
        try (ExecutionsTable table = new ExecutionsTable(postgresPort, setup.incidentId())) {
            long executions = table.rows().map(List::size).orElse(-1);
            Map<Integer, Long> statuses = answers.values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(DrillApi.Answer::status, TreeMap::new, Collectors.counting()));
            long agreeing = answers.values().stream().filter(both -> both.stream()
                    .filter(answer -> answer.status() == 201)
                    .map(answer -> answer.body().path("execution").path("id").asText()).distinct().count() == 1)
                    .count();
            report.fact("same Idempotency-Key sent to A and B at once", keys + " keys, answers " + statuses);
            report.must("the same key on both instances created one execution", executions == keys,
                    executions + " executions for " + keys + " keys");
            report.must("every key's 201 answers name the same execution", agreeing == keys,
                    agreeing + " of " + keys);
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
