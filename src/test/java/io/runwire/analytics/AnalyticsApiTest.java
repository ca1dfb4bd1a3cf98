package io.runwire.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * GET /api/runbooks/{id}/analytics and GET /api/workflows/{id}/analytics on executions seeded with plain SQL (final
 * statuses, or open ones no poller takes), compared with what a direct SQL count over the same rows says: from the
 * executions alone (the rollup emptied after seeding, as sql/analytics-rollup-forget.sql does), and from the rollup of
 * V15 (direct:analytics-rollup run by the test) with what it does not hold yet.
 */
class AnalyticsApiTest extends ApiTestSupport {

    /** percentile_cont's value, rounded to 0.1 ms like the answer: the rollup's histogram is within 1 % of it. */
    private static final double HISTOGRAM_ERROR = 0.01;

    @Autowired
    ProducerTemplate producer;

    @Test
    void runbookAnalyticsEqualADirectCountOfItsExecutionsOfTheLastSevenDays() {
        String runbookId = seededRunbook();

        ApiResponse response = client(createUser().token()).get("/api/runbooks/" + runbookId + "/analytics");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode analytics = response.body().path("analytics");
        assertThat(analytics.path("runbookId").asText()).isEqualTo(runbookId);
        String window = "runbook_id = '" + runbookId + "' AND created_at >= now() - interval '7 days'";
        assertThat(analytics.path("executions").asLong()).isEqualTo(20)
                .isEqualTo(count("SELECT count(*) FROM runbook_executions WHERE " + window));
        for (String status : List.of("SUCCESS", "FAILED", "TIMED_OUT", "CANCELLED")) {
            assertThat(analytics.path("byStatus").path(status).asLong()).as(status)
                    .isEqualTo(count("SELECT count(*) FROM runbook_executions WHERE " + window
                            + " AND status = '" + status + "'"));
        }
        assertThat(analytics.path("byStatus").path("SUCCESS").asLong()).isEqualTo(13);
        assertThat(analytics.path("successRate").decimalValue()).isEqualByComparingTo("0.6842")
                .isEqualByComparingTo(decimal("SELECT round(count(*) FILTER (WHERE status = 'SUCCESS')::numeric"
                        + " / count(*), 4) FROM runbook_executions WHERE " + window
                        + " AND status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')"));
        String durations = "SELECT round(percentile_cont(%s) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at -"
                + " started_at) * 1000)::numeric, 1) FROM runbook_executions WHERE " + window
                + " AND status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')";
        assertThat(analytics.at("/durationMs/p50").decimalValue()).isEqualByComparingTo(decimal(durations.formatted("0.5")));
        assertThat(analytics.at("/durationMs/p95").decimalValue()).isEqualByComparingTo(decimal(durations.formatted("0.95")));
        assertThat(analytics.at("/durationMs/p50").decimalValue()).isEqualByComparingTo("1100.0");
        assertThat(analytics.at("/attempts/perExecution").decimalValue())
                .isEqualByComparingTo(decimal("SELECT round(avg(attempts), 2) FROM runbook_executions WHERE " + window
                        + " AND status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')"));
        assertThat(analytics.at("/attempts/max").asInt()).isEqualTo(3);
        List<Map<String, Object>> errors = jdbc.queryForList("SELECT error, count(*) AS n FROM runbook_executions WHERE "
                + window + " AND status IN ('FAILED', 'TIMED_OUT') GROUP BY error ORDER BY n DESC, error LIMIT 5");
        assertThat(analytics.path("topErrors")).hasSize(errors.size()).hasSize(3);
        topErrorsAre(analytics.path("topErrors"), errors);
        assertThat(analytics.path("topErrors").get(0).path("error").asText()).isEqualTo("HTTP 500 from target");
    }

