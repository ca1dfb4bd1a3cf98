package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The workflow definition API over HTTP: versions, rollback, export and import, who may do what, secrets. */
class WorkflowDefinitionsApiTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "wf-bearer-s3cret-token";

    @Autowired
    private SecretCipher cipher;

    @Test
    void teamAdminCreatesAWorkflowAndFindsItByTeamAndEnabled() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        String runbookId = createRunbook(runbook(teamId, "/restart", Map.of()));

        ApiResponse created = teamAdmin.api().post("/api/workflows", workflow(teamId, definition(runbookId, null)));
        ApiResponse enabled = teamAdmin.api().post("/api/workflows",
                workflow(teamId, definition(runbookId, null)).put("enabled", true));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String workflowId = created.text("/workflow/id");
        assertThat(created.text("/workflow/teamId")).isEqualTo(teamId);
        assertThat(created.body().at("/workflow/version").asInt()).isEqualTo(1);
        assertThat(created.body().at("/workflow/enabled").asBoolean()).isFalse();
        assertThat(created.text("/workflow/createdById")).isEqualTo(teamAdmin.id());
        assertThat(created.text("/workflow/definition/settings/timeout")).isEqualTo("5min");
        assertThat(created.text("/workflow/definition/nodes/2/data/config/runbookId")).isEqualTo(runbookId);
        assertThat(admin.get("/api/workflows/" + workflowId).body().path("workflow"))
                .isEqualTo(created.body().path("workflow"));
        String enabledId = enabled.text("/workflow/id");

        ApiResponse all = teamAdmin.api().get("/api/workflows?teamId=" + teamId);
        ApiResponse onlyEnabled = teamAdmin.api().get("/api/workflows?teamId=" + teamId + "&enabled=true");
        ApiResponse onlyDisabled = teamAdmin.api().get("/api/workflows?teamId=" + teamId + "&enabled=false");
        ApiResponse firstPage = teamAdmin.api().get("/api/workflows?teamId=" + teamId + "&limit=1");

        assertThat(ids(all)).containsExactlyInAnyOrder(workflowId, enabledId);
        assertThat(all.body().path("total").asInt()).isEqualTo(2);
        assertThat(ids(onlyEnabled)).containsExactly(enabledId);
        assertThat(ids(onlyDisabled)).containsExactly(workflowId);
        assertThat(firstPage.body().path("workflows")).hasSize(1);
        assertThat(firstPage.body().path("total").asInt()).isEqualTo(2);
        assertThat(firstPage.body().path("limit").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/workflows?enabled=yes").body().path("details").get(0).asText())
                .isEqualTo("enabled: must be true or false");
        assertThat(auditActions(workflowId)).containsExactly("workflow.created");
    }

    @Test
    void putMakesANewVersionAndRollbackRestoresAnEarlierOneAsANewerOne() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/restart", Map.of()));
        ObjectNode first = definition(runbookId, null);
        String workflowId = create(workflow(teamId, first));
        ObjectNode second = definition(runbookId, null);
        ((ObjectNode) second.at("/nodes/1/data")).put("value", "HIGH");

        ApiResponse updated = admin.put("/api/workflows/" + workflowId,
                workflow(teamId, second).put("name", "escalate high").put("changeNote", "HIGH too"));
        ApiResponse versions = admin.get("/api/workflows/" + workflowId + "/versions");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().at("/workflow/version").asInt()).isEqualTo(2);
        assertThat(updated.text("/workflow/name")).isEqualTo("escalate high");
        assertThat(updated.text("/workflow/definition/nodes/1/data/value")).isEqualTo("HIGH");
        assertThat(versions.body().path("versions").findValuesAsText("version")).containsExactly("2", "1");
        assertThat(versions.text("/versions/0/changeNote")).isEqualTo("HIGH too");
        assertThat(versions.text("/versions/1/definition/nodes/1/data/value")).isEqualTo("CRITICAL");
        JsonNode versionOne = versions.body().at("/versions/1/definition");

        ApiResponse rolledBack = admin.post("/api/workflows/" + workflowId + "/rollback", Map.of("version", 1));

        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.body().at("/workflow/version").asInt()).isEqualTo(3);
        assertThat(rolledBack.body().at("/workflow/definition")).isEqualTo(versionOne);
        assertThat(rolledBack.text("/workflow/name")).isEqualTo("escalate high");
        ApiResponse history = admin.get("/api/workflows/" + workflowId + "/versions");
        assertThat(history.body().path("versions").findValuesAsText("version")).containsExactly("3", "2", "1");
        assertThat(history.text("/versions/0/changeNote")).isEqualTo("Rolled back to version 1");
        assertThat(admin.post("/api/workflows/" + workflowId + "/rollback", Map.of("version", 3)).error())
                .isEqualTo("Version 3 is the current version; there is nothing to roll back");
        assertThat(admin.post("/api/workflows/" + workflowId + "/rollback", Map.of("version", 9)).status())
                .isEqualTo(404);
        assertThat(admin.post("/api/workflows/" + workflowId + "/rollback", Map.of("version", 0)).status())
                .isEqualTo(400);
        assertThat(auditActions(workflowId)).containsExactly("workflow.created", "workflow.updated", "workflow.rolled_back");
    }

    @Test
    void aManualWorkflowNeedsNoMoreThanItsTriggerNode() {
        ObjectNode bare = json("""
                {"nodes": [{"id": "start", "type": "trigger"}], "trigger": {"type": "manual"}}""");

        ApiResponse created = admin.post("/api/workflows", workflow(createTeam(), bare));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().at("/workflow/definition")).isEqualTo(json("""
                {"nodes": [{"id": "start", "type": "trigger", "data": {}}], "edges": [],
                 "trigger": {"type": "manual", "conditions": []}, "settings": {"timeout": "5min"}}"""));
    }

    @Test
    void theTeamOfAWorkflowCannotBeChangedByPut() {
        String runbookId = createRunbook(runbook(null, "/x", Map.of()));
        String workflowId = create(workflow(createTeam(), definition(runbookId, null)));

        ApiResponse moved = admin.put("/api/workflows/" + workflowId, workflow(createTeam(), definition(runbookId, null)));

        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body().path("details").get(0).asText())
                .isEqualTo("teamId: cannot be changed; create the workflow in the other team instead");
    }

    @Test
    void toggleSwitchesWhetherTheWorkflowRuns() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        ObjectNode body = workflow(teamId, definition(createRunbook(runbook(teamId, "/x", Map.of())), null));
        String workflowId = create(body);

        ApiResponse on = toggle(teamAdmin.api(), workflowId, "{\"enabled\": true}");
        ApiResponse listed = admin.get("/api/workflows?teamId=" + teamId + "&enabled=true");
        ApiResponse replaced = teamAdmin.api().put("/api/workflows/" + workflowId, body);
        ApiResponse off = toggle(teamAdmin.api(), workflowId, "{\"enabled\": false}");
        ApiResponse bad = toggle(teamAdmin.api(), workflowId, "{\"enabled\": \"yes\"}");

        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.body().at("/workflow/enabled").asBoolean()).isTrue();
        assertThat(on.body().at("/workflow/version").asInt()).isEqualTo(1);
        assertThat(ids(listed)).containsExactly(workflowId);
        assertThat(replaced.body().at("/workflow/enabled").asBoolean()).as("a PUT without enabled keeps it").isTrue();
        assertThat(off.body().at("/workflow/enabled").asBoolean()).isFalse();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("details").get(0).asText()).isEqualTo("enabled: string found, boolean expected");
        assertThat(auditActions(workflowId))
                .containsExactly("workflow.created", "workflow.toggled", "workflow.updated", "workflow.toggled");
        assertThat(jdbc.queryForObject("""
                SELECT metadata ->> 'enabled' FROM audit_events WHERE resource_id = ? AND action = 'workflow.toggled'
                ORDER BY created_at LIMIT 1""", String.class, workflowId)).isEqualTo("true");
    }

    @Test
    void duplicateMakesADisabledCopyWithCredentialsOfItsOwn() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        ApiResponse original = admin.post("/api/workflows",
                workflow(teamId, definition(runbookId, bearer(SECRET))).put("enabled", true));
        String originalId = original.text("/workflow/id");

        ApiResponse copy = admin.post("/api/workflows/" + originalId + "/duplicate");
        ApiResponse named = admin.post("/api/workflows/" + originalId + "/duplicate", Map.of("name", "second copy"));

        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        String copyId = copy.text("/workflow/id");
        assertThat(copyId).isNotEqualTo(originalId);
        assertThat(copy.text("/workflow/name")).isEqualTo(original.text("/workflow/name") + " (copy)");
        assertThat(copy.text("/workflow/teamId")).isEqualTo(teamId);
        assertThat(copy.body().at("/workflow/enabled").asBoolean()).isFalse();
        assertThat(copy.body().at("/workflow/version").asInt()).isEqualTo(1);
        assertThat(copy.body().at("/workflow/definition")).isEqualTo(original.body().at("/workflow/definition"));
        assertThat(named.text("/workflow/name")).isEqualTo("second copy");
        String originalAuth = storedAuth(originalId);
        String copyAuth = storedAuth(copyId);
        assertThat(copyAuth).startsWith("v2:" + cipher.currentKeyId() + ":").isNotEqualTo(originalAuth);
        assertThat(cipher.decryptJson(copyAuth, SecretPlace.workflowNodeAuth(copyId, "wh"), ObjectNode.class)
                .path("token").asText()).isEqualTo(SECRET);
        assertThat(auditActions(copyId)).containsExactly("workflow.duplicate");
        assertThat(admin.get("/api/workflows/" + copyId + "/versions").text("/versions/0/changeNote"))
                .isEqualTo("Duplicated from workflow " + originalId + " version 1");
    }

    @Test
    void aDeletedWorkflowIsGoneAndStopsRunning() {
        String teamId = createTeam();
        String workflowId = create(workflow(teamId, definition(createRunbook(runbook(teamId, "/x", Map.of())), null))
                .put("enabled", true));

        ApiResponse deleted = admin.delete("/api/workflows/" + workflowId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get("/api/workflows/" + workflowId).status()).isEqualTo(404);
        assertThat(admin.get("/api/workflows/" + workflowId).error()).isEqualTo("Workflow not found");
        assertThat(admin.delete("/api/workflows/" + workflowId).status()).isEqualTo(404);
        assertThat(admin.get("/api/workflows?teamId=" + teamId).body().path("workflows")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT deleted_at IS NOT NULL AND NOT enabled FROM workflows WHERE id = ?::uuid",
                Boolean.class, workflowId)).isTrue();
        assertThat(admin.get("/api/workflows/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/api/workflows/not-a-uuid").status()).isEqualTo(404);
        assertThat(auditActions(workflowId)).containsExactly("workflow.created", "workflow.deleted");
    }

    @Test
    void exportThenImportGivesAnEqualDefinition() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        ObjectNode definition = definition(runbookId, null);
        addNode(definition, "jira", "action", """
                {"actionType": "jira", "name": "Ticket", "config": {"projectKey": "OPS", "issueType": "Incident",
                 "summary": "$incident.title", "description": "Seen on $incident.service", "labels": ["runwire"]}}""");
        String workflowId = create(workflow(teamId, definition).put("description", "the round trip"));

        ApiResponse exported = admin.get("/api/workflows/" + workflowId + "/export");
        ApiResponse imported = admin.post("/api/workflows/import", exported.body());

        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.text("/description")).isEqualTo("the round trip");
        assertThat(exported.text("/teamId")).isEqualTo(teamId);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String importedId = imported.text("/workflow/id");
        assertThat(importedId).isNotEqualTo(workflowId);
        assertThat(imported.body().at("/workflow/definition")).isEqualTo(exported.body().path("definition"))
                .isEqualTo(admin.get("/api/workflows/" + workflowId).body().at("/workflow/definition"));
        assertThat(admin.get("/api/workflows/" + importedId + "/export").body()).isEqualTo(exported.body());
        assertThat(auditActions(importedId)).containsExactly("workflow.imported");
    }

    @Test
    void anImportKeepsAnUnknownActionTypeThatCreateRefuses() {
        String teamId = createTeam();
        ObjectNode definition = definition(createRunbook(runbook(teamId, "/x", Map.of())), null);
        addNode(definition, "pd", "action", """
                {"actionType": "pagerduty", "name": "Page", "config": {"serviceKey": "abc"}}""");

        ApiResponse created = admin.post("/api/workflows", workflow(teamId, definition));
        ApiResponse imported = admin.post("/api/workflows/import", workflow(teamId, definition));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body().path("details")).extracting(JsonNode::asText).containsExactly(
                "node pd: data.actionType: 'pagerduty' is not an actionType Runwire runs (known: webhook, jira, linear, runbook)");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.text("/workflow/definition/nodes/5/data/actionType")).isEqualTo("pagerduty");
        assertThat(imported.text("/workflow/definition/nodes/5/data/config/serviceKey")).isEqualTo("abc");
    }

    @Test
    void onlyTheTeamsAdminsManageItsWorkflowsAndEveryoneViewsThemAsRunbooks() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser observer = createMember(teamId, "OBSERVER");
        TestUser otherTeamAdmin = createMember(createTeam(), "TEAM_ADMIN");
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        ObjectNode body = workflow(teamId, definition(runbookId, bearer(SECRET)));
        String workflowId = create(body);

        ApiResponse byResponder = responder.api().post("/api/workflows", body);
        ApiResponse byOtherAdmin = otherTeamAdmin.api().post("/api/workflows", body);
        ApiResponse putByResponder = responder.api().put("/api/workflows/" + workflowId, body);
        ApiResponse toggleByObserver = toggle(observer.api(), workflowId, "{\"enabled\": true}");
        ApiResponse deleteByOtherAdmin = otherTeamAdmin.api().delete("/api/workflows/" + workflowId);
        ApiResponse duplicateByResponder = responder.api().post("/api/workflows/" + workflowId + "/duplicate");
        ApiResponse rollbackByResponder = responder.api().post("/api/workflows/" + workflowId + "/rollback",
                Map.of("version", 1));

        assertThat(byResponder.status()).isEqualTo(403);
        assertThat(byResponder.error()).isEqualTo("Your role in this team is RESPONDER; only TEAM_ADMIN can manage its workflows");
        assertThat(byOtherAdmin.status()).isEqualTo(403);
        assertThat(byOtherAdmin.error()).isEqualTo("You are not a member of this team, so you cannot manage its workflows");
        assertThat(List.of(putByResponder, toggleByObserver, deleteByOtherAdmin, duplicateByResponder,
                rollbackByResponder)).extracting(ApiResponse::status).containsOnly(403);
        assertThat(teamAdmin.api().put("/api/workflows/" + workflowId, body).status()).isEqualTo(200);
        assertThat(auditActions(workflowId)).containsExactly("workflow.created", "workflow.updated");

        // viewing is DESIGN §4's canViewTeam: any authenticated user, as GET /api/runbooks/{id} — secrets never shown
        ApiResponse seenByOtherTeam = otherTeamAdmin.api().get("/api/workflows/" + workflowId);
        assertThat(otherTeamAdmin.api().get("/api/runbooks/" + runbookId).status()).isEqualTo(200);
        assertThat(seenByOtherTeam.status()).isEqualTo(200);
        assertThat(seenByOtherTeam.text("/workflow/definition/nodes/4/data/config/auth/token")).isEqualTo("****");
        assertThat(observer.api().get("/api/workflows/" + workflowId + "/versions").status()).isEqualTo(200);
        assertThat(observer.api().get("/api/workflows/" + workflowId + "/export").status()).isEqualTo(200);
    }

    @Test
    void globalWorkflowsAreManagedByPlatformAdminsOnly() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        String runbookId = createRunbook(runbook(null, "/x", Map.of()));

        ApiResponse byTeamAdmin = teamAdmin.api().post("/api/workflows", workflow(null, definition(runbookId, null)));
        ApiResponse byAdmin = admin.post("/api/workflows", workflow(null, definition(runbookId, null)));
        ApiResponse toggledByTeamAdmin = toggle(teamAdmin.api(), byAdmin.text("/workflow/id"), "{\"enabled\": true}");
        ApiResponse unknownTeam = admin.post("/api/workflows",
                workflow(UUID.randomUUID().toString(), definition(runbookId, null)));

        assertThat(byTeamAdmin.status()).isEqualTo(403);
        assertThat(byTeamAdmin.error()).isEqualTo("Only platform admins can manage global workflows");
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(201);
        assertThat(byAdmin.body().at("/workflow/teamId").isNull()).isTrue();
        assertThat(toggledByTeamAdmin.status()).isEqualTo(403);
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(unknownTeam.error()).isEqualTo("Team not found");
    }

    @Test
    void aWebhooksCredentialsAreEncryptedAtRestAndNeverShownNorAudited() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        ObjectNode body = workflow(teamId, definition(runbookId, bearer(SECRET)));

        ApiResponse created = admin.post("/api/workflows", body);
        String workflowId = created.text("/workflow/id");
        ((ObjectNode) body.at("/definition/nodes/4/data/config/auth")).put("token", "****");
        ApiResponse kept = admin.put("/api/workflows/" + workflowId, body);
        ApiResponse duplicated = admin.post("/api/workflows/" + workflowId + "/duplicate");
        ApiResponse rolledBack = admin.post("/api/workflows/" + workflowId + "/rollback", Map.of("version", 1));
        toggle(admin, workflowId, "{\"enabled\": true}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("/workflow/definition/nodes/4/data/config/auth/type")).isEqualTo("bearer");
        assertThat(created.text("/workflow/definition/nodes/4/data/config/auth/token")).isEqualTo("****");
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        String stored = storedAuth(workflowId);
        assertThat(stored).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain(SECRET);
        assertThat(cipher.decryptJson(stored, SecretPlace.workflowNodeAuth(workflowId, "wh"), ObjectNode.class)
                .path("token").asText()).isEqualTo(SECRET);
        List<ApiResponse> everyView = List.of(created, kept, duplicated, rolledBack,
                admin.get("/api/workflows/" + workflowId), admin.get("/api/workflows?teamId=" + teamId),
                admin.get("/api/workflows/" + workflowId + "/versions"),
                admin.get("/api/workflows/" + workflowId + "/export"));
        assertThat(everyView).extracting(ApiResponse::rawBody).noneMatch(text -> text.contains(SECRET));
        assertThat(jdbc.queryForList("SELECT definition::text FROM workflow_versions WHERE workflow_id = ?::uuid",
                String.class, workflowId)).hasSize(3).noneMatch(text -> text.contains(SECRET));
        List<String> audited = jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE resource_id IN (?, ?)",
                String.class, workflowId, duplicated.text("/workflow/id"));
        assertThat(audited).hasSize(5).noneMatch(text -> text.contains(SECRET)).noneMatch(text -> text.contains("v1:"))
                .anyMatch(text -> text.contains("\"token\": \"****\""));
    }

    @Test
    void anExportedSecretMustBeGivenAgainToImport() {
        String teamId = createTeam();
        String workflowId = create(workflow(teamId,
                definition(createRunbook(runbook(teamId, "/x", Map.of())), bearer(SECRET))));

        ApiResponse imported = admin.post("/api/workflows/import",
                admin.get("/api/workflows/" + workflowId + "/export").body());

        assertThat(imported.status()).isEqualTo(400);
        assertThat(imported.body().path("details")).extracting(JsonNode::asText).containsExactly(
                "node wh: data.config.auth.token: **** keeps the stored secret, but none is stored; send the secret");
    }

    @Test
    void invalidDefinitionsAreRefusedWithOneDetailPerProblem() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        String deletedRunbookId = createRunbook(runbook(teamId, "/x", Map.of()));
        assertThat(admin.delete("/api/runbooks/" + deletedRunbookId).status()).isEqualTo(204);

        ObjectNode cycle = definition(runbookId, null);
        edges(cycle).add(edge("back", "wh", "c", null));
        ObjectNode twoTriggers = definition(runbookId, null);
        addNode(twoTriggers, "t2", "trigger", "{}");
        ObjectNode dangling = definition(runbookId, null);
        edges(dangling).add(edge("e9", "wh", "nowhere", null));
        ObjectNode noHandle = definition(runbookId, null);
        ((ObjectNode) edges(noHandle).get(1)).remove("sourceHandle");
        ObjectNode unknownType = definition(runbookId, null);
        ((ObjectNode) unknownType.at("/nodes/4/data")).put("actionType", "pagerduty");
        ObjectNode noRunbookId = definition(runbookId, null);
        ((ObjectNode) noRunbookId.at("/nodes/2/data/config")).remove("runbookId");
        ObjectNode deletedRunbook = definition(deletedRunbookId, null);

        Map<ObjectNode, String> expected = new java.util.LinkedHashMap<>();
        expected.put(cycle, "nodes: c -> d -> wh -> c is a cycle; a workflow's edges must never lead back to a node already passed");
        expected.put(twoTriggers, "nodes: a workflow needs exactly one trigger node, and there are 2 (t, t2)");
        expected.put(dangling, "edge e9: its target nowhere is not a node of this workflow");
        expected.put(noHandle, "edge e2: leaves condition c without a sourceHandle; an edge out of a condition is its 'true' or its 'false' branch");
        expected.put(unknownType, "node wh: data.actionType: 'pagerduty' is not an actionType Runwire runs (known: webhook, jira, linear, runbook)");
        expected.put(noRunbookId, "node rb: data.config.runbookId: is required");
        expected.put(deletedRunbook, "node rb: data.config.runbookId: runbook " + deletedRunbookId + " does not exist");

        expected.forEach((definition, detail) -> {
            ApiResponse response = admin.post("/api/workflows", workflow(teamId, definition));
            assertThat(response.status()).as(detail + " <- " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("Invalid workflow definition");
            assertThat(response.body().path("details")).extracting(JsonNode::asText).as(response.toString())
                    .containsExactly(detail);
        });
        ObjectNode twoProblems = definition(runbookId, null);
        edges(twoProblems).add(edge("e9", "wh", "nowhere", null));
        ((ObjectNode) twoProblems.at("/nodes/3/data")).put("durationSeconds", 0);
        assertThat(admin.post("/api/workflows", workflow(teamId, twoProblems)).body().path("details"))
                .extracting(JsonNode::asText).containsExactly(
                        "edge e9: its target nowhere is not a node of this workflow",
                        "node d: data.durationSeconds: must have a minimum value of 1");
        ApiResponse noName = admin.post("/api/workflows", Map.of("teamId", teamId, "definition", definition(runbookId, null)));
        assertThat(noName.error()).isEqualTo("Invalid request body");
        assertThat(noName.body().path("details").get(0).asText()).isEqualTo("name: is required");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workflows WHERE team_id = ?::uuid", Integer.class, teamId))
                .isZero();
    }

    /** Trigger -> condition (priority equals CRITICAL): true -> runbook, false -> delay -> webhook. */
    private ObjectNode definition(String runbookId, ObjectNode auth) {
        ObjectNode definition = json("""
                {"nodes": [
                   {"id": "t", "type": "trigger", "position": {"x": 0, "y": 0}, "data": {"label": "New incident"}},
                   {"id": "c", "type": "condition", "position": {"x": 0, "y": 100},
                    "data": {"field": "priority", "operator": "equals", "value": "CRITICAL"}},
                   {"id": "rb", "type": "action", "position": {"x": -100, "y": 200},
                    "data": {"actionType": "runbook", "name": "Restart", "config": {"runbookId": "%s", "parameters": {}}}},
                   {"id": "d", "type": "delay", "position": {"x": 100, "y": 200}, "data": {"durationSeconds": 3}},
                   {"id": "wh", "type": "action", "position": {"x": 100.5, "y": 300},
                    "data": {"actionType": "webhook", "name": "Notify",
                             "config": {"url": "%s", "headers": {"X-Source": "runwire"},
                                        "body": "{\\"title\\": $fn.json($incident.title)}"},
                             "retry": {"attempts": 2, "backoff": "exponential", "initialDelayMs": 100}}}
                 ],
                 "edges": [
                   {"id": "e1", "source": "t", "target": "c"},
                   {"id": "e2", "source": "c", "target": "rb", "sourceHandle": "true"},
                   {"id": "e3", "source": "c", "target": "d", "sourceHandle": "false"},
                   {"id": "e4", "source": "d", "target": "wh"}
                 ],
                 "trigger": {"type": "incident_created", "conditions": [{"field": "service", "operator": "exists"}]}}"""
                .formatted(runbookId, targetUrl("/notify/$incident.id")));
        if (auth != null) {
            ((ObjectNode) definition.at("/nodes/4/data/config")).set("auth", auth);
        }
        return definition;
    }

    private static ObjectNode workflow(String teamId, ObjectNode definition) {
        ObjectNode workflow = JSON.createObjectNode();
        workflow.put("teamId", teamId);
        workflow.put("name", unique("escalate-critical"));
        workflow.set("definition", definition);
        return workflow;
    }

    private static ObjectNode bearer(String token) {
        return JSON.createObjectNode().put("type", "bearer").put("token", token);
    }

    private String create(ObjectNode workflow) {
        ApiResponse created = admin.post("/api/workflows", workflow);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/workflow/id");
    }

    private static ApiResponse toggle(ApiClient client, String workflowId, String body) {
        return client.send("PATCH", "/api/workflows/" + workflowId + "/toggle", body, "application/json");
    }

    private String storedAuth(String workflowId) {
        return jdbc.queryForObject("""
                SELECT n -> 'data' -> 'config' ->> 'auth'
                FROM workflows w, jsonb_array_elements(w.definition -> 'nodes') n
                WHERE w.id = ?::uuid AND n ->> 'id' = 'wh'""", String.class, workflowId);
    }

    private static void addNode(ObjectNode definition, String id, String type, String data) {
        ((ArrayNode) definition.get("nodes")).add(json("""
                {"id": "%s", "type": "%s", "position": {"x": 0, "y": 400}, "data": %s}""".formatted(id, type, data)));
        if (!type.equals("trigger")) {
            edges(definition).add(edge("to-" + id, "d", id, null));
        }
    }

    private static ArrayNode edges(ObjectNode definition) {
        return (ArrayNode) definition.get("edges");
    }

    private static ObjectNode edge(String id, String source, String target, String handle) {
        ObjectNode edge = JSON.createObjectNode().put("id", id).put("source", source).put("target", target);
        return handle == null ? edge : edge.put("sourceHandle", handle);
    }

    /** The ids of a list response's workflows. */
    private static List<String> ids(ApiResponse list) {
        List<String> ids = new java.util.ArrayList<>();
        list.body().path("workflows").forEach(workflow -> ids.add(workflow.path("id").asText()));
        return ids;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
