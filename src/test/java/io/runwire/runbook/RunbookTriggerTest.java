package io.runwire.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The manual trigger, step by step as DESIGN §4 lists them, with the exact texts of the API contract. */
class RunbookTriggerTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "required", java.util.List.of("service"),
            "properties", Map.of(
                    "service", Map.of("type", "string"),
                    "replicas", Map.of("type", "integer", "minimum", 1, "default", 2),
                    "dryRun", Map.of("type", "boolean", "default", false)));

    @Test
    void step1MissingIncidentIs404() {
        String runbookId = createApprovedRunbook(runbook(createTeam(), "/x", Map.of()));

        ApiResponse response = execute(admin, UUID.randomUUID().toString(), runbookId, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("Incident not found");
    }

    @Test
    void step2CallerWhoCannotRespondIs403WithTheReason() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of()));
        TestUser observer = createMember(teamId, "OBSERVER");
        TestUser outsider = createUser();

        ApiResponse byObserver = execute(observer.api(), incidentId, runbookId, null);
        ApiResponse byOutsider = execute(outsider.api(), incidentId, runbookId, null);

        assertThat(byObserver.status()).isEqualTo(403);
        assertThat(byObserver.error()).isEqualTo("Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can execute runbooks on its incidents");
        assertThat(byOutsider.status()).isEqualTo(403);
        assertThat(byOutsider.error()).isEqualTo("You are not a member of this team, so you cannot execute runbooks on its incidents");
    }

    @Test
    void step2ComesBeforeStep3() {
        String teamId = createTeam();
        TestUser observer = createMember(teamId, "OBSERVER");

        ApiResponse response = execute(observer.api(), createIncident(teamId), UUID.randomUUID().toString(), null);

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void step3MissingRunbookIs404() {
        ApiResponse response = execute(admin, createIncident(createTeam()), UUID.randomUUID().toString(), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("Runbook not found");
    }

    @Test
    void step4RunbookThatIsNotApprovedIs400() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String draft = createRunbook(runbook(teamId, "/x", Map.of()));
        String deprecated = createApprovedRunbook(runbook(teamId, "/x", Map.of()));
        admin.post("/api/runbooks/" + deprecated + "/deprecate");

        ApiResponse draftResponse = execute(admin, incidentId, draft, null);
        ApiResponse deprecatedResponse = execute(admin, incidentId, deprecated, null);

        assertThat(draftResponse.status()).isEqualTo(400);
        assertThat(draftResponse.error()).isEqualTo("Runbook is DRAFT, only APPROVED runbooks can be executed");
        assertThat(deprecatedResponse.status()).isEqualTo(400);
        assertThat(deprecatedResponse.error()).isEqualTo("Runbook is DEPRECATED, only APPROVED runbooks can be executed");
    }

    @Test
    void step5RunbookOfAnotherTeamIs403() {
        String incidentId = createIncident(createTeam());
        String otherTeamsRunbook = createApprovedRunbook(runbook(createTeam(), "/x", Map.of()));

        ApiResponse response = execute(admin, incidentId, otherTeamsRunbook, null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("Runbook is scoped to a different team");
    }

    @Test
    void step5GlobalRunbooksRunOnAnyTeamsIncidents() {
        String incidentId = createIncident(createTeam());
        String global = createApprovedRunbook(runbook(null, "/x", Map.of()));

        assertThat(execute(admin, incidentId, global, null).status()).isEqualTo(201);
    }

    @Test
    void step6InvalidParametersAre400WithEachProblem() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of("parameters", SCHEMA)));

        ApiResponse response = execute(admin, incidentId, runbookId, Map.of("replicas", 0, "colour", "red"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid parameters");
        assertThat(response.body().path("details")).extracting(JsonNode::asText).containsExactly(
                "colour: is not a parameter of this runbook",
                "replicas: must have a minimum value of 1",
                "service: is required");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = ?::uuid",
                Integer.class, runbookId)).isZero();
    }

    @Test
    void steps7To10SnapshotQueueAuditAndAnswer201() throws Exception {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String incidentId = createIncident(teamId);
        Map<String, Object> definition = runbook(teamId, "/restart", Map.of("parameters", SCHEMA,
                "payloadTemplate", "{\"service\": $fn.json($params.service)}", "timeoutSeconds", 42));
        String runbookId = createApprovedRunbook(definition);

        ApiResponse response = execute(responder.api(), incidentId, runbookId, Map.of("service", "checkout"));

        assertThat(response.status()).isEqualTo(201);
        String executionId = response.text("/execution/id");
        assertThat(JSON.readTree(response.rawBody())).isEqualTo(JSON.valueToTree(Map.of("execution", Map.of(
                "id", executionId, "runbookId", runbookId, "runbookName", definition.get("name"),
                "status", "PENDING", "triggeredBy", "manual"))));

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT runbook_id::text, runbook_version, incident_id::text, triggered_by, executed_by_id::text,
                       parameters::text, definition_snapshot::text AS snapshot
                FROM runbook_executions WHERE id = ?::uuid""", executionId);
        assertThat(row.get("runbook_id")).isEqualTo(runbookId);
        assertThat(row.get("runbook_version")).isEqualTo(1);
        assertThat(row.get("incident_id")).isEqualTo(incidentId);
        assertThat(row.get("triggered_by")).isEqualTo("manual");
        assertThat(row.get("executed_by_id")).isEqualTo(responder.id());
        assertThat(JSON.readTree((String) row.get("parameters")))
                .isEqualTo(JSON.valueToTree(Map.of("service", "checkout", "replicas", 2, "dryRun", false)));
        JsonNode snapshot = JSON.readTree((String) row.get("snapshot"));
        assertThat(snapshot.path("name").asText()).isEqualTo(definition.get("name"));
        assertThat(snapshot.path("webhookUrl").asText()).isEqualTo(targetUrl("/restart"));
        assertThat(snapshot.path("timeoutSeconds").asInt()).isEqualTo(42);
        assertThat(snapshot.path("payloadTemplate").asText()).isEqualTo("{\"service\": $fn.json($params.service)}");
        assertThat(snapshot.path("parameters")).isEqualTo(JSON.valueToTree(SCHEMA));

        Map<String, Object> audit = jdbc.queryForMap("""
                SELECT user_id::text, team_id::text, severity, metadata::text
                FROM audit_events WHERE action = 'runbook.manual_trigger' AND resource_id = ?""", runbookId);
        assertThat(audit.get("user_id")).isEqualTo(responder.id());
        assertThat(audit.get("team_id")).isEqualTo(teamId);
        assertThat(audit.get("severity")).isEqualTo("INFO");
        JsonNode metadata = JSON.readTree((String) audit.get("metadata"));
        assertThat(metadata.path("executionId").asText()).isEqualTo(executionId);
        assertThat(metadata.path("incidentId").asText()).isEqualTo(incidentId);
        assertThat(metadata.path("runbookName").asText()).isEqualTo(definition.get("name"));
        assertThat(metadata.path("parameters").path("service").asText()).isEqualTo("checkout");
    }

    @Test
    void runbookChangedAfterTheTriggerDoesNotChangeTheSnapshot() throws Exception {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/before", Map.of()));
        String executionId = executeAndGetId(incidentId, runbookId, null);

        admin.put("/api/runbooks/" + runbookId, runbook(teamId, "/after", Map.of()));

        String snapshotUrl = jdbc.queryForObject(
                "SELECT definition_snapshot ->> 'webhookUrl' FROM runbook_executions WHERE id = ?::uuid",
                String.class, executionId);
        assertThat(snapshotUrl).isEqualTo(targetUrl("/before"));
    }

    @Test
    void listShowsTheIncidentsExecutionsNewestFirstWithRunbookAndExecutor() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser observer = createMember(teamId, "OBSERVER");
        String incidentId = createIncident(teamId);
        Map<String, Object> definition = runbook(teamId, "/x", Map.of());
        String runbookId = createApprovedRunbook(definition);
        String first = execute(responder.api(), incidentId, runbookId, null).text("/execution/id");
        String second = execute(admin, incidentId, runbookId, null).text("/execution/id");
        execute(admin, createIncident(teamId), runbookId, null);

        ApiResponse list = observer.api().get("/api/incidents/" + incidentId + "/runbooks/executions");

        assertThat(list.status()).isEqualTo(200);
        JsonNode executions = list.body().path("executions");
        assertThat(executions).extracting(execution -> execution.path("id").asText()).containsExactly(second, first);
        JsonNode older = executions.get(1);
        assertThat(older.at("/runbook/name").asText()).isEqualTo(definition.get("name"));
        assertThat(older.at("/runbook/description").asText()).isEqualTo("Restarts the service");
        assertThat(older.at("/executedBy/id").asText()).isEqualTo(responder.id());
        assertThat(older.at("/executedBy/firstName").asText()).isEqualTo("Test");
        assertThat(older.at("/executedBy/lastName").asText()).isEqualTo("User");
        assertThat(older.has("triggeredBy")).isTrue();
        assertThat(admin.get("/api/incidents/" + UUID.randomUUID() + "/runbooks/executions").status()).isEqualTo(404);
    }

    @Test
    void malformedExecuteBodyIs400() {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of()));

        ApiResponse response = admin.post("/api/incidents/" + createIncident(teamId) + "/runbooks/" + runbookId + "/execute",
                Map.of("parameters", "not-an-object"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details").get(0).asText()).startsWith("parameters: ");
    }
}
