package io.runwire.drill;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Scenario h (the workflows issue): instance A on its embedded PostgreSQL, instance B on A's PostgreSQL, both looking
 * for aged incidents every 100 ms. An age workflow of one minute, N OPEN incidents made a minute old (their
 * {@code created_at} moved back in the database), then several seconds of both pollers racing: each incident must get
 * exactly one workflow execution and its target exactly one call.
 */
public final class AgeTriggerDrill extends Drill {

    private static final List<String> FAST_AGE_POLL = List.of("--runwire.workflows.age-interval-ms=100");
    private static final Duration RACE = Duration.ofSeconds(5);

    public AgeTriggerDrill(DrillOptions options) {
        super("age", "h) age trigger on two instances on one database: " + options.triggers()
                + " incidents past the threshold, both nodes polling every 100 ms", options);
    }

    @Override
    protected void drill() throws Exception {
        Path directory = freshDirectory();
        int postgresPort = RunwireProcess.freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> sharedKey = Map.of("RUNWIRE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        List<String> a = new ArrayList<>(FAST_AGE_POLL);
        a.add("--runwire.database.embedded.port=" + postgresPort);
        List<String> b = new ArrayList<>(FAST_AGE_POLL);
        b.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres"));
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?connectTimeout=3&socketTimeout=10";
        try (StandInTarget target = startTarget();
             RunwireProcess instanceA = runwire("A", directory, sharedKey, a);
             RunwireProcess instanceB = runwire("B", directory, sharedKey, b)) {
            startAndAwaitHealthy(instanceA);
            startAndAwaitHealthy(instanceB);
            DrillApi.Setup setup = api.prepare(instanceA.baseUrl(), name, target.url("/unused"));
            List<String> incidents = new ArrayList<>();
            for (int i = 0; i < options.triggers(); i++) {
                incidents.add(api.incident(i % 2 == 0 ? instanceA.baseUrl() : instanceB.baseUrl(), setup, "aging " + i));
            }
            String workflowId = api.ageWorkflow(instanceB.baseUrl(), setup, target.url("/" + name), 1);
            int aged = makeAMinuteOld(jdbcUrl, incidents);
            report.fact("incidents made a minute old", aged + " of " + incidents.size());
            try {
                await().atMost(options.finalTimeout()).pollInterval(Duration.ofMillis(200))
                        .until(() -> target.requests() >= incidents.size());
            } catch (ConditionTimeoutException timeout) {
                log("gave up waiting for " + incidents.size() + " calls: " + target.requests() + " arrived");
            }
            Thread.sleep(RACE.toMillis());
            Map<String, Integer> perIncident = executionsPerIncident(jdbcUrl, workflowId);
            long once = incidents.stream().filter(id -> perIncident.getOrDefault(id, 0) == 1).count();
            long twice = perIncident.values().stream().filter(count -> count > 1).count();
            report.fact("workflow executions per incident", perIncident.values().stream()
                    .collect(java.util.stream.Collectors.groupingBy(count -> count, TreeMap::new,
                            java.util.stream.Collectors.counting())));
            report.fact("dispatchers that took the age events", dispatchers(jdbcUrl, workflowId));
            report.must("every aged incident ran the age workflow", once + twice == incidents.size(),
                    (incidents.size() - once - twice) + " did not");
            report.must("no incident ran it twice", twice == 0, twice + " incidents ran it more than once");
            report.must("the target received one call per incident", target.requests() == incidents.size(),
                    target.requests() + " calls for " + incidents.size() + " incidents");
        }
    }

    private static int makeAMinuteOld(String jdbcUrl, List<String> incidents) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE runwire.incidents SET created_at = now() - interval '61 seconds' WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", incidents.stream().map(UUID::fromString).toArray()));
            return statement.executeUpdate();
        }
    }

    private static Map<String, Integer> executionsPerIncident(String jdbcUrl, String workflowId) throws SQLException {
        return counts(jdbcUrl, "SELECT incident_id::text, count(*) FROM runwire.workflow_executions"
                + " WHERE workflow_id = ? GROUP BY incident_id", workflowId);
    }

    /** Which node's dispatcher claimed the age events (claimed_by is "<host>:<pid>:..."), by node. */
    private static Map<String, Integer> dispatchers(String jdbcUrl, String workflowId) throws SQLException {
        return counts(jdbcUrl, "SELECT coalesce(claimed_by, '?'), count(*) FROM runwire.incident_events"
                + " WHERE kind = 'age' AND workflow_id = ? GROUP BY claimed_by", workflowId);
    }

    private static Map<String, Integer> counts(String jdbcUrl, String sql, String workflowId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(workflowId));
            Map<String, Integer> counts = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }
}
