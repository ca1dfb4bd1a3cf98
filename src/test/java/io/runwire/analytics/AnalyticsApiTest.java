package io.runwire.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/runbooks/{id}/analytics and GET /api/workflows/{id}/analytics on executions seeded with plain SQL (final
 * statuses only, so no poller takes them), compared with what a direct SQL count over the same rows says.
 */
class AnalyticsApiTest extends ApiTestSupport {

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
        for (int i = 0; i < errors.size(); i++) {
            assertThat(analytics.path("topErrors").get(i).path("error").asText()).isEqualTo(errors.get(i).get("error"));
            assertThat(analytics.path("topErrors").get(i).path("count").asLong()).isEqualTo(errors.get(i).get("n"));
        }
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

    /**
     * 20 executions of the last hours (13 SUCCESS, 4 FAILED, 2 TIMED_OUT, 1 CANCELLED; the i-th
     * created 10 * i minutes ago, ran i * 100 ms) and 3
     * SUCCESS of 30 days ago.
     */
    private String seededRunbook() {
        String teamId = createTeam();
        String runbookId = jdbc.queryForObject("INSERT INTO runbooks (team_id, name, webhook_url, approval_status)"
                + " VALUES (?::uuid, ?, 'https://target.example/hook', 'APPROVED') RETURNING id::text", String.class,
                teamId, unique("analytics"));
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
        return runbookId;
    }

    /**
     * 10 executions: 7 COMPLETED (trigger, notify, page), 2 FAILED at notify after 3 attempts, 1 CANCELLED after
     * notify; and one of 30 days ago.
     */
    private String seededWorkflow() {
        String teamId = createTeam();
        String workflowId = jdbc.queryForObject("INSERT INTO workflows (team_id, name, definition) VALUES (?::uuid, ?,"
                + " '{\"nodes\": [], \"edges\": []}') RETURNING id::text", String.class, teamId, unique("analytics"));
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
        return workflowId;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private BigDecimal decimal(String sql) {
        return jdbc.queryForObject(sql, BigDecimal.class).setScale(4, RoundingMode.HALF_UP);
    }
}
