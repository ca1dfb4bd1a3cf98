package io.runwire.signing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runwire.support.ApiResponse;
import io.runwire.support.FreshTestLog;
import io.runwire.support.LegacyCiphertext;
import io.runwire.support.RunbookTestSupport;
import io.runwire.support.ShownSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, signed calls: every call this class makes is checked by a receiver written as the README shows it
 * ({@link #verify}), against what WireMock received byte for byte.
 */
class SignedCallsTest extends RunbookTestSupport {

    /** Every secret this class was shown: each call verifies with one of them, and none may appear in the log. */
    private static final List<String> SHOWN = new CopyOnWriteArrayList<>();
    private static final String PAYLOAD = "{\"service\": $fn.json($params.service), \"note\": \"ü 🚨 \\\"q\\\"\"}";
    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of("service", Map.of("type", "string", "default", "checkout")));

    // ---- the receiver, as the README's "Signed calls" shows it ----

    /** True when {@code header} holds a v1 signature of {@code body} by {@code secret}, at most 5 minutes old. */
    static boolean verify(String header, byte[] body, String secret, long nowSeconds) throws Exception {
        long t = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,18}")) {
                t = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (t < 0 || Math.abs(nowSeconds - t) > 300) {
            return false;                                     // no timestamp, or a replay older than 5 minutes
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {   // constant time
                return true;
            }
        }
        return false;
    }

    /** Each received call that carries a signature verifies with at least one of {@code secrets}. */
    @AfterEach
    void everySignedCallVerified() throws Exception {
        for (LoggedRequest request : target.findAll(anyRequestedFor(anyUrl()))) {
            String header = request.getHeader("Runwire-Signature");
            if (header != null) {
                boolean any = false;
                for (String secret : SHOWN) {
                    any |= verify(header, request.getBody(), secret, now());
                }
                assertThat(any).as("the call to %s verifies with a secret Runwire showed", request.getUrl()).isTrue();
            }
        }
    }

    @AfterAll
    static void noShownSecretIsInTheLog() throws Exception {
        String log = Files.readString(FreshTestLog.LOG, StandardCharsets.UTF_8);
        for (String secret : SHOWN) {
            assertThat(log.contains(secret)).as("a signing secret is in %s", FreshTestLog.LOG).isFalse();
        }
    }

    @Test
    void aSignedCallVerifiesWithItsSecretAndABodyAlteredByOneByteDoesNot() throws Exception {
        target.stubFor(post(urlEqualTo("/signed")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/signed",
                Map.of("parameters", SCHEMA, "payloadTemplate", PAYLOAD)));
        String secret = createSecret(runbookId);
        assertThat(secret).startsWith("rwsig_").hasSizeGreaterThan(40);

        awaitStatus(executeAndGetId(incidentId, runbookId, Map.of("service", "api")), "SUCCESS");

        LoggedRequest call = onlyCall("/signed");
        String header = call.getHeader("Runwire-Signature");
        byte[] body = call.getBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"service\": \"api\", \"note\": \"ü 🚨 \\\"q\\\"\"}");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(call.getHeader("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        long t = Long.parseLong(call.getHeader("Runwire-Timestamp"));
        assertThat(header).startsWith("t=" + t + ",");
        assertThat(t).isBetween(now() - 60, now());
        assertThat(verify(header, body, secret, now())).isTrue();
        for (int i = 0; i < body.length; i += Math.max(1, body.length / 7)) {
            byte[] altered = body.clone();
            altered[i] ^= 1;
            assertThat(verify(header, altered, secret, now())).as("byte %d altered", i).isFalse();
        }
        assertThat(verify(header, body, secret.substring(0, secret.length() - 1) + "x", now())).isFalse();
        assertThat(verify(header, body, secret, t + 301)).as("a replay 5 minutes and a second later").isFalse();
        assertThat(verify(header.replaceFirst("t=\\d+", "t=" + (t + 1)), body, secret, now())).isFalse();
    }

    @Test
    void duringARotationBothSecretsVerifyAndAfterTheGracePeriodOnlyTheNewOneIsSent() throws Exception {
        target.stubFor(post(urlEqualTo("/rotating")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/rotating", Map.of()));
        String old = createSecret(runbookId);
        ApiResponse rotated = admin.post("/api/runbooks/" + runbookId + "/signing-secret/rotate",
                Map.of("gracePeriodSeconds", 5));
        assertThat(rotated.status()).as(rotated.error()).isEqualTo(201);
        String fresh = shown(rotated);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.body().at("/signing/secrets")).hasSize(2);

        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        LoggedRequest during = onlyCall("/rotating");
        List<String> v1 = v1Values(during.getHeader("Runwire-Signature"));
        assertThat(v1).as("one v1 per valid secret, the new one first").hasSize(2);
        long t = Long.parseLong(during.getHeader("Runwire-Timestamp"));
        assertThat(v1.get(0)).isEqualTo(hmac(fresh, t, during.getBody()));
        assertThat(v1.get(1)).isEqualTo(hmac(old, t, during.getBody()));
        assertThat(verify(during.getHeader("Runwire-Signature"), during.getBody(), old, now())).isTrue();
        assertThat(verify(during.getHeader("Runwire-Signature"), during.getBody(), fresh, now())).isTrue();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                admin.get("/api/runbooks/" + runbookId + "/signing-secret").body().at("/signing/secrets").size() == 1);
        target.resetRequests();
        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        LoggedRequest after = onlyCall("/rotating");
        assertThat(v1Values(after.getHeader("Runwire-Signature"))).hasSize(1);
        assertThat(verify(after.getHeader("Runwire-Signature"), after.getBody(), fresh, now())).isTrue();
        assertThat(verify(after.getHeader("Runwire-Signature"), after.getBody(), old, now())).isFalse();
    }

    @Test
    void aRetriedAttemptIsSignedAfreshWithTheSecretsValidWhenItIsSent() throws Exception {
        target.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        target.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/flaky",
                Map.of("retry", Map.of("attempts", 2, "initialDelayMs", 2500))));
        String first = createSecret(runbookId);

        String executionId = executeAndGetId(incidentId, runbookId, null);
        await().atMost(Duration.ofSeconds(15)).until(() -> calls("/flaky").size() == 1);
        // rotated while the execution waits for its second attempt, which was triggered before
        ApiResponse rotated = admin.post("/api/runbooks/" + runbookId + "/signing-secret/rotate");
        assertThat(rotated.status()).as(rotated.error()).isEqualTo(201);
        String second = shown(rotated);
        awaitStatus(executionId, "SUCCESS");

        List<LoggedRequest> calls = calls("/flaky");
        assertThat(calls).hasSize(2);
        LoggedRequest a = calls.get(0);
        LoggedRequest b = calls.get(1);
        long ta = Long.parseLong(a.getHeader("Runwire-Timestamp"));
        long tb = Long.parseLong(b.getHeader("Runwire-Timestamp"));
        assertThat(tb).as("the retry has a timestamp of its own").isGreaterThanOrEqualTo(ta + 2);
        assertThat(v1Values(a.getHeader("Runwire-Signature"))).containsExactly(hmac(first, ta, a.getBody()));
        assertThat(v1Values(b.getHeader("Runwire-Signature")))
                .containsExactly(hmac(second, tb, b.getBody()), hmac(first, tb, b.getBody()));
        assertThat(verify(b.getHeader("Runwire-Signature"), b.getBody(), second, now())).isTrue();
        assertThat(a.getHeader("Idempotency-Key")).isEqualTo(b.getHeader("Idempotency-Key")).isEqualTo(executionId);
    }

    @Test
    void anUnsignedRunbookSendsNeitherHeaderAndNoAuthorMaySetThem() {
        target.stubFor(post(urlEqualTo("/unsigned")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/unsigned", Map.of()));

        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        createSecret(runbookId);
        assertThat(admin.delete("/api/runbooks/" + runbookId + "/signing-secret").status()).isEqualTo(204);
        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");

        List<LoggedRequest> calls = calls("/unsigned");
        assertThat(calls).hasSize(2);
        for (LoggedRequest call : calls) {
            assertThat(call.containsHeader("Runwire-Signature")).isFalse();
            assertThat(call.containsHeader("Runwire-Timestamp")).isFalse();
        }
        assertThat(admin.get("/api/runbooks/" + runbookId + "/signing-secret").body().path("signing").path("enabled")
                .asBoolean()).isFalse();
        for (String name : List.of("Runwire-Signature", "runwire-timestamp")) {
            ApiResponse refused = admin.post("/api/runbooks",
                    runbook(teamId, "/unsigned", Map.of("webhookHeaders", Map.of(name, "t=1,v1=00"))));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().toString()).contains(name).contains("is set by Runwire");
        }
    }

    @Test
    void theSecretIsShownOnceAndInNoLaterAnswerNorTheAuditNorTheDatabaseInPlainText() {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/nowhere", Map.of()));
        ApiResponse created = admin.post("/api/runbooks/" + runbookId + "/signing-secret");
        assertThat(created.status()).isEqualTo(201);
        String secret = shown(created);
        String secretId = created.text("/signingSecret/id");
        ApiResponse rotated = admin.post("/api/runbooks/" + runbookId + "/signing-secret/rotate");
        String next = shown(rotated);

        List<String> later = new ArrayList<>();
        for (String path : List.of("/api/runbooks/" + runbookId + "/signing-secret", "/api/runbooks/" + runbookId,
                "/api/runbooks/" + runbookId + "/versions", "/api/runbooks?teamId=" + teamId,
                "/api/audit?resourceId=" + runbookId)) {
            ApiResponse response = admin.get(path);
            assertThat(response.status()).isEqualTo(200);
            later.add(response.rawBody());
        }
        assertThat(later.get(0)).contains(secretId);
        assertThat(auditActions(runbookId)).contains("runbook.signing_secret.created", "runbook.signing_secret.rotated");
        List<String> stored = jdbc.queryForList("SELECT secret FROM signing_secrets WHERE runbook_id = CAST(? AS uuid)",
                String.class, runbookId);
        assertThat(stored).hasSize(2).allMatch(text -> text.startsWith("v2:"));
        later.addAll(stored);
        later.addAll(jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE resource_id = ?", String.class,
                runbookId));
        assertThat(admin.delete("/api/runbooks/" + runbookId + "/signing-secret").status()).isEqualTo(204);
        assertThat(auditActions(runbookId)).contains("runbook.signing_secret.deleted");
        for (String text : later) {
            assertThat(text.contains(secret) || text.contains(next)).as("a secret in a later answer or row").isFalse();
        }
    }

    @Test
    void onlyThoseWhoManageTheRunbookMaySignItsCallsAndEachChangeMustMakeSense() {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/nowhere", Map.of()));
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        String path = "/api/runbooks/" + runbookId + "/signing-secret";

        assertThat(responder.api().post(path).status()).isEqualTo(403);
        assertThat(responder.api().get(path).status()).isEqualTo(403);
        assertThat(teamAdmin.api().post(path + "/rotate").status()).as("nothing to rotate yet").isEqualTo(409);
        assertThat(teamAdmin.api().delete(path).status()).isEqualTo(404);
        ApiResponse created = teamAdmin.api().post(path);
        assertThat(created.status()).isEqualTo(201);
        shown(created);
        ApiResponse again = teamAdmin.api().post(path);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("rotate");
        ApiResponse badGrace = teamAdmin.api().post(path + "/rotate", Map.of("gracePeriodSeconds", -1));
        assertThat(badGrace.status()).isEqualTo(400);
        assertThat(badGrace.body().toString()).contains("gracePeriodSeconds");
        assertThat(teamAdmin.api().post(path + "/rotate", Map.of("graceDays", 1)).status()).isEqualTo(400);
        assertThat(admin.post("/api/runbooks/00000000-0000-0000-0000-000000000000/signing-secret").status())
                .isEqualTo(404);
        assertThat(responder.api().delete(path).status()).isEqualTo(403);
    }

    @Test
    void aWorkflowsWebhookNodeSignsItsCallsWithASecretOfItsOwn() throws Exception {
        target.stubFor(post(urlEqualTo("/wf-notify")).willReturn(aResponse().withStatus(204)));
        target.stubFor(get(urlEqualTo("/wf-ping")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "settings", Map.of("timeout", "1min"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook", "name", "Notify",
                                "config", Map.of("url", targetUrl("/wf-notify"),
                                        "body", "{\"text\": $fn.json($incident.title), \"é\": 1}"))),
                        Map.of("id", "ping", "type", "action", "data", Map.of("actionType", "webhook", "name", "Ping",
                                "config", Map.of("url", targetUrl("/wf-ping"), "method", "GET")))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "notify"),
                        Map.of("id", "e2", "source", "notify", "target", "ping")));
        ApiResponse workflow = admin.post("/api/workflows",
                Map.of("name", unique("signed hook"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);
        String workflowId = workflow.text("/workflow/id");
        assertThat(admin.post("/api/workflows/" + workflowId + "/nodes/start/signing-secret").status())
                .as("a trigger node makes no calls").isEqualTo(404);
        ApiResponse created = admin.post("/api/workflows/" + workflowId + "/nodes/notify/signing-secret");
        assertThat(created.status()).isEqualTo(201);
        String secret = shown(created);
        ApiResponse pingCreated = admin.post("/api/workflows/" + workflowId + "/nodes/ping/signing-secret");
        assertThat(pingCreated.status()).isEqualTo(201);
        String pingSecret = shown(pingCreated);

        ApiResponse run = admin.post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        String runId = run.text("/execution/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/workflow-executions/" + runId).body()
                .at("/execution/status").asText().equals("COMPLETED"));

        LoggedRequest call = onlyCall("/wf-notify");
        assertThat(verify(call.getHeader("Runwire-Signature"), call.getBody(), secret, now())).isTrue();
        assertThat(call.getHeader("Runwire-Signature")).startsWith("t=" + call.getHeader("Runwire-Timestamp") + ",");
        LoggedRequest ping = target.findAll(getRequestedFor(urlEqualTo("/wf-ping"))).get(0);
        assertThat(ping.getBody()).as("a GET sends no body, and signs an empty one").isEmpty();
        assertThat(verify(ping.getHeader("Runwire-Signature"), new byte[0], pingSecret, now())).isTrue();
        assertThat(verify(ping.getHeader("Runwire-Signature"), new byte[0], secret, now()))
                .as("each node has a secret of its own").isFalse();
        assertThat(auditActions(workflowId)).contains("workflow.signing_secret.created");
        assertThat(admin.get("/api/workflows/" + workflowId).rawBody()).doesNotContain(secret);
        assertThat(admin.get("/api/workflows/" + workflowId + "/export").rawBody()).doesNotContain(secret);

        Map<String, Object> forging = Map.of("trigger", Map.of("type", "manual"), "nodes", List.of(
                Map.of("id", "start", "type", "trigger", "data", Map.of()),
                Map.of("id", "forge", "type", "action", "data", Map.of("actionType", "webhook", "name", "Forge",
                        "config", Map.of("url", targetUrl("/wf-notify"), "headers", Map.of("Runwire-Timestamp", "1"))))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "forge")));
        ApiResponse refused = admin.post("/api/workflows",
                Map.of("name", unique("forging hook"), "teamId", teamId, "enabled", true, "definition", forging));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("Runwire-Timestamp");
    }

    @Test
    void theReencryptionCallBindsASigningSecretWrittenBeforePlacesAndItStillSigns() throws Exception {
        target.stubFor(post(urlEqualTo("/legacy")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/legacy", Map.of()));
        String secret = createSecret(runbookId);
        byte[] key = Base64.getDecoder().decode(Files.readString(Path.of("target/test-data/encryption.key")).strip());
        jdbc.update("UPDATE signing_secrets SET secret = ? WHERE runbook_id = CAST(? AS uuid)",
                LegacyCiphertext.v1(key, secret), runbookId);

        ApiResponse reencrypted = admin.post("/api/admin/encryption/re-encrypt");

        assertThat(reencrypted.status()).isEqualTo(200);
        assertThat(reencrypted.body().path("changed").asLong()).isPositive();
        String stored = jdbc.queryForObject("SELECT secret FROM signing_secrets WHERE runbook_id = CAST(? AS uuid)",
                String.class, runbookId);
        assertThat(stored).startsWith("v2:");
        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        LoggedRequest call = onlyCall("/legacy");
        assertThat(verify(call.getHeader("Runwire-Signature"), call.getBody(), secret, now())).isTrue();
    }

    private String createSecret(String runbookId) {
        ApiResponse created = admin.post("/api/runbooks/" + runbookId + "/signing-secret");
        assertThat(created.status()).as(created.error()).isEqualTo(201);
        return shown(created);
    }

    /** The secret an answer shows once, remembered for the checks of every call and of the log. */
    private static String shown(ApiResponse answer) {
        String secret = answer.text("/signingSecret/secret");
        assertThat(secret).isNotBlank();
        SHOWN.add(secret);
        ShownSecrets.remember(secret);
        return secret;
    }

    private static List<LoggedRequest> calls(String path) {
        return target.findAll(postRequestedFor(urlEqualTo(path)))
                .stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static LoggedRequest onlyCall(String path) {
        List<LoggedRequest> calls = calls(path);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static List<String> v1Values(String header) {
        List<String> values = new ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("v1=")) {
                values.add(part.substring(3));
            }
        }
        return values;
    }

    private static String hmac(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
