package io.runwire.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.LegacyCiphertext;
import io.runwire.support.RunbookTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ciphertexts bound to their place (issue 12): one moved in the database to another runbook or workflow fails there
 * with "secret could not be decrypted" and nothing is sent; a v1 ciphertext of before still works and the
 * re-encryption endpoint binds it.
 */
class CiphertextPlacesTest extends RunbookTestSupport {

    @Autowired
    SecretCipher cipher;

    @Test
    void aWebhookAuthMovedToAnotherRunbookFailsItsExecutionAndNothingIsSent() {
        target.stubFor(post(urlEqualTo("/places-a")).willReturn(aResponse().withStatus(200)));
        target.stubFor(post(urlEqualTo("/places-b")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String a = createApprovedRunbook(runbook(teamId, "/places-a",
                Map.of("webhookAuth", Map.of("type", "bearer", "token", "token-of-a-7731"))));
        String b = createApprovedRunbook(runbook(teamId, "/places-b",
                Map.of("webhookAuth", Map.of("type", "bearer", "token", "token-of-b-9902"))));

        jdbc.update("UPDATE runbooks SET webhook_auth = (SELECT webhook_auth FROM runbooks WHERE id = CAST(? AS uuid)) "
                + "WHERE id = CAST(? AS uuid)", a, b);
        JsonNode failed = awaitStatus(executeAndGetId(incidentId, b, null), "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").asText())
                .startsWith("Not sent: The secret could not be decrypted (runbooks/" + b + "/webhook_auth)")
                .doesNotContain("token-of-a-7731").doesNotContain("token-of-b-9902");
        assertThat(failed.path("attempts").asInt()).as("no second attempt: it would fare no better").isEqualTo(1);
        target.verify(0, anyRequestedFor(anyUrl()));
        ApiResponse shown = admin.get("/api/runbooks/" + b);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.text("/runbook/webhookAuth/type")).isEqualTo("unreadable");
        assertThat(shown.rawBody()).doesNotContain("token-of-a-7731");

        JsonNode ofA = awaitStatus(executeAndGetId(incidentId, a, null), "SUCCESS", "FAILED", "TIMED_OUT");
        assertThat(ofA.path("status").asText()).as(ofA.toString()).isEqualTo("SUCCESS");
        target.verify(1, postRequestedFor(urlEqualTo("/places-a"))
                .withHeader("Authorization", equalTo("Bearer token-of-a-7731")));
    }