    @Test
    void sinceNarrowsTheWindowAndOlderExecutionsCountWhenItReachesThem() {
        String runbookId = seededRunbook();
        String path = "/api/runbooks/" + runbookId + "/analytics?since=";

        assertThat(admin.get(path + "2000-01-01").body().at("/analytics/executions").asLong()).isEqualTo(23);
        String recently = jdbc.queryForObject("SELECT to_char((now() - interval '25 minutes') AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", String.class);
        assertThat(admin.get(path + recently).body().at("/analytics/executions").asLong())
                .isEqualTo(count("SELECT count(*) FROM runbook_executions WHERE runbook_id = '" + runbookId
                        + "' AND created_at >= now() - interval '25 minutes'"))
                .isEqualTo(2);
        JsonNode empty = admin.get(path + "2100-01-01T00:00:00%2B01:00").body().path("analytics");
        assertThat(empty.path("executions").asLong()).isZero();
        assertThat(empty.path("successRate").isNull()).isTrue();
        assertThat(empty.path("topErrors")).isEmpty();
    }

    @Test
    void aBadSinceIs400AndAnUnknownRunbook404() {
        String runbookId = seededRunbook();
        ApiResponse bad = admin.get("/api/runbooks/" + runbookId + "/analytics?since=last-tuesday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("Invalid since");
        assertThat(bad.body().path("details").get(0).asText()).startsWith("since: 'last-tuesday' is not an ISO-8601");

        ApiResponse missing = admin.get("/api/runbooks/" + UUID.randomUUID() + "/analytics");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("Runbook not found");
        assertThat(admin.get("/api/workflows/" + UUID.randomUUID() + "/analytics").error()).isEqualTo("Workflow not found");
        assertThat(admin.get("/api/workflows/" + seededWorkflow() + "/analytics?since=2026-13-45").status()).isEqualTo(400);
    }

    @Test
    void workflowAnalyticsEqualADirectCountOfItsExecutionsAndTheirNodes() {
        String workflowId = seededWorkflow();

        ApiResponse response = client(createUser().token()).get("/api/workflows/" + workflowId + "/analytics");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode analytics = response.body().path("analytics");
        String window = "workflow_id = '" + workflowId + "' AND created_at >= now() - interval '7 days'";
        assertThat(analytics.path("executions").asLong()).isEqualTo(10)
                .isEqualTo(count("SELECT count(*) FROM workflow_executions WHERE " + window));
        assertThat(analytics.path("byStatus").path("COMPLETED").asLong()).isEqualTo(7)
                .isEqualTo(count("SELECT count(*) FROM workflow_executions WHERE " + window + " AND status = 'COMPLETED'"));
        assertThat(analytics.path("byStatus").path("FAILED").asLong()).isEqualTo(2);
        assertThat(analytics.path("byStatus").path("CANCELLED").asLong()).isEqualTo(1);
        assertThat(analytics.path("successRate").decimalValue()).isEqualByComparingTo("0.7000");
        assertThat(analytics.at("/durationMs/p50").decimalValue()).isEqualByComparingTo(decimal(
                "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM coalesce(completed_at,"
                        + " failed_at) - started_at) * 1000)::numeric, 1) FROM workflow_executions WHERE " + window));
        assertThat(analytics.path("topErrors")).hasSize(2);
        assertThat(analytics.at("/topErrors/0/error").asText()).isEqualTo("Node 'notify' failed: HTTP 503");
        assertThat(analytics.at("/topErrors/0/count").asLong()).isEqualTo(2);

        List<Map<String, Object>> nodes = jdbc.queryForList("SELECT r ->> 'nodeId' AS node, count(*) AS runs,"
                + " count(*) FILTER (WHERE r ->> 'status' = 'FAILED') AS failures,"
                + " round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (r ->> 'completedAt')::timestamptz"
                + " - (r ->> 'startedAt')::timestamptz) * 1000)::numeric, 1) AS p50"
                + " FROM workflow_executions, jsonb_array_elements(node_results) r WHERE " + window
                + " GROUP BY 1 ORDER BY 1");
        assertThat(analytics.path("nodes")).hasSize(nodes.size()).hasSize(3);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = analytics.path("nodes").get(i);
            assertThat(node.path("nodeId").asText()).isEqualTo(nodes.get(i).get("node"));
            assertThat(node.path("runs").asLong()).isEqualTo(nodes.get(i).get("runs"));
            assertThat(node.path("failures").asLong()).isEqualTo(nodes.get(i).get("failures"));
            assertThat(node.path("p50DurationMs").decimalValue()).isEqualByComparingTo((BigDecimal) nodes.get(i).get("p50"));
        }
        JsonNode notify = analytics.path("nodes").get(0);
        assertThat(notify.path("nodeId").asText()).isEqualTo("notify");
        assertThat(notify.path("type").asText()).isEqualTo("action");
        assertThat(notify.path("runs").asLong()).isEqualTo(10);
        assertThat(notify.path("failures").asLong()).isEqualTo(2);
        assertThat(notify.path("attemptsPerRun").decimalValue()).isEqualByComparingTo("1.40");
    }

