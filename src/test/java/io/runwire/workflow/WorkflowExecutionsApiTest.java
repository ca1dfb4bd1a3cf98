package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.support.ApiResponse;
import io.runwire.support.WorkflowEngineTestSupport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running a workflow by hand, its execution's history and node results, and cancelling it, over HTTP. */
class WorkflowExecutionsApiTest extends WorkflowEngineTestSupport {

    @Test
    void responderRunsAManualWorkflowAndSeesItsNodeResultsAndTheRunbookExecutionsItStarted() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String incidentId = createIncident(teamId, "queue stuck", "HIGH");
        String hook = script("manual");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");

        ApiResponse started = responder.api().post("/api/workflows/" + workflowId + "/execute",
                Map.of("incidentId", incidentId));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String executionId = started.text("/execution/id");
        assertThat(started.text("/execution/triggeredBy")).isEqualTo("manual");
        assertThat(started.text("/execution/workflowId")).isEqualTo(workflowId);
        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(auditActions(workflowId)).containsExactly("workflow.manual_trigger");
        assertThat(calls(hook)).containsExactly(executionId + " w 1");

        // a runbook execution this workflow execution started (the runbook action's row, written here by hand)
        String runbookId = jdbc.queryForObject("""
                INSERT INTO runbooks (team_id, name, webhook_url, approval_status) VALUES (CAST(? AS uuid), ?,
                'http://127.0.0.1:1/x', 'APPROVED') RETURNING id""", String.class, teamId, unique("runbook"));
        String runbookExecutionId = jdbc.queryForObject("""
                INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, incident_id,
                    workflow_execution_id, workflow_node_id, status, triggered_by)
                VALUES (CAST(? AS uuid), 1, '{"name": "restart queue"}', CAST(? AS uuid), CAST(? AS uuid), 'w',
                        'SUCCESS', 'workflow') RETURNING id""",
                String.class, runbookId, incidentId, executionId);

        ApiResponse shown = responder.api().get("/api/workflow-executions/" + executionId);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.text("/execution/status")).isEqualTo("COMPLETED");
        assertThat(shown.text("/execution/nodeResults/0/nodeId")).isEqualTo("t");
        assertThat(shown.text("/execution/nodeResults/1/nodeId")).isEqualTo("w");
        assertThat(shown.text("/execution/nodeResults/1/status")).isEqualTo("COMPLETED");
        assertThat(shown.text("/execution/runbookExecutions/0/id")).isEqualTo(runbookExecutionId);
        assertThat(shown.text("/execution/runbookExecutions/0/runbookName")).isEqualTo("restart queue");
        assertThat(shown.text("/execution/runbookExecutions/0/status")).isEqualTo("SUCCESS");
        assertThat(shown.text("/execution/runbookExecutions/0/workflowNodeId")).isEqualTo("w");

        ApiResponse ofWorkflow = createUser().api().get("/api/workflows/" + workflowId + "/executions");
        assertThat(ofWorkflow.status()).as(ofWorkflow.toString()).isEqualTo(200);
        assertThat(ofWorkflow.text("/executions/0/id")).isEqualTo(executionId);
        ApiResponse ofIncident = responder.api().get("/api/incidents/" + incidentId + "/workflows/executions");
        assertThat(ofIncident.status()).as(ofIncident.toString()).isEqualTo(200);
        assertThat(ofIncident.text("/executions/0/id")).isEqualTo(executionId);
        assertThat(ofIncident.body().path("executions").size()).isEqualTo(1);
    }

    @Test
    void manualRunIsRefusedInTheTriggersOrder() {
        String teamId = createTeam();
        String otherTeamId = createTeam();
        String incidentId = createIncident(teamId);
        TestUser observer = createMember(teamId, "OBSERVER");
        String manual = insertGraph(teamId, list(trigger()), list(), "5min");
        String eventWorkflow = insertWorkflow(teamId, true, "{\"type\": \"escalation\"}");
        String disabled = insertGraph(teamId, list(trigger()), list(), "5min");
        jdbc.update("UPDATE workflows SET enabled = false WHERE id = CAST(? AS uuid)", disabled);
        String otherTeams = insertGraph(otherTeamId, list(trigger()), list(), "5min");

        assertRefused(admin.post("/api/workflows/" + manual + "/execute", Map.of()), 400, "Invalid request");
        assertRefused(admin.post("/api/workflows/" + manual + "/execute", Map.of("incidentId", "nope")), 400,
                "Invalid request");
        assertRefused(admin.post("/api/workflows/" + manual + "/execute",
                Map.of("incidentId", java.util.UUID.randomUUID().toString())), 404, "Incident not found");
        assertRefused(observer.api().post("/api/workflows/" + manual + "/execute", Map.of("incidentId", incidentId)),
                403, "Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can execute workflows on its incidents");
        assertRefused(admin.post("/api/workflows/" + java.util.UUID.randomUUID() + "/execute",
                Map.of("incidentId", incidentId)), 404, "Workflow not found");
        assertRefused(admin.post("/api/workflows/" + otherTeams + "/execute", Map.of("incidentId", incidentId)), 403,
                "Workflow is scoped to a different team");
        assertRefused(admin.post("/api/workflows/" + disabled + "/execute", Map.of("incidentId", incidentId)), 400,
                "Workflow is disabled, only enabled workflows can be executed");
        assertRefused(admin.post("/api/workflows/" + eventWorkflow + "/execute", Map.of("incidentId", incidentId)), 400,
                "Workflow is triggered by escalation, only manual workflows can be executed by hand");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM workflow_executions WHERE incident_id = CAST(? AS uuid) AND triggered_by = 'manual'""",
                Long.class, incidentId)).isZero();
    }

    @Test
    void responderCancelsAWaitingExecutionOnceAndItNeverResumes() throws Exception {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser observer = createMember(teamId, "OBSERVER");
        String hook = script("after-cancel");
        String workflowId = insertGraph(teamId, list(trigger(), delay("d", 2), webhook("w", hook, "")),
                list(edge("t", "d"), edge("d", "w")), "5min");
        String executionId = start(workflowId, createIncident(teamId));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(executionId).equals("WAITING"));

        assertRefused(observer.api().post("/api/workflow-executions/" + executionId + "/cancel"), 403,
                "Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can execute workflows on its incidents");
        ApiResponse cancelled = responder.api().post("/api/workflow-executions/" + executionId + "/cancel");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("/execution/status")).isEqualTo("CANCELLED");
        assertThat(auditActions(executionId)).containsExactly("workflow.execution.cancelled");
        assertRefused(responder.api().post("/api/workflow-executions/" + executionId + "/cancel"), 409,
                "Workflow execution is CANCELLED, only PENDING, RUNNING or WAITING executions can be cancelled");
        // past the delay, the waiting node stays unrun
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                status(executionId).equals("CANCELLED") && calls(hook).isEmpty());
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "d COMPLETED");
    }

    @Test
    void unknownExecutionIsNotFound() {
        assertRefused(admin.get("/api/workflow-executions/" + java.util.UUID.randomUUID()), 404,
                "Workflow execution not found");
        assertRefused(admin.get("/api/workflow-executions/not-a-uuid"), 404, "Workflow execution not found");
        assertRefused(admin.post("/api/workflow-executions/" + java.util.UUID.randomUUID() + "/cancel"), 404,
                "Workflow execution not found");
        assertRefused(admin.get("/api/workflows/" + java.util.UUID.randomUUID() + "/executions"), 404,
                "Workflow not found");
    }

    private static void assertRefused(ApiResponse response, int status, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.error()).as(response.toString()).isEqualTo(error);
    }
}