    @Test
    void aSecretParameterMovedToAnotherExecutionFailsItsRerunBeforeAnythingIsSent() {
        target.stubFor(post(urlEqualTo("/places-params")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("password", Map.of("type", "string", "writeOnly", true)));
        String runbookId = createApprovedRunbook(runbook(teamId, "/places-params",
                Map.of("parameters", schema, "payloadTemplate", "{\"p\": \"$params.password\"}")));
        String first = executeAndGetId(incidentId, runbookId, Map.of("password", "param-one-5521"));
        awaitStatus(first, "SUCCESS");
        String second = executeAndGetId(incidentId, runbookId, Map.of("password", "param-two-6634"));
        awaitStatus(second, "SUCCESS");
        target.resetRequests();

        jdbc.update("UPDATE runbook_executions SET parameters = (SELECT parameters FROM runbook_executions "
                + "WHERE id = CAST(? AS uuid)) WHERE id = CAST(? AS uuid)", first, second);
        ApiResponse rerun = admin.post("/api/runbook-executions/" + second + "/rerun");

        assertThat(rerun.status()).as(rerun.toString()).isEqualTo(409);
        assertThat(rerun.text("/error"))
                .startsWith("The secret could not be decrypted (runbook_executions/" + second + "/parameters)");
        assertThat(rerun.rawBody()).doesNotContain("param-one-5521").doesNotContain("param-two-6634");
        target.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aWebhookActionAuthMovedToAnotherWorkflowFailsThatNodeAndNothingIsSent() {
        target.stubFor(post(urlEqualTo("/places-wf-a")).willReturn(aResponse().withStatus(200)));
        target.stubFor(post(urlEqualTo("/places-wf-b")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String a = createWorkflow(teamId, "/places-wf-a", "wf-token-a-4410");
        String b = createWorkflow(teamId, "/places-wf-b", "wf-token-b-8820");

        jdbc.update("""
                UPDATE workflows b SET definition = jsonb_set(b.definition, '{nodes,1,data,config,auth}',
                    (SELECT a.definition #> '{nodes,1,data,config,auth}' FROM workflows a WHERE a.id = CAST(? AS uuid)))
                WHERE b.id = CAST(? AS uuid)""", a, b);
        JsonNode run = runWorkflow(b, createIncident(teamId), "FAILED");

        assertThat(run.toString()).doesNotContain("wf-token-a-4410").doesNotContain("wf-token-b-8820");
        assertThat(nodeError(run, "notify"))
                .startsWith("Not sent: The secret could not be decrypted (workflows/" + b + "/nodes/notify/auth)");
        target.verify(0, anyRequestedFor(anyUrl()));
        assertThat(admin.get("/api/workflows/" + b).text("/workflow/definition/nodes/1/data/config/auth/type"))
                .isEqualTo("unreadable");

        runWorkflow(a, createIncident(teamId), "COMPLETED");
        target.verify(1, postRequestedFor(urlEqualTo("/places-wf-a"))
                .withHeader("Authorization", equalTo("Bearer wf-token-a-4410")));
    }

    @Test
    void aVersionOneCiphertextStillWorksAndTheReencryptionBindsItToItsRunbook() throws Exception {
        target.stubFor(post(urlEqualTo("/places-v1")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/places-v1", Map.of()));
        String v1 = LegacyCiphertext.v1(testKey(), "{\"type\": \"bearer\", \"token\": \"legacy-token-3318\"}");
        jdbc.update("UPDATE runbooks SET webhook_auth = ? WHERE id = CAST(? AS uuid)", v1, runbookId);

        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        ApiResponse reencrypted = admin.post("/api/admin/encryption/re-encrypt");

        assertThat(reencrypted.status()).as(reencrypted.toString()).isEqualTo(200);
        assertThat(reencrypted.body().path("changed").asLong()).isGreaterThanOrEqualTo(2); // the runbook and its snapshot
        assertThat(reencrypted.text("/keyId")).isEqualTo(cipher.currentKeyId());
        String stored = jdbc.queryForObject("SELECT webhook_auth FROM runbooks WHERE id = CAST(? AS uuid)",
                String.class, runbookId);
        assertThat(stored).startsWith("v2:" + cipher.currentKeyId() + ":");
        assertThat(cipher.decrypt(stored, SecretPlace.runbookAuth(runbookId))).contains("legacy-token-3318");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = CAST(? AS uuid) "
                + "AND definition_snapshot ->> 'webhookAuth' LIKE 'v1:%'", Integer.class, runbookId)).isZero();
        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        target.verify(2, postRequestedFor(urlEqualTo("/places-v1"))
                .withHeader("Authorization", equalTo("Bearer legacy-token-3318")));
        assertThat(admin.post("/api/admin/encryption/re-encrypt").body().path("changed").asLong())
                .as("nothing is left to re-encrypt").isZero();
        List<Map<String, Object>> audited = jdbc.queryForList("SELECT metadata::text AS metadata FROM audit_events "
                + "WHERE action = 'encryption.reencrypted' ORDER BY created_at DESC LIMIT 2");
        assertThat(audited).hasSize(2);
        assertThat(audited.toString()).contains("\"changed\"").doesNotContain("legacy-token-3318").doesNotContain("v2:");
    }

    @Test
    void onlyPlatformAdminsMayReencrypt() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");

        ApiResponse refused = teamAdmin.api().post("/api/admin/encryption/re-encrypt");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.text("/error")).contains("Only platform admins can re-encrypt the stored secrets");
    }

    /** The test context's key: the embedded default generates it into the test data directory. */
    private static byte[] testKey() throws Exception {
        return Base64.getDecoder().decode(Files.readString(Path.of("target/test-data/encryption.key")).strip());
    }

    private String createWorkflow(String teamId, String path, String token) {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook", "name", "Notify",
                                "config", Map.of("url", targetUrl(path),
                                        "auth", Map.of("type", "bearer", "token", token))))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "notify")));
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", unique("places"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/workflow/id");
    }

    private JsonNode runWorkflow(String workflowId, String incidentId, String status) {
        ApiResponse started = admin.post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode list = admin.get("/api/incidents/" + incidentId + "/workflows/executions").body().path("executions");
            return list.size() != 1 ? null
                    : admin.get("/api/workflow-executions/" + list.get(0).path("id").asText()).body().path("execution");
        }, execution -> execution != null && status.equals(execution.path("status").asText()));
    }

    private static String nodeError(JsonNode execution, String nodeId) {
        for (JsonNode result : execution.path("nodeResults")) {
            if (nodeId.equals(result.path("nodeId").asText())) {
                return result.path("error").asText();
            }
        }
        return null;
    }
}
