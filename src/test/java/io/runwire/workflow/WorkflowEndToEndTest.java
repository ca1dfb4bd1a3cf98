package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's first two musts through every real part: a definition saved by the API, the incident's event through the
 * outbox and the dispatcher, the engine taking only the branch of the incident's priority, and the real runbook and
 * webhook actions — what WireMock received and what the database holds.
 */
class WorkflowEndToEndTest extends RunbookTestSupport {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("service"),
            "properties", Map.of("service", Map.of("type", "string")));

    @Test
    void aCriticalIncidentRunsTheRunbookAndALowOneCallsTheWebhookOnlyTheBranchTaken() {
        target.stubFor(post(urlEqualTo("/e2e-restart")).willReturn(aResponse().withStatus(200)));
        target.stubFor(post(urlEqualTo("/e2e-notify")).willReturn(aResponse().withStatus(204)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/e2e-restart", Map.of("parameters", SCHEMA)));
        createWorkflow(teamId, runbookId);

        String critical = incident(teamId, "CRITICAL");
        JsonNode criticalRun = awaitOnlyWorkflowExecution(critical, "COMPLETED");
        String runbookExecutionId = criticalRun.at("/runbookExecutions/0/id").asText();
        assertThat(runbookExecutionId).isNotBlank();
        JsonNode runbookExecution = awaitStatus(runbookExecutionId, "SUCCESS");
        assertThat(runbookExecution.path("triggeredBy").asText()).isEqualTo("workflow");
        assertThat(runbookExecution.path("workflowExecutionId").asText()).isEqualTo(criticalRun.path("id").asText());
        assertThat(runbookExecution.path("workflowNodeId").asText()).isEqualTo("restart");
        assertThat(admin.get("/api/incidents/" + critical + "/runbooks/executions").body().path("executions")
                .findValuesAsText("id")).containsExactly(runbookExecutionId);
        assertThat(nodeResult(criticalRun, "restart").at("/output/runbookExecutionId").asText()).isEqualTo(runbookExecutionId);
        assertThat(nodeResult(criticalRun, "notify")).as("the false branch never runs").isNull();
        target.verify(1, postRequestedFor(urlEqualTo("/e2e-restart")));
        target.verify(0, postRequestedFor(urlEqualTo("/e2e-notify")));

        String low = incident(teamId, "LOW");
        JsonNode lowRun = awaitOnlyWorkflowExecution(low, "COMPLETED");
        assertThat(nodeResult(lowRun, "notify").at("/output/statusCode").asInt()).isEqualTo(204);
        assertThat(nodeResult(lowRun, "restart")).isNull();
        assertThat(admin.get("/api/incidents/" + low + "/runbooks/executions").body().path("executions")).isEmpty();
        target.verify(1, postRequestedFor(urlEqualTo("/e2e-notify"))
                .withRequestBody(equalToJson("{\"text\": \"Checkout down (LOW)\", \"priority\": \"LOW\"}")));
        target.verify(1, postRequestedFor(urlEqualTo("/e2e-restart")));
    }

    @Test
    void anImportedDefinitionWithAnUnknownActionTypeFailsThatNodeWhenItRuns() {
        String teamId = createTeam();
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "nodes", List.of(Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "page", "type", "action", "data", Map.of("actionType", "pagerduty", "name", "Page",
                                "config", Map.of("service", "checkout")))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "page")));
        ApiResponse imported = admin.post("/api/workflows/import",
                Map.of("name", unique("old export"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String incidentId = createIncident(teamId);

        ApiResponse started = admin.post("/api/workflows/" + imported.text("/workflow/id") + "/execute",
                Map.of("incidentId", incidentId));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode run = awaitOnlyWorkflowExecution(incidentId, "FAILED");
        assertThat(nodeResult(run, "page").path("status").asText()).isEqualTo("FAILED");
        assertThat(nodeResult(run, "page").path("error").asText()).isEqualTo("Unknown actionType 'pagerduty'");
    }

    private void createWorkflow(String teamId, String runbookId) {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "incident_created"),
                "settings", Map.of("timeout", "1min"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "critical", "type", "condition",
                                "data", Map.of("field", "priority", "operator", "equals", "value", "CRITICAL")),
                        Map.of("id", "restart", "type", "action", "data", Map.of("actionType", "runbook", "name", "Restart",
                                "config", Map.of("runbookId", runbookId, "parameters", Map.of("service", "checkout")))),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook", "name", "Notify",
                                "config", Map.of("url", targetUrl("/e2e-notify"),
                                        "body", "{\"text\": $fn.json(\"$incident.title ($incident.priority)\"), \"priority\": $fn.json($incident.priority)}")))),
                "edges", List.of(
                        Map.of("id", "e1", "source", "start", "target", "critical"),
                        Map.of("id", "e2", "source", "critical", "target", "restart", "sourceHandle", "true"),
                        Map.of("id", "e3", "source", "critical", "target", "notify", "sourceHandle", "false")));
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", unique("priority router"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private String incident(String teamId, String priority) {
        ApiResponse created = admin.post("/api/incidents",
                Map.of("teamId", teamId, "title", "Checkout down", "priority", priority));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/incident/id");
    }

    /** The incident's one workflow execution once it is {@code status}, as GET /api/workflow-executions/{id} shows it. */
    private JsonNode awaitOnlyWorkflowExecution(String incidentId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode list = admin.get("/api/incidents/" + incidentId + "/workflows/executions").body().path("executions");
            if (list.size() != 1) {
                return null;
            }
            return admin.get("/api/workflow-executions/" + list.get(0).path("id").asText()).body().path("execution");
        }, execution -> execution != null && status.equals(execution.path("status").asText()));
    }

    private static JsonNode nodeResult(JsonNode execution, String nodeId) {
        for (JsonNode result : execution.path("nodeResults")) {
            if (nodeId.equals(result.path("nodeId").asText())) {
                return result;
            }
        }
        return null;
    }
}
