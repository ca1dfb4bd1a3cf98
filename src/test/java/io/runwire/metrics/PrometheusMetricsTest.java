package io.runwire.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13's third "Done when": after runbook executions that reach a WireMock target (a success, a retry that fails,
 * a retry that waits), a workflow that runs a runbook and one that waits, /actuator/prometheus holds Camel's route
 * metrics and every Runwire metric, with values that moved — read before and after, as Prometheus would.
 */
class PrometheusMetricsTest extends RunbookTestSupport {

    private static final String HOST = "127.0.0.1";

    @Autowired
    CamelContext camelContext;

    @Test
    void runbookAndWorkflowExecutionsMoveCamelsRouteMetricsAndEveryRunwireMetric() throws Exception {
        target.stubFor(post(urlEqualTo("/metrics-ok")).willReturn(aResponse().withStatus(200)));
        target.stubFor(post(urlEqualTo("/metrics-down")).willReturn(aResponse().withStatus(503)));
        target.stubFor(post(urlEqualTo("/metrics-later")).willReturn(aResponse().withStatus(503)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String ok = createApprovedRunbook(runbook(teamId, "/metrics-ok", Map.of()));
        String down = createApprovedRunbook(runbook(teamId, "/metrics-down",
                Map.of("retry", Map.of("attempts", 2, "initialDelayMs", 50))));
        String later = createApprovedRunbook(runbook(teamId, "/metrics-later",
                Map.of("retry", Map.of("attempts", 2, "initialDelayMs", 60_000))));
        Map<String, Object> restart = Map.of("id", "restart", "type", "action", "data", Map.of(
                "actionType", "runbook", "name", "Restart", "config", Map.of("runbookId", ok)));
        String runsRunbook = createWorkflow(teamId, restart);
        String waits = createWorkflow(teamId,
                Map.of("id", "pause", "type", "delay", "data", Map.of("durationSeconds", 240)), restart);

        PrometheusScrape before = scrape();

        // while this node's worker is stopped, a triggered execution is in its queue
        String queued;
        camelContext.getRouteController().stopRoute("runbook-worker");
        try {
            queued = executeAndGetId(incidentId, ok, null);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    scrape().value("runwire_queue_depth", "queue", "runbook-executions")
                            > before.value("runwire_queue_depth", "queue", "runbook-executions"));
        } finally {
            camelContext.getRouteController().startRoute("runbook-worker");
        }
        awaitStatus(queued, "SUCCESS");
        String failed = executeAndGetId(incidentId, down, null);
        assertThat(awaitStatus(failed, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText()).isEqualTo("FAILED");
        String waiting = executeAndGetId(incidentId, later, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM runbook_executions
                WHERE id = CAST(? AS uuid) AND status = 'PENDING' AND next_attempt_at IS NOT NULL""", Long.class, waiting) == 1);

        String workflowRun = executeWorkflow(runsRunbook, incidentId);
        JsonNode completed = awaitWorkflowStatus(workflowRun, "COMPLETED");
        String fromWorkflow = completed.at("/runbookExecutions/0/id").asText();
        awaitStatus(fromWorkflow, "SUCCESS");
        String pausedRun = executeWorkflow(waits, incidentId);
        awaitWorkflowStatus(pausedRun, "WAITING");

        // waiting in the database for a due time: the gauge counts what the database holds, this test's among them
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            PrometheusScrape now = scrape();
            assertThat(now.value("runwire_executions_waiting", "kind", "runbook")).isEqualTo(waitingInDatabase(
                    "SELECT count(*) FROM runbook_executions WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL"));
            assertThat(now.value("runwire_executions_waiting", "kind", "workflow")).isEqualTo(waitingInDatabase(
                    "SELECT count(*) FROM workflow_executions WHERE status = 'WAITING'"));
        });

        assertThat(admin.post("/api/runbook-executions/" + waiting + "/cancel").status()).isEqualTo(200);
        assertThat(admin.post("/api/workflow-executions/" + pausedRun + "/cancel").status()).isEqualTo(200);

        // the counters move as the final statements return, a moment after the API can show their status
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            // Camel's route metrics, per route id
            assertIncrease(before, after, 4, "camel_exchanges_total", "routeId", "runbook-trigger");
            assertIncrease(before, after, 4, "camel_route_policy_seconds_count", "routeId", "runbook-trigger");
            assertIncrease(before, after, 5, "camel_exchanges_total", "routeId", "runbook-worker");
            assertIncrease(before, after, 1, "camel_exchanges_total", "routeId", "rest-runbook-execute");
            assertThat(after.find("camel_exchanges_failed_total", "routeId", "runbook-trigger")).hasSize(1);
            assertThat(after.find("camel_exchanges_total", "routeId", "runbook-trigger").get(0).labels())
                    .containsEntry("camelContext", "runwire");
            // executions by final status and trigger, and the time from trigger to that status
            for (String[] statusAndTrigger : List.of(new String[] {"SUCCESS", "manual"}, new String[] {"FAILED", "manual"},
                    new String[] {"CANCELLED", "manual"}, new String[] {"SUCCESS", "workflow"})) {
                String[] labels = {"status", statusAndTrigger[0], "trigger", statusAndTrigger[1]};
                assertIncrease(before, after, 1, "runwire_runbook_executions_total", labels);
                assertIncrease(before, after, 1, "runwire_runbook_trigger_to_final_seconds_count", labels);
                assertThat(after.value("runwire_runbook_trigger_to_final_seconds_sum", labels))
                        .isGreaterThan(before.value("runwire_runbook_trigger_to_final_seconds_sum", labels));
            }
            assertIncrease(before, after, 1, "runwire_runbook_trigger_to_final_seconds_bucket",
                    "status", "SUCCESS", "trigger", "manual", "le", "+Inf");
            // outgoing calls by host and outcome: 2 successes, the retries of /metrics-down and /metrics-later, a failure
            assertIncrease(before, after, 2, "runwire_outgoing_call_duration_seconds_count", "host", HOST, "outcome", "SUCCESS");
            assertIncrease(before, after, 2, "runwire_outgoing_call_duration_seconds_count", "host", HOST, "outcome", "RETRY");
            assertIncrease(before, after, 1, "runwire_outgoing_call_duration_seconds_count", "host", HOST, "outcome", "FAILED");
            // workflow executions by final status
            assertIncrease(before, after, 1, "runwire_workflow_executions_total", "status", "COMPLETED");
            assertIncrease(before, after, 1, "runwire_workflow_executions_total", "status", "CANCELLED");
            assertThat(after.find("runwire_workflow_executions_total", "status", "FAILED")).hasSize(1);
        });

        // low cardinality: no execution, runbook or incident id, no target path, no key in any series
        PrometheusScrape after = scrape();
        for (String never : List.of(queued, failed, waiting, fromWorkflow, workflowRun, pausedRun, ok, down, later,
                incidentId, teamId, "/metrics-ok", "metrics-down", ADMIN_TOKEN, HOST + ":" + target.port())) {
            assertThat(after.series()).as(never).noneMatch(series ->
                    series.labels().values().stream().anyMatch(value -> value.contains(never)));
        }
    }

    private PrometheusScrape scrape() {
        ApiResponse response = admin.get("/actuator/prometheus");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return PrometheusScrape.parse(response.rawBody());
    }

    private static void assertIncrease(PrometheusScrape before, PrometheusScrape after, double atLeast, String name,
                                       String... labels) {
        assertThat(after.find(name, labels)).as(name + " " + List.of(labels) + " in the scrape").isNotEmpty();
        assertThat(after.value(name, labels) - before.value(name, labels))
                .as(name + " " + List.of(labels) + " moved").isGreaterThanOrEqualTo(atLeast);
    }

    private double waitingInDatabase(String count) {
        return jdbc.queryForObject(count, Long.class).doubleValue();
    }

    /** A manual workflow: its trigger, then {@code steps} one after the other. */
    @SafeVarargs
    private String createWorkflow(String teamId, Map<String, Object>... steps) {
        List<Map<String, Object>> nodes = new ArrayList<>(List.of(Map.of("id", "start", "type", "trigger", "data", Map.of())));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            Object previous = nodes.get(nodes.size() - 1).get("id");
            edges.add(Map.of("id", previous + "-" + step.get("id"), "source", previous, "target", step.get("id")));
            nodes.add(step);
        }
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "settings", Map.of("timeout", "5min"),
                "nodes", nodes,
                "edges", edges);
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", unique("metrics"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/workflow/id");
    }

    private String executeWorkflow(String workflowId, String incidentId) {
        ApiResponse started = admin.post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.text("/execution/id");
    }

    private JsonNode awaitWorkflowStatus(String executionId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/workflow-executions/" + executionId).body().path("execution"),
                        execution -> status.equals(execution.path("status").asText()));
    }
}
