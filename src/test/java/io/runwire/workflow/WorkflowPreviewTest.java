package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the workflow preview: the engine's walk over a condition workflow (priority equals CRITICAL -> a runbook
 * action, else a webhook) shows only the taken branch's nodes, each with the request it would send, and calls nothing
 * and creates nothing.
 */
class WorkflowPreviewTest extends RunbookTestSupport {

    private static final String WEBHOOK_TOKEN = "workflow-preview-token-5c1";
    private static final String PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("service"),
            "properties", Map.of("service", Map.of("type", "string")));

    @Test
    void aCriticalIncidentPreviewsTheRunbookBranchAndALowOneTheWebhookBranchCallingNothing() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String runbookId = createApprovedRunbook(runbook(teamId, "/wf-preview-restart", Map.of("parameters", SCHEMA,
                "payloadTemplate", "{\"service\": $fn.json($params.service), \"workflow\": $fn.json($workflow.name)}")));
        String workflowName = unique("priority router");
        String workflowId = createWorkflow(teamId, workflowName, runbookId);
        String critical = createIncident(teamId, "CRITICAL");
        String low = createIncident(teamId, "LOW");

        ApiResponse criticalPreview = responder.api().post(previewPath(workflowId), Map.of("incidentId", critical));
        ApiResponse lowPreview = responder.api().post(previewPath(workflowId), Map.of("incidentId", low));

        assertThat(criticalPreview.status()).as(criticalPreview.toString()).isEqualTo(200);
        assertThat(lowPreview.status()).as(lowPreview.toString()).isEqualTo(200);
        JsonNode criticalWalk = criticalPreview.body().path("preview");
        assertThat(criticalWalk.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(ran(criticalWalk)).containsExactly("start COMPLETED", "critical COMPLETED", "restart COMPLETED");
        assertThat(node(criticalWalk, "critical").at("/output/result").asBoolean()).isTrue();
        JsonNode restart = node(criticalWalk, "restart").path("output");
        assertThat(restart.at("/runbook/id").asText()).isEqualTo(runbookId);
        assertThat(restart.at("/request/method").asText()).isEqualTo("POST");
        assertThat(restart.at("/request/url").asText()).isEqualTo(targetUrl("/wf-preview-restart"));
        assertThat(restart.at("/request/body").asText())
                .isEqualTo("{\"service\": \"checkout\", \"workflow\": \"" + workflowName + "\"}");
        assertThat(restart.at("/request/headers/Idempotency-Key").asText()).isEqualTo(PLACEHOLDER);

        JsonNode lowWalk = lowPreview.body().path("preview");
        assertThat(lowWalk.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(ran(lowWalk)).containsExactly("start COMPLETED", "critical COMPLETED", "wait COMPLETED",
                "notify COMPLETED");
        assertThat(node(lowWalk, "critical").at("/output/result").asBoolean()).isFalse();
        assertThat(node(lowWalk, "wait").at("/output/durationSeconds").asInt()).isEqualTo(30);
        JsonNode notify = node(lowWalk, "notify").at("/output/request");
        assertThat(notify.path("method").asText()).isEqualTo("POST");
        assertThat(notify.path("url").asText()).isEqualTo(targetUrl("/wf-preview-notify?priority=LOW"));
        assertThat(notify.path("body").asText()).isEqualTo("{\"text\": \"Checkout is down (LOW)\"}");
        assertThat(notify.at("/headers/Authorization").asText()).isEqualTo("Bearer ****");
        assertThat(notify.at("/headers/X-Incident").asText()).isEqualTo(low);
        assertThat(notify.at("/headers/Idempotency-Key").asText()).isEqualTo(PLACEHOLDER + ":notify");
        assertThat(lowPreview.rawBody()).doesNotContain(WEBHOOK_TOKEN);

        assertThat(target.getAllServeEvents()).as("the previews called nothing").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workflow_executions WHERE workflow_id = CAST(? AS uuid)",
                Long.class, workflowId)).as("no workflow execution").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = CAST(? AS uuid)",
                Long.class, runbookId)).as("no runbook execution").isZero();
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE action = 'workflow.preview'"
                + " AND resource_id = ?", String.class, workflowId)).hasSize(2)
                .noneMatch(metadata -> metadata.contains(WEBHOOK_TOKEN));
    }

    @Test
    void aRunbookNodeWhoseChecksRefuseFailsThePreviewAsItWouldFailTheRun() {
        String teamId = createTeam();
        String draftId = createRunbook(runbook(teamId, "/wf-preview-draft", Map.of("parameters", SCHEMA)));
        String workflowId = createWorkflow(teamId, unique("draft router"), draftId);
        String critical = createIncident(teamId, "CRITICAL");

        ApiResponse preview = admin.post(previewPath(workflowId), Map.of("incidentId", critical));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode walk = preview.body().path("preview");
        assertThat(walk.path("status").asText()).isEqualTo("FAILED");
        assertThat(ran(walk)).containsExactly("start COMPLETED", "critical COMPLETED", "restart FAILED");
        assertThat(node(walk, "restart").path("error").asText())
                .isEqualTo("Runbook is DRAFT, only APPROVED runbooks can be executed");
    }

    @Test
    void anObserverMayNotPreviewAsTheyMayNotRunIt() {
        String teamId = createTeam();
        TestUser observer = createMember(teamId, "OBSERVER");
        String runbookId = createApprovedRunbook(runbook(teamId, "/wf-preview-observer", Map.of("parameters", SCHEMA)));
        String workflowId = createWorkflow(teamId, unique("observed router"), runbookId);
        String incidentId = createIncident(teamId, "LOW");

        ApiResponse preview = observer.api().post(previewPath(workflowId), Map.of("incidentId", incidentId));
        ApiResponse executed = observer.api().post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(403);
        assertThat(preview.body()).isEqualTo(executed.body());
    }

    private String createWorkflow(String teamId, String name, String runbookId) {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "settings", Map.of("timeout", "1min"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "critical", "type", "condition",
                                "data", Map.of("field", "priority", "operator", "equals", "value", "CRITICAL")),
                        Map.of("id", "restart", "type", "action", "data", Map.of("actionType", "runbook", "name", "Restart",
                                "config", Map.of("runbookId", runbookId, "parameters", Map.of("service", "checkout")))),
                        Map.of("id", "wait", "type", "delay", "data", Map.of("durationSeconds", 30)),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook", "name", "Notify",
                                "config", Map.of("url", targetUrl("/wf-preview-notify?priority=$incident.priority"),
                                        "headers", Map.of("X-Incident", "$incident.id"),
                                        "auth", Map.of("type", "bearer", "token", WEBHOOK_TOKEN),
                                        "body", "{\"text\": $fn.json(\"$incident.title ($incident.priority)\")}")))),
                "edges", List.of(
                        Map.of("id", "e1", "source", "start", "target", "critical"),
                        Map.of("id", "e2", "source", "critical", "target", "restart", "sourceHandle", "true"),
                        Map.of("id", "e3", "source", "critical", "target", "wait", "sourceHandle", "false"),
                        Map.of("id", "e4", "source", "wait", "target", "notify")));
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", name, "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/workflow/id");
    }

    private String createIncident(String teamId, String priority) {
        ApiResponse created = admin.post("/api/incidents",
                Map.of("teamId", teamId, "title", "Checkout is down", "priority", priority));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/incident/id");
    }

    private static String previewPath(String workflowId) {
        return "/api/workflows/" + workflowId + "/preview";
    }

    /** "nodeId STATUS" of each node the preview walked, in order. */
    private static List<String> ran(JsonNode walk) {
        List<String> ran = new ArrayList<>();
        walk.path("nodes").forEach(node -> ran.add(node.path("nodeId").asText() + " " + node.path("status").asText()));
        return ran;
    }

    private static JsonNode node(JsonNode walk, String nodeId) {
        for (JsonNode node : walk.path("nodes")) {
            if (nodeId.equals(node.path("nodeId").asText())) {
                return node;
            }
        }
        return null;
    }
}
