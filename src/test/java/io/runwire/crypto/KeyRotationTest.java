package io.runwire.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.runwire.RunwireApplication;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.LegacyCiphertext;
import io.runwire.support.RunbookTestSupport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12's rotation, start after start on one embedded database: secrets written under the old key (and a v1 one
 * from before key ids) still work once a new key comes first; the re-encryption moves every one under the new key;
 * then the old key is removed and old and new runbooks, a workflow's webhook action and a rerun with a write-only
 * parameter all still reach their target with the right secrets.
 */
class KeyRotationTest {

    private static final String ADMIN_TOKEN = "rotation-admin-token";
    private static final Map<String, Object> SECRET_PARAMETER = Map.of("type", "object",
            "properties", Map.of("password", Map.of("type", "string", "writeOnly", true)));

    private static WireMockServer target;

    private final Path dataDirectory = Path.of("target", "test-postgres", "rotation-" + UUID.randomUUID());
    private final String oldKey = randomKey();
    private final String newKey = randomKey();

    @BeforeAll
    static void startTarget() {
        target = RunbookTestSupport.silentTarget();
        target.start();
        target.stubFor(post(urlEqualTo("/rotation")).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stopTarget() {
        target.stop();
    }

    @Test
    void afterRotatingAndReencryptingOldAndNewSecretsStillWorkAndTheOldKeyCanBeRemoved() {
        String teamId;
        String incidentId;
        String old;
        String legacy;
        String workflowId;
        String oldExecution;
        try (ConfigurableApplicationContext runwire = start(oldKey)) {
            ApiClient admin = admin(runwire);
            teamId = created(admin.post("/api/teams", Map.of("name", "rotation-" + UUID.randomUUID())), "/team/id");
            incidentId = created(admin.post("/api/incidents",
                    Map.of("teamId", teamId, "title", "Rotation", "priority", "HIGH")), "/incident/id");
            old = approvedRunbook(admin, teamId, "old-key-token-1181");
            oldExecution = execute(admin, incidentId, old, "old-password-2292");
            legacy = approvedRunbook(admin, teamId, null);
            String v1 = LegacyCiphertext.v1(Base64.getDecoder().decode(oldKey),
                    "{\"type\": \"bearer\", \"token\": \"v1-token-3303\"}");
            runwire.getBean(JdbcTemplate.class)
                    .update("UPDATE runbooks SET webhook_auth = ? WHERE id = CAST(? AS uuid)", v1, legacy);
            workflowId = workflow(admin, teamId);
        }

        String fresh;
        try (ConfigurableApplicationContext runwire = start(newKey + "," + oldKey)) {
            ApiClient admin = admin(runwire);
            execute(admin, incidentId, old, "old-password-4404");
            execute(admin, incidentId, legacy, "v1-password-5505");
            fresh = approvedRunbook(admin, teamId, "new-key-token-6606");
            execute(admin, incidentId, fresh, "new-password-7707");

            ApiResponse reencrypted = admin.post("/api/admin/encryption/re-encrypt");

            assertThat(reencrypted.status()).as(reencrypted.toString()).isEqualTo(200);
            assertThat(reencrypted.text("/keyId")).isEqualTo(SecretCipher.keyId(Base64.getDecoder().decode(newKey)));
            // the old and the legacy runbook, their three executions (snapshot or parameters under the old key), the
            // workflow and its version; nothing of the fresh runbook and its execution
            assertThat(reencrypted.body().path("changed").asLong()).isEqualTo(7);
            assertThat(reencrypted.body().path("unreadable").asLong()).isZero();
            assertThat(notUnder(runwire.getBean(JdbcTemplate.class), reencrypted.text("/keyId"))).isZero();
        }

        try (ConfigurableApplicationContext runwire = start(newKey)) {
            ApiClient admin = admin(runwire);
            target.resetRequests();

            execute(admin, incidentId, old, "old-password-8808");
            execute(admin, incidentId, legacy, "v1-password-9909");
            execute(admin, incidentId, fresh, "new-password-1010");
            ApiResponse rerun = admin.post("/api/runbook-executions/" + oldExecution + "/rerun");
            assertThat(rerun.status()).as(rerun.toString()).isEqualTo(201);
            assertThat(awaitStatus(admin, rerun.text("/execution/id"))).isEqualTo("SUCCESS");
            ApiResponse started = admin.post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            awaitWorkflowCompleted(admin, incidentId);
            assertThat(admin.get("/api/workflows/" + workflowId).text("/workflow/definition/nodes/1/data/config/auth/type"))
                    .isEqualTo("bearer");

            target.verify(1, postRequestedFor(urlEqualTo("/rotation")).withHeader("Authorization",
                    equalTo("Bearer old-key-token-1181")).withRequestBody(equalToJson("{\"p\": \"old-password-8808\"}")));
            target.verify(1, postRequestedFor(urlEqualTo("/rotation")).withHeader("Authorization",
                    equalTo("Bearer old-key-token-1181")).withRequestBody(equalToJson("{\"p\": \"old-password-2292\"}")));
            target.verify(1, postRequestedFor(urlEqualTo("/rotation")).withHeader("Authorization",
                    equalTo("Bearer v1-token-3303")).withRequestBody(equalToJson("{\"p\": \"v1-password-9909\"}")));
            target.verify(1, postRequestedFor(urlEqualTo("/rotation")).withHeader("Authorization",
                    equalTo("Bearer new-key-token-6606")).withRequestBody(equalToJson("{\"p\": \"new-password-1010\"}")));
            target.verify(1, postRequestedFor(urlEqualTo("/rotation")).withHeader("Authorization",
                    equalTo("Bearer workflow-token-1212")));
        }
    }

    /** Stored ciphertexts that are not v2 under {@code keyId}: none once the re-encryption is done. */
    private static int notUnder(JdbcTemplate jdbc, String keyId) {
        String prefix = "v2:" + keyId + ":%";
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM runbooks WHERE webhook_auth NOT LIKE ?)
                     + (SELECT count(*) FROM runbook_versions WHERE definition ->> 'webhookAuth' NOT LIKE ?)
                     + (SELECT count(*) FROM runbook_executions WHERE definition_snapshot ->> 'webhookAuth' NOT LIKE ?
                                                                   OR parameters ->> '$secrets' NOT LIKE ?)
                     + (SELECT count(*) FROM workflows w, jsonb_array_elements(w.definition -> 'nodes') n
                        WHERE n #>> '{data,config,auth}' NOT LIKE ?)
                     + (SELECT count(*) FROM workflow_versions w, jsonb_array_elements(w.definition -> 'nodes') n
                        WHERE n #>> '{data,config,auth}' NOT LIKE ?)""",
                Integer.class, prefix, prefix, prefix, prefix, prefix, prefix);
    }

    private ConfigurableApplicationContext start(String keys) {
        return new SpringApplicationBuilder(RunwireApplication.class)
                .profiles("test")
                .run("--runwire.encryption.keys=" + keys,
                        "--runwire.data-dir=" + dataDirectory.resolve("data"),
                        "--runwire.database.embedded.data-directory=" + dataDirectory.resolve("postgres"),
                        "--runwire.bootstrap-admin-token=" + ADMIN_TOKEN,
                        "--server.port=0");
    }

    private static ApiClient admin(ConfigurableApplicationContext runwire) {
        return new ApiClient("http://127.0.0.1:" + runwire.getEnvironment().getProperty("local.server.port"),
                ADMIN_TOKEN);
    }

    /** An approved runbook sending its write-only password to the stand-in, with a bearer token (or none). */
    private String approvedRunbook(ApiClient admin, String teamId, String token) {
        Map<String, Object> auth = token == null ? Map.of("type", "none") : Map.of("type", "bearer", "token", token);
        String id = created(admin.post("/api/runbooks", Map.of("teamId", teamId, "name", "rotation-" + UUID.randomUUID(),
                "webhookUrl", target.baseUrl() + "/rotation", "webhookAuth", auth, "parameters", SECRET_PARAMETER,
                "payloadTemplate", "{\"p\": \"$params.password\"}")), "/runbook/id");
        ApiResponse approved = admin.post("/api/runbooks/" + id + "/approve");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return id;
    }

    private String workflow(ApiClient admin, String teamId) {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook", "name", "Notify",
                                "config", Map.of("url", target.baseUrl() + "/rotation",
                                        "auth", Map.of("type", "bearer", "token", "workflow-token-1212"))))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "notify")));
        return created(admin.post("/api/workflows", Map.of("name", "rotation-" + UUID.randomUUID(), "teamId", teamId,
                "enabled", true, "definition", definition)), "/workflow/id");
    }

    /** Executes the runbook with {@code password}; returns the execution's id once it succeeded. */
    private static String execute(ApiClient admin, String incidentId, String runbookId, String password) {
        String id = created(admin.post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/execute",
                Map.of("parameters", Map.of("password", password))), "/execution/id");
        assertThat(awaitStatus(admin, id)).isEqualTo("SUCCESS");
        return id;
    }

    private static String awaitStatus(ApiClient admin, String executionId) {
        JsonNode execution = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/api/runbook-executions/" + executionId).body().path("execution"),
                        e -> List.of("SUCCESS", "FAILED", "TIMED_OUT").contains(e.path("status").asText()));
        return execution.path("status").asText() + (execution.path("error").isTextual()
                ? ": " + execution.path("error").asText() : "");
    }

    private static void awaitWorkflowCompleted(ApiClient admin, String incidentId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode list = admin.get("/api/incidents/" + incidentId + "/workflows/executions").body().path("executions");
            return list.size() == 1 ? list.get(0).path("status").asText() : "";
        }, status -> status.equals("COMPLETED") || status.equals("FAILED"));
        JsonNode list = admin.get("/api/incidents/" + incidentId + "/workflows/executions").body().path("executions");
        assertThat(list.get(0).path("status").asText()).as(list.toString()).isEqualTo("COMPLETED");
    }

    private static String created(ApiResponse response, String idPointer) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text(idPointer);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