    @Test
    void theServicesSessionsRunWithoutJitSoNoStatementPaysForCompilingItsPlan() {
        assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
    }

    @Test
    void runbookAnalyticsFromTheRollupEqualADirectCountWithWhatBecameFinalAfterItsRunAndWhatIsStillOpen() throws SQLException {
        String runbookId = seededRunbookOverHours();
        String late = openRunbookExecution(runbookId, "RUNNING", 150);
        String committedLate = openRunbookExecution(runbookId, "RUNNING", 200);
        openRunbookExecution(runbookId, "PENDING", 100);
        String since = partHourAgo(6);

        try (Connection slow = jdbc.getDataSource().getConnection()) {
            // a finishing statement whose transaction began before the rollup ran and commits after it: its
            // completed_at (its now()) lies before the run, which must not take its place for it
            slow.setAutoCommit(false);
            try (Statement statement = slow.createStatement()) {
                statement.executeUpdate("UPDATE runbook_executions SET status = 'SUCCESS', attempts = 1,"
                        + " completed_at = now() WHERE id = '" + committedLate + "'");
            }
            rollUp();
            slow.commit();
        }
        jdbc.update("UPDATE runbook_executions SET status = 'FAILED', attempts = 3, error = 'Connection refused',"
                + " completed_at = now() WHERE id = ?::uuid", late);

        assertThat(count("SELECT sum(success + failed + timed_out + cancelled) FROM runbook_execution_hours"
                + " WHERE runbook_id = '" + runbookId + "'")).as("executions the rollup holds").isGreaterThan(300);
        JsonNode first = runbookAnalyticsEqualADirectCount(runbookId, since);
        assertThat(first.at("/byStatus/PENDING").asLong()).isEqualTo(1);

        rollUp();
        JsonNode again = runbookAnalyticsEqualADirectCount(runbookId, since);
        for (String field : List.of("executions", "byStatus", "successRate", "attempts", "topErrors")) {
            assertThat(again.path(field)).as(field).isEqualTo(first.path(field));
        }
        assertThat(count("SELECT sum(success + failed + timed_out + cancelled) FROM runbook_execution_hours"
                + " WHERE runbook_id = '" + runbookId + "'"))
                .as("two more runs count each execution once").isEqualTo(count("SELECT count(*) FROM runbook_executions"
                        + " WHERE runbook_id = '" + runbookId + "' AND status <> 'PENDING'"));
    }

