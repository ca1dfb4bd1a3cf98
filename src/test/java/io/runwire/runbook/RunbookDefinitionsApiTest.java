package io.runwire.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunbookDefinitionsApiTest extends RunbookTestSupport {

    @Test
    void teamAdminCreatesADraftRunbookAndItIsAudited() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");

        ApiResponse created = teamAdmin.api().post("/api/runbooks", runbook(teamId, "/hook", Map.of(
                "webhookMethod", "PUT", "timeoutSeconds", 20,
                "webhookHeaders", Map.of("X-Source", "runwire"),
                "retry", Map.of("attempts", 5, "initialDelayMs", 100))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("/runbook/approvalStatus")).isEqualTo("DRAFT");
        assertThat(created.body().at("/runbook/version").asInt()).isEqualTo(1);
        assertThat(created.text("/runbook/webhookMethod")).isEqualTo("PUT");
        assertThat(created.body().at("/runbook/timeoutSeconds").asInt()).isEqualTo(20);
        assertThat(created.text("/runbook/webhookHeaders/X-Source")).isEqualTo("runwire");
        assertThat(created.body().at("/runbook/retry/attempts").asInt()).isEqualTo(5);
        assertThat(created.text("/runbook/webhookAuth/type")).isEqualTo("none");
        assertThat(created.text("/runbook/parameters/type")).isEqualTo("object");
        String runbookId = created.text("/runbook/id");
        assertThat(auditActions(runbookId)).containsExactly("runbook.created");
        assertThat(admin.get("/api/runbooks?teamId=" + teamId).body().path("runbooks").findValuesAsText("id"))
                .containsExactly(runbookId);
    }

    @Test
    void definitionsAreCheckedWhenSaved() {
        String teamId = createTeam();
        Map<String, List<Object>> invalid = new LinkedHashMap<>();
        invalid.put("webhookUrl: must be an absolute http or https URL",
                List.of(Map.of("webhookUrl", "ftp://files.example.com/run")));
        invalid.put("webhookMethod: does not have a value in the enumeration [\"POST\", \"PUT\", \"PATCH\"]",
                List.of(Map.of("webhookMethod", "GET")));
        invalid.put("timeoutSeconds: must have a minimum value of 1", List.of(Map.of("timeoutSeconds", 0)));
        invalid.put("timeoutSeconds: must have a maximum value of 900", List.of(Map.of("timeoutSeconds", 901)));
        invalid.put("webhookHeaders.Authorization: carries a credential; put it in webhookAuth (type headers), where it is encrypted",
                List.of(Map.of("webhookHeaders", Map.of("Authorization", "Bearer abc"))));
        invalid.put("webhookAuth.token: is required", List.of(Map.of("webhookAuth", Map.of("type", "bearer"))));

        invalid.forEach((expected, overrides) -> {
            @SuppressWarnings("unchecked")
            ApiResponse response = admin.post("/api/runbooks", runbook(teamId, "/x", (Map<String, ?>) overrides.get(0)));
            assertThat(response.status()).as(expected + " <- " + response).isEqualTo(400);
            assertThat(response.body().path("details")).extracting(node -> node.asText()).as(response.toString())
                    .contains(expected);
        });
    }

    @Test
    void parameterSchemaMustBeAJsonSchemaAndTheTemplateMustParse() {
        String teamId = createTeam();

        ApiResponse badSchema = admin.post("/api/runbooks", runbook(teamId, "/x", Map.of(
                "parameters", Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integr"))))));
        ApiResponse arraySchema = admin.post("/api/runbooks", runbook(teamId, "/x", Map.of(
                "parameters", Map.of("type", "array"))));
        ApiResponse badTemplate = admin.post("/api/runbooks", runbook(teamId, "/x", Map.of(
                "payloadTemplate", "{\"a\": #if($params.x) 1 }")));

        assertThat(badSchema.status()).isEqualTo(400);
        assertThat(badSchema.error()).isEqualTo("Invalid runbook definition");
        assertThat(badSchema.body().path("details")).extracting(node -> node.asText())
                .anyMatch(detail -> detail.startsWith("parameters.") && detail.contains("properties.n.type"));
        assertThat(arraySchema.status()).isEqualTo(400);
        assertThat(arraySchema.body().path("details").get(0).asText()).startsWith("parameters.");
        assertThat(badTemplate.status()).isEqualTo(400);
        assertThat(badTemplate.body().path("details").get(0).asText()).startsWith("payloadTemplate: line 1, column");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runbooks WHERE team_id = ?::uuid", Integer.class, teamId))
                .isZero();
    }

    @Test
    void putKeepsThePreviousDefinitionAsAVersionAndReturnsToDraft() {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/v1", Map.of()));

        ApiResponse updated = admin.put("/api/runbooks/" + runbookId,
                runbook(teamId, "/v2", Map.of("name", "restart v2", "changeNote", "new endpoint")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().at("/runbook/version").asInt()).isEqualTo(2);
        assertThat(updated.text("/runbook/approvalStatus")).isEqualTo("DRAFT");
        assertThat(updated.text("/runbook/approvedAt")).isNull();
        assertThat(updated.text("/runbook/webhookUrl")).endsWith("/v2");
        ApiResponse versions = admin.get("/api/runbooks/" + runbookId + "/versions");
        assertThat(versions.body().path("versions")).hasSize(1);
        assertThat(versions.body().at("/versions/0/version").asInt()).isEqualTo(1);
        assertThat(versions.body().at("/versions/0/definition/webhookUrl").asText()).endsWith("/v1");
        assertThat(versions.body().at("/versions/0/definition/approvalStatus").asText()).isEqualTo("APPROVED");
        assertThat(versions.text("/versions/0/changeNote")).isEqualTo("new endpoint");
        assertThat(auditActions(runbookId)).containsExactly("runbook.created", "runbook.approved", "runbook.updated");
    }

    @Test
    void teamCannotBeChangedByPut() {
        String runbookId = createRunbook(runbook(createTeam(), "/x", Map.of()));

        ApiResponse moved = admin.put("/api/runbooks/" + runbookId, runbook(createTeam(), "/x", Map.of()));

        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body().path("details").get(0).asText())
                .isEqualTo("teamId: cannot be changed; create the runbook in the other team instead");
    }

    @Test
    void teamAdminsApproveTheirTeamsRunbooksOnly() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser otherTeamAdmin = createMember(createTeam(), "TEAM_ADMIN");
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));

        ApiResponse byResponder = responder.api().post("/api/runbooks/" + runbookId + "/approve");
        ApiResponse byOtherAdmin = otherTeamAdmin.api().post("/api/runbooks/" + runbookId + "/approve");
        ApiResponse byTeamAdmin = teamAdmin.api().post("/api/runbooks/" + runbookId + "/approve");
        ApiResponse again = teamAdmin.api().post("/api/runbooks/" + runbookId + "/approve");

        assertThat(byResponder.status()).isEqualTo(403);
        assertThat(byResponder.error()).isEqualTo("Your role in this team is RESPONDER; only TEAM_ADMIN can approve its runbooks");
        assertThat(byOtherAdmin.status()).isEqualTo(403);
        assertThat(byTeamAdmin.status()).isEqualTo(200);
        assertThat(byTeamAdmin.text("/runbook/approvalStatus")).isEqualTo("APPROVED");
        assertThat(byTeamAdmin.text("/runbook/approvedById")).isEqualTo(teamAdmin.id());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("Runbook is APPROVED; only DRAFT runbooks can be approved");
    }

    @Test
    void globalRunbooksAreManagedByPlatformAdminsOnly() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");

        ApiResponse createdByTeamAdmin = teamAdmin.api().post("/api/runbooks", runbook(null, "/x", Map.of()));
        String globalId = createRunbook(runbook(null, "/x", Map.of()));
        ApiResponse approvedByTeamAdmin = teamAdmin.api().post("/api/runbooks/" + globalId + "/approve");
        ApiResponse approvedByAdmin = admin.post("/api/runbooks/" + globalId + "/approve");

        assertThat(createdByTeamAdmin.status()).isEqualTo(403);
        assertThat(createdByTeamAdmin.error()).isEqualTo("Only platform admins can manage global runbooks");
        assertThat(approvedByTeamAdmin.status()).isEqualTo(403);
        assertThat(approvedByTeamAdmin.error()).isEqualTo("Only platform admins can approve global runbooks");
        assertThat(approvedByAdmin.status()).isEqualTo(200);
    }

    @Test
    void deprecatedAndDeletedRunbooks() {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of()));

        ApiResponse deprecated = admin.post("/api/runbooks/" + runbookId + "/deprecate");
        ApiResponse twice = admin.post("/api/runbooks/" + runbookId + "/deprecate");
        ApiResponse deleted = admin.delete("/api/runbooks/" + runbookId);

        assertThat(deprecated.text("/runbook/approvalStatus")).isEqualTo("DEPRECATED");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get("/api/runbooks/" + runbookId).error()).isEqualTo("Runbook not found");
        assertThat(admin.get("/api/runbooks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(auditActions(runbookId)).containsExactly(
                "runbook.created", "runbook.approved", "runbook.deprecated", "runbook.deleted");
    }

    @Test
    void credentialsAreEncryptedAtRestShownMaskedAndKeptWhenSentBackMasked() {
        String teamId = createTeam();
        Map<String, Object> definition = runbook(teamId, "/secure", Map.of(
                "webhookAuth", Map.of("type", "basic", "username", "svc-runwire", "password", "hunter2-pass")));

        ApiResponse created = admin.post("/api/runbooks", definition);
        String runbookId = created.text("/runbook/id");
        Map<String, Object> roundTrip = new LinkedHashMap<>(definition);
        roundTrip.put("webhookAuth", Map.of("type", "basic", "username", "svc-runwire", "password", "****"));
        ApiResponse updated = admin.put("/api/runbooks/" + runbookId, roundTrip);

        assertThat(created.text("/runbook/webhookAuth/username")).isEqualTo("svc-runwire");
        assertThat(created.text("/runbook/webhookAuth/password")).isEqualTo("****");
        assertThat(created.rawBody()).doesNotContain("hunter2-pass");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        String stored = jdbc.queryForObject("SELECT webhook_auth FROM runbooks WHERE id = ?::uuid", String.class, runbookId);
        assertThat(stored).startsWith("v2:").doesNotContain("hunter2-pass").doesNotContain("svc-runwire");
        assertThat(admin.get("/api/runbooks/" + runbookId + "/versions").rawBody()).doesNotContain("hunter2-pass");
    }

    @Test
    void maskedSecretWithNothingStoredIsRefused() {
        ApiResponse response = admin.post("/api/runbooks", runbook(createTeam(), "/x",
                Map.of("webhookAuth", Map.of("type", "bearer", "token", "****"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details").get(0).asText())
                .isEqualTo("webhookAuth.token: **** keeps the stored secret, but none is stored; send the secret");
    }
}
