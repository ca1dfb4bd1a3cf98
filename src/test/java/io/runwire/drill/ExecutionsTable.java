package io.runwire.drill;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code runbook_executions} straight from PostgreSQL (the truth, DESIGN §4) for one incident: statuses, who
 * ran what, and — sampled while the drill runs — which node held each execution while it was RUNNING.
 */
public final class ExecutionsTable implements AutoCloseable {

    public static final Set<String> FINAL = Set.of("SUCCESS", "FAILED", "TIMED_OUT", "CANCELLED");
    private static final Pattern NODE_ID = Pattern.compile("^.*-(\\d+)-[0-9a-z]+$");

    private final String jdbcUrl;
    private final UUID incidentId;
    private final Map<String, Set<String>> claimsSeen = new ConcurrentHashMap<>();
    private final AtomicInteger peakPending = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private ScheduledExecutorService sampler;

    public ExecutionsTable(int postgresPort, UUID incidentId) {
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?connectTimeout=3&socketTimeout=10";
        this.incidentId = incidentId;
    }

    public record Row(String id, String status, int attempts, String claimedBy, String error) {
        public boolean isFinal() {
            return FINAL.contains(status);
        }
    }

    /** Every execution of the incident; empty when the database cannot be reached (it is down with its JVM). */
    public Optional<List<Row>> rows() {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, status, attempts, claimed_by, error FROM runbook_executions WHERE incident_id = ?")) {
            query.setObject(1, incidentId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
                }
            }
            return Optional.of(rows);
        } catch (SQLException databaseDown) {
            return Optional.empty();
        }
    }

    public static Map<String, Long> countByStatus(List<Row> rows) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(row.status(), 1L, Long::sum));
        return counts;
    }

    /** The pid inside a node id ({@code host-pid-random}), to tell which JVM it was; empty if it has another shape. */
    public static Optional<Long> pidOf(String nodeId) {
        Matcher matcher = NODE_ID.matcher(nodeId == null ? "" : nodeId);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** Samples the RUNNING executions' {@code claimed_by} every {@code periodMs} until {@link #close()}. */
    public void startSampling(long periodMs) {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drill-claim-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        rows().ifPresent(rows -> {
            int pending = 0;
            int running = 0;
            for (Row row : rows) {
                if ("PENDING".equals(row.status())) {
                    pending++;
                } else if ("RUNNING".equals(row.status())) {
                    running++;
                    if (row.claimedBy() != null) {
                        claimsSeen.computeIfAbsent(row.id(), id -> ConcurrentHashMap.newKeySet()).add(row.claimedBy());
                    }
                }
            }
            peakPending.accumulateAndGet(pending, Math::max);
            peakRunning.accumulateAndGet(running, Math::max);
        });
    }

    /** For each execution seen RUNNING by the sampler, the node ids seen holding it. */
    public Map<String, Set<String>> claimsSeen() {
        return Map.copyOf(claimsSeen);
    }

    public int peakPending() {
        return peakPending.get();
    }

    public int peakRunning() {
        return peakRunning.get();
    }

    /** A fresh connection per query: the drill restarts the database under it. */
    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