    @Test
    void workflowAnalyticsFromTheRollupEqualADirectCountOfItsExecutionsAndTheirNodes() {
        String workflowId = seededWorkflowOverHours();
        String since = partHourAgo(5);
        rollUp();
        // ends after the run: the rollup does not hold it, the statement reads it
        jdbc.update("UPDATE workflow_executions SET status = 'COMPLETED', completed_at = now(), lease_until = NULL,"
                + " node_results = node_results || jsonb_build_array(jsonb_build_object('nodeId', 'page', 'type',"
                + " 'action', 'status', 'COMPLETED', 'startedAt', now() - interval '2 seconds', 'completedAt', now(),"
                + " 'attempts', 2)) WHERE workflow_id = ?::uuid AND status = 'RUNNING'", workflowId);

        assertThat(count("SELECT sum(completed + failed + cancelled) FROM workflow_execution_hours"
                + " WHERE workflow_id = '" + workflowId + "'")).as("executions the rollup holds").isGreaterThan(80);
        JsonNode analytics = admin.get("/api/workflows/" + workflowId + "/analytics?since=" + since).body()
                .path("analytics");
        String window = "workflow_id = '" + workflowId + "' AND created_at >= '" + since + "'";
        assertThat(analytics.path("executions").asLong())
                .isEqualTo(count("SELECT count(*) FROM workflow_executions WHERE " + window));
        for (String status : List.of("WAITING", "COMPLETED", "FAILED", "CANCELLED")) {
            assertThat(analytics.path("byStatus").path(status).asLong()).as(status).isEqualTo(count(
                    "SELECT count(*) FROM workflow_executions WHERE " + window + " AND status = '" + status + "'"));
        }
        assertThat(analytics.at("/byStatus/WAITING").asLong()).isEqualTo(1);
        assertThat(analytics.path("successRate").decimalValue()).isEqualByComparingTo(decimal(
                "SELECT round(count(*) FILTER (WHERE status = 'COMPLETED')::numeric / count(*), 4)"
                        + " FROM workflow_executions WHERE " + window + " AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')"));
        String took = "extract(epoch FROM coalesce(completed_at, failed_at) - started_at) * 1000";
        nearPercentile(analytics.at("/durationMs/p50"), "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + took
                + ") FROM workflow_executions WHERE " + window + " AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')");
        nearPercentile(analytics.at("/durationMs/p95"), "SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY " + took
                + ") FROM workflow_executions WHERE " + window + " AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')");
        List<Map<String, Object>> errors = jdbc.queryForList("SELECT error, count(*) AS n FROM workflow_executions"
                + " WHERE " + window + " AND status IN ('FAILED', 'CANCELLED') AND error IS NOT NULL"
                + " GROUP BY error ORDER BY n DESC, error LIMIT 5");
        assertThat(analytics.path("topErrors")).hasSize(errors.size()).hasSize(2);
        topErrorsAre(analytics.path("topErrors"), errors);

        List<Map<String, Object>> nodes = jdbc.queryForList("SELECT r ->> 'nodeId' AS node, min(r ->> 'type') AS type,"
                + " count(*) AS runs, count(*) FILTER (WHERE r ->> 'status' = 'FAILED') AS failures,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (r ->> 'completedAt')::timestamptz"
                + " - (r ->> 'startedAt')::timestamptz) * 1000) AS p50, round(avg((r ->> 'attempts')::int), 2) AS attempts"
                + " FROM workflow_executions, jsonb_array_elements(node_results) r WHERE " + window
                + " GROUP BY 1 ORDER BY 1");
        assertThat(analytics.path("nodes")).hasSize(nodes.size()).hasSize(3);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = analytics.path("nodes").get(i);
            Map<String, Object> expected = nodes.get(i);
            assertThat(node.path("nodeId").asText()).isEqualTo(expected.get("node"));
            assertThat(node.path("type").asText()).isEqualTo(expected.get("type"));
            assertThat(node.path("runs").asLong()).as("runs").isEqualTo(expected.get("runs"));
            assertThat(node.path("failures").asLong()).as("failures").isEqualTo(expected.get("failures"));
            assertThat(node.path("attemptsPerRun").decimalValue()).isEqualByComparingTo((BigDecimal) expected.get("attempts"));
            nearPercentile(node.path("p50DurationMs"), ((Number) expected.get("p50")).doubleValue());
        }
    }

    @Test
    void aRollupRunThatFindsTheWatermarkLockedLeavesItToTheReplicaHoldingIt() throws SQLException {
        seededRunbook();
        rollUp();
        OffsetDateTime before = watermark("runbook");
        try (Connection other = jdbc.getDataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT * FROM analytics_rollup_watermarks WHERE kind = 'runbook' FOR UPDATE");
            }
            rollupRun();
            assertThat(watermark("runbook")).isEqualTo(before);
            other.rollback();
        }
        rollupRun();
        assertThat(watermark("runbook")).isAfter(before);
    }

    /**
     * 20 executions of the last hours (13 SUCCESS, 4 FAILED, 2 TIMED_OUT, 1 CANCELLED; the i-th
     * created 10 * i minutes ago, ran i * 100 ms) and 3
     * SUCCESS of 30 days ago.
     */
    private String seededRunbook() {
        String runbookId = newRunbook();
        jdbc.update("""
                INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, triggered_by, status,
                                                attempts, error, created_at, started_at, completed_at)
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', s.status,
                       CASE s.status WHEN 'FAILED' THEN 3 WHEN 'TIMED_OUT' THEN 2 WHEN 'CANCELLED' THEN 0 ELSE 1 + i % 2 END,
                       CASE WHEN s.status = 'FAILED' AND i <= 15 THEN 'HTTP 500 from target'
                            WHEN s.status = 'FAILED' THEN 'Connection refused'
                            WHEN s.status = 'TIMED_OUT' THEN 'Timed out after 30 s' END,
                       now() - make_interval(mins => 10 * i),
                       CASE WHEN s.status <> 'CANCELLED' THEN now() - make_interval(mins => 10 * i) + interval '1 second' END,
                       CASE WHEN s.status <> 'CANCELLED' THEN now() - make_interval(mins => 10 * i) + interval '1 second'
                                                               + make_interval(secs => i * 0.1) END
                FROM generate_series(1, 20) i,
                     LATERAL (SELECT CASE WHEN i % 5 = 0 THEN 'FAILED' WHEN i % 7 = 0 THEN 'TIMED_OUT'
                                          WHEN i = 3 THEN 'CANCELLED' ELSE 'SUCCESS' END AS status) s
                UNION ALL
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', 'SUCCESS', 1, NULL, now() - interval '30 days',
                       now() - interval '30 days', now() - interval '30 days' + interval '5 seconds'
                FROM generate_series(1, 3)
                """, runbookId, runbookId);
        rollupForgets();
        return runbookId;
    }

    /**
     * 10 executions: 7 COMPLETED (trigger, notify, page), 2 FAILED at notify after 3 attempts, 1 CANCELLED after
     * notify; and one of 30 days ago.
     */
    private String seededWorkflow() {
        String workflowId = newWorkflow();
        jdbc.update("""
                INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, triggered_by, status,
                                                 error, created_at, started_at, completed_at, failed_at, node_results)
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', s.status,
                       CASE s.status WHEN 'FAILED' THEN 'Node ''notify'' failed: HTTP 503'
                                     WHEN 'CANCELLED' THEN 'The workflow ran past its timeout (5min)' END,
                       t0, t0, CASE WHEN s.status <> 'FAILED' THEN t0 + make_interval(secs => i) END,
                       CASE WHEN s.status = 'FAILED' THEN t0 + make_interval(secs => i) END,
                       jsonb_build_array(
                           jsonb_build_object('nodeId', 'trigger', 'type', 'trigger', 'status', 'COMPLETED',
                                              'startedAt', t0, 'completedAt', t0, 'attempts', 1),
                           jsonb_build_object('nodeId', 'notify', 'type', 'action',
                                              'status', CASE WHEN s.status = 'FAILED' THEN 'FAILED' ELSE 'COMPLETED' END,
                                              'startedAt', t0, 'completedAt', t0 + make_interval(secs => i * 0.01),
                                              'attempts', CASE WHEN s.status = 'FAILED' THEN 3 ELSE 1 END))
                       || CASE WHEN s.status = 'COMPLETED' THEN jsonb_build_array(
                           jsonb_build_object('nodeId', 'page', 'type', 'action', 'status', 'COMPLETED',
                                              'startedAt', t0, 'completedAt', t0 + interval '250 milliseconds',
                                              'attempts', 1)) ELSE '[]'::jsonb END
                FROM generate_series(1, 10) i,
                     LATERAL (SELECT now() - make_interval(hours => i) AS t0,
                                     CASE WHEN i IN (4, 8) THEN 'FAILED' WHEN i = 9 THEN 'CANCELLED'
                                          ELSE 'COMPLETED' END AS status) s
                UNION ALL
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', 'FAILED', 'long ago', now() - interval '30 days',
                       now() - interval '30 days', NULL, now() - interval '30 days', '[]'::jsonb
                """, workflowId, workflowId);
        rollupForgets();
        return workflowId;
    }

    /**
     * The checks of a runbook's answer since {@code since} against a direct count of its executions: every count and
     * the errors exactly, p50 and p95 within the histogram's error.
     */
    private JsonNode runbookAnalyticsEqualADirectCount(String runbookId, String since) {
        ApiResponse response = admin.get("/api/runbooks/" + runbookId + "/analytics?since=" + since);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode analytics = response.body().path("analytics");
        String window = "runbook_id = '" + runbookId + "' AND created_at >= '" + since + "'";
        String ran = " AND status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')";
        assertThat(analytics.path("executions").asLong())
                .isEqualTo(count("SELECT count(*) FROM runbook_executions WHERE " + window));
        for (String status : List.of("PENDING", "RUNNING", "SUCCESS", "FAILED", "TIMED_OUT", "CANCELLED")) {
            assertThat(analytics.path("byStatus").path(status).asLong()).as(status).isEqualTo(count(
                    "SELECT count(*) FROM runbook_executions WHERE " + window + " AND status = '" + status + "'"));
        }
        assertThat(analytics.path("successRate").decimalValue()).isEqualByComparingTo(decimal("SELECT round(count(*)"
                + " FILTER (WHERE status = 'SUCCESS')::numeric / count(*), 4) FROM runbook_executions WHERE " + window + ran));
        assertThat(analytics.at("/attempts/perExecution").decimalValue()).isEqualByComparingTo(decimal(
                "SELECT round(avg(attempts), 2) FROM runbook_executions WHERE " + window + ran));
        assertThat(analytics.at("/attempts/max").asLong())
                .isEqualTo(count("SELECT max(attempts) FROM runbook_executions WHERE " + window + ran));
        String took = "extract(epoch FROM completed_at - started_at) * 1000";
        nearPercentile(analytics.at("/durationMs/p50"), "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + took
                + ") FROM runbook_executions WHERE " + window + ran);
        nearPercentile(analytics.at("/durationMs/p95"), "SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY " + took
                + ") FROM runbook_executions WHERE " + window + ran);
        List<Map<String, Object>> errors = jdbc.queryForList("SELECT error, count(*) AS n FROM runbook_executions WHERE "
                + window + " AND status IN ('FAILED', 'TIMED_OUT') AND error IS NOT NULL"
                + " GROUP BY error ORDER BY n DESC, error LIMIT 5");
        assertThat(analytics.path("topErrors")).hasSize(errors.size()).hasSize(5);
        topErrorsAre(analytics.path("topErrors"), errors);
        return analytics;
    }

    /** The answer's topErrors, in order, are the rows (error, n) of a direct count. */
    private static void topErrorsAre(JsonNode topErrors, List<Map<String, Object>> errors) {
        assertThat(topErrors).hasSize(errors.size());
        for (int i = 0; i < errors.size(); i++) {
            assertThat(topErrors.get(i).path("error").asText()).isEqualTo(errors.get(i).get("error"));
            assertThat(topErrors.get(i).path("count").asLong()).isEqualTo(errors.get(i).get("n"));
        }
    }

    private void nearPercentile(JsonNode answer, String percentileSql) {
        nearPercentile(answer, jdbc.queryForObject(percentileSql, Double.class));
    }

    private void nearPercentile(JsonNode answer, double exact) {
        assertThat(answer.isNumber()).as(answer.toString()).isTrue();
        assertThat(answer.asDouble()).isCloseTo(exact, within(HISTOGRAM_ERROR * exact + 0.05));
    }

    /** Two runs, as two ticks of the timer: the first fixes how far the second may go (after what was just seeded). */
    private void rollUp() {
        rollupRun();
        rollupRun();
    }

    /** One run of routes/analytics-rollup.yaml, as a tick of its timer starts it. */
    private void rollupRun() {
        producer.sendBody("direct:analytics-rollup", "");
    }

    /** Seeded executions lie before the rollup's watermark: it starts from the beginning, with what they are. */
    private void rollupForgets() {
        try {
            jdbc.update(new ClassPathResource("sql/analytics-rollup-forget.sql").getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OffsetDateTime watermark(String kind) {
        return jdbc.queryForObject("SELECT done_until FROM analytics_rollup_watermarks WHERE kind = ?",
                OffsetDateTime.class, kind);
    }

    /** 20 minutes into the hour (UTC) {@code hours} hours ago: the window starts with a part-hour. */
    private String partHourAgo(int hours) {
        return jdbc.queryForObject("SELECT to_char((date_trunc('hour', now(), 'UTC') - make_interval(hours => ?)"
                + " + interval '20 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", String.class, hours);
    }

    /**
     * 400 final executions over the last 8 hours (the i-th created 72 * i s ago, ran 20 + 37 * i % 1000 ms), of every
     * final status, with six error texts.
     */
    private String seededRunbookOverHours() {
        String runbookId = newRunbook();
        jdbc.update("""
                INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, triggered_by, status,
                                                attempts, error, created_at, started_at, completed_at)
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', s.status,
                       CASE s.status WHEN 'FAILED' THEN 3 WHEN 'TIMED_OUT' THEN 2 WHEN 'CANCELLED' THEN 0 ELSE 1 + i % 3 END,
                       CASE s.status WHEN 'FAILED' THEN (ARRAY['HTTP 500 from target', 'HTTP 502 from target',
                                                               'Connection refused', 'Connection reset',
                                                               'HTTP 400 from target'])[1 + i % 5]
                                     WHEN 'TIMED_OUT' THEN 'Timed out after 30 s' END,
                       s.created, CASE WHEN s.status <> 'CANCELLED' THEN s.created END,
                       CASE WHEN s.status <> 'CANCELLED' THEN s.created + make_interval(secs => (20 + 37 * i % 1000) / 1000.0)
                            ELSE s.created + interval '1 second' END
                FROM generate_series(1, 400) i,
                     LATERAL (SELECT now() - make_interval(secs => 72 * i) AS created,
                                     CASE WHEN i % 7 = 0 THEN 'FAILED' WHEN i % 11 = 0 THEN 'TIMED_OUT'
                                          WHEN i % 13 = 0 THEN 'CANCELLED' ELSE 'SUCCESS' END AS status) s
                """, runbookId);
        rollupForgets();
        return runbookId;
    }

    /** An execution created {@code minutesAgo} that no poller takes: PENDING until tomorrow, or RUNNING elsewhere. */
    private String openRunbookExecution(String runbookId, String status, int minutesAgo) {
        return jdbc.queryForObject("""
                INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, triggered_by, status,
                                                attempts, created_at, started_at, claimed_by, lease_until, next_attempt_at)
                VALUES (?::uuid, 1, '{}'::jsonb, 'manual', ?, 1, now() - make_interval(mins => ?),
                        now() - make_interval(mins => ?) + interval '3 seconds',
                        CASE WHEN ? = 'RUNNING' THEN 'elsewhere' END,
                        CASE WHEN ? = 'RUNNING' THEN now() + interval '1 day' END,
                        CASE WHEN ? = 'PENDING' THEN now() + interval '1 day' END)
                RETURNING id::text
                """, String.class, runbookId, status, minutesAgo, minutesAgo, status, status, status);
    }

    /**
     * 100 executions over the last 7 hours (the i-th created 250 * i s ago): COMPLETED (trigger, notify, page), FAILED
     * at notify, CANCELLED after notify; one WAITING after notify until tomorrow and one RUNNING at page (elsewhere).
     */
    private String seededWorkflowOverHours() {
        String workflowId = newWorkflow();
        jdbc.update("""
                INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, triggered_by, status,
                                                 error, created_at, started_at, completed_at, failed_at, resume_at,
                                                 claimed_by, lease_until, node_results)
                SELECT ?::uuid, 1, '{}'::jsonb, 'manual', s.status,
                       CASE s.status WHEN 'FAILED' THEN 'Node ''notify'' failed: HTTP 503'
                                     WHEN 'CANCELLED' THEN 'The workflow ran past its timeout (5min)' END,
                       t0, t0,
                       CASE WHEN s.status IN ('COMPLETED', 'FAILED', 'CANCELLED') THEN t0 + make_interval(secs => i * 0.07) END,
                       CASE WHEN s.status = 'FAILED' THEN t0 + make_interval(secs => i * 0.07) END,
                       CASE WHEN s.status = 'WAITING' THEN now() + interval '1 day' END,
                       CASE WHEN s.status = 'RUNNING' THEN 'elsewhere' END,
                       CASE WHEN s.status = 'RUNNING' THEN now() + interval '1 day' END,
                       jsonb_build_array(
                           jsonb_build_object('nodeId', 'trigger', 'type', 'trigger', 'status', 'COMPLETED',
                                              'startedAt', t0, 'completedAt', t0, 'attempts', 1),
                           jsonb_build_object('nodeId', 'notify', 'type', 'action',
                                              'status', CASE WHEN s.status = 'FAILED' THEN 'FAILED' ELSE 'COMPLETED' END,
                                              'startedAt', t0, 'completedAt', t0 + make_interval(secs => (i % 17) * 0.013),
                                              'attempts', CASE WHEN s.status = 'FAILED' THEN 3 ELSE 1 + i % 2 END))
                       || CASE WHEN s.status = 'COMPLETED' THEN jsonb_build_array(
                           jsonb_build_object('nodeId', 'page', 'type', 'action', 'status', 'COMPLETED',
                                              'startedAt', t0, 'completedAt', t0 + make_interval(secs => i * 0.003),
                                              'attempts', 1)) ELSE '[]'::jsonb END
                FROM generate_series(1, 100) i,
                     LATERAL (SELECT now() - make_interval(secs => 250 * i) AS t0,
                                     CASE WHEN i = 3 THEN 'WAITING' WHEN i = 5 THEN 'RUNNING'
                                          WHEN i % 6 = 0 THEN 'FAILED' WHEN i % 9 = 0 THEN 'CANCELLED'
                                          ELSE 'COMPLETED' END AS status) s
                """, workflowId);
        rollupForgets();
        return workflowId;
    }

    /** An approved runbook of a new team, for executions seeded by hand. */
    private String newRunbook() {
        return jdbc.queryForObject("INSERT INTO runbooks (team_id, name, webhook_url, approval_status)"
                + " VALUES (?::uuid, ?, 'https://target.example/hook', 'APPROVED') RETURNING id::text", String.class,
                createTeam(), unique("analytics"));
    }

    private String newWorkflow() {
        return jdbc.queryForObject("INSERT INTO workflows (team_id, name, definition) VALUES (?::uuid, ?,"
                + " '{\"nodes\": [], \"edges\": []}') RETURNING id::text", String.class, createTeam(), unique("analytics"));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private BigDecimal decimal(String sql) {
        return jdbc.queryForObject(sql, BigDecimal.class).setScale(4, RoundingMode.HALF_UP);
    }
}
