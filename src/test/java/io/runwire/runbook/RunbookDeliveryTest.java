package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the target receives, and what the execution records, for each way a call can go. */
class RunbookDeliveryTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camelContext;

    @Test
    void payloadKeepsQuotesBackslashesNewlinesAndNonAsciiIntact() throws Exception {
        target.stubFor(post("/deploy").willReturn(aResponse().withStatus(204)));
        String teamName = unique("Ops \"Core\"");
        String teamId = admin.post("/api/teams", Map.of("name", teamName, "slackChannel", "#ops")).text("/team/id");
        String title = "Disk \"full\" on C:\\data\nsecond line\tand é, 日本, 🔥";
        String incidentId = admin.post("/api/incidents", Map.of("teamId", teamId, "title", title, "priority", "HIGH",
                "metadata", Map.of("region", "eu-west-1"))).text("/incident/id");
        String template = """
                {"title": $fn.json($incident.title), "priority": "$incident.priority", "team": $fn.json($team.name),
                 "channel": $fn.json($team.slackChannel), "region": $fn.json($incident.metadata.region),
                 "note": $fn.json($params.note), "runbook": $fn.json($runbook.name), "execution": "$execution.id",
                 "upper": $fn.json($fn.upper($params.note)), "short": "$fn.shortId($execution.id)"}""";
        String note = "quote \" backslash \\ newline \n unicode ü 中文";
        String runbookId = createApprovedRunbook(runbook(teamId, "/deploy", Map.of("payloadTemplate", template,
                "parameters", Map.of("type", "object", "properties", Map.of("note", Map.of("type", "string"))))));

        String executionId = executeAndGetId(incidentId, runbookId, Map.of("note", note));
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText()).isEqualTo("SUCCESS");

        LoggedRequest request = target.findAll(postRequestedFor(urlEqualTo("/deploy"))).get(0);
        JsonNode payload = JSON.readTree(request.getBodyAsString());
        assertThat(payload.path("title").asText()).isEqualTo(title);
        assertThat(payload.path("priority").asText()).isEqualTo("HIGH");
        assertThat(payload.path("team").asText()).isEqualTo(teamName);
        assertThat(payload.path("channel").asText()).isEqualTo("#ops");
        assertThat(payload.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(payload.path("note").asText()).isEqualTo(note);
        assertThat(payload.path("upper").asText()).isEqualTo(note.toUpperCase());
        assertThat(payload.path("execution").asText()).isEqualTo(executionId);
        assertThat(payload.path("short").asText()).isEqualTo(executionId.substring(0, 8));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void requestCarriesMethodHeadersAuthAndIdempotencyKeyButNothingOfTheCaller() {
        target.stubFor(any(urlPathEqualTo("/scale")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/scale?cluster=eu", Map.of(
                "webhookMethod", "PATCH",
                "webhookHeaders", Map.of("X-Team", "payments", "Accept", "application/json"),
                "webhookAuth", Map.of("type", "bearer", "token", "target-token-123"))));

        ApiResponse triggered = admin
                .withHeader("CamelHttpUri", "http://127.0.0.1:" + target.port() + "/hijacked")
                .withHeader("CamelHttpMethod", "DELETE")
                .withHeader("X-Caller-Secret", "caller-only")
                .post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/execute", Map.of());
        String executionId = triggered.text("/execution/id");
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText()).isEqualTo("SUCCESS");

        target.verify(1, anyRequestedFor(anyUrl()));
        target.verify(patchRequestedFor(urlEqualTo("/scale?cluster=eu"))
                .withHeader("Authorization", equalTo("Bearer target-token-123"))
                .withHeader("X-Team", equalTo("payments"))
                .withHeader("Idempotency-Key", equalTo(executionId))
                .withHeader("X-Runwire-Execution-Id", equalTo(executionId))
                .withHeader("X-Caller-Secret", absent()));
        LoggedRequest request = target.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(request.getAllHeaderKeys())
                .noneMatch(name -> name.toLowerCase().startsWith("camel"))
                .noneMatch(name -> name.equalsIgnoreCase("x-request-id"));
        assertThat(request.getHeader("Authorization")).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void basicAndHeaderCredentialsAreSent() {
        target.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String basic = createApprovedRunbook(runbook(teamId, "/basic", Map.of(
                "webhookAuth", Map.of("type", "basic", "username", "svc", "password", "pä:ss"))));
        String headers = createApprovedRunbook(runbook(teamId, "/headers", Map.of(
                "webhookAuth", Map.of("type", "headers", "headers", Map.of("X-Api-Key", "key-42")))));

        awaitStatus(executeAndGetId(incidentId, basic, null), "SUCCESS");
        awaitStatus(executeAndGetId(incidentId, headers, null), "SUCCESS");

        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString("svc:pä:ss".getBytes(StandardCharsets.UTF_8));
        target.verify(postRequestedFor(urlEqualTo("/basic")).withHeader("Authorization", equalTo(expectedBasic)));
        target.verify(postRequestedFor(urlEqualTo("/headers")).withHeader("X-Api-Key", equalTo("key-42")));
    }

    @Test
    void oauth2ClientCredentialsTokenIsFetchedOnceAndReused() {
        target.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-abc\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        target.stubFor(post("/protected").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/protected", Map.of("webhookAuth", Map.of(
                "type", "oauth2", "tokenUrl", targetUrl("/oauth/token"), "clientId", "runwire-client",
                "clientSecret", "client-secret-9", "scope", "deploy:write"))));

        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");
        awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS");

        String clientBasic = "Basic " + Base64.getEncoder().encodeToString("runwire-client:client-secret-9".getBytes(StandardCharsets.UTF_8));
        target.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo(clientBasic))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=deploy%3Awrite")));
        target.verify(2, postRequestedFor(urlEqualTo("/protected")).withHeader("Authorization", equalTo("Bearer tok-abc")));
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() {
        target.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        target.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        target.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withBody("finally")));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/flaky", Map.of("retry", Map.of("initialDelayMs", 50))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null), "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(execution.at("/result/attempts").asInt()).as(execution.toString()).isEqualTo(3);
        assertThat(execution.path("attempts").asInt()).isEqualTo(3);
        assertThat(execution.at("/result/responseBody").asText()).isEqualTo("finally");
        target.verify(3, postRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void clientErrorsFailAfterOneAttempt() {
        target.stubFor(post("/bad").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"no such service\"}")));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/bad", Map.of()));

        String executionId = executeAndGetId(createIncident(teamId), runbookId, null);
        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText()).isEqualTo("Target answered HTTP 400 (not retried)");
        assertThat(execution.at("/result/statusCode").asInt()).isEqualTo(400);
        assertThat(execution.at("/result/responseBody").asText()).isEqualTo("{\"error\":\"no such service\"}");
        assertThat(execution.at("/result/attempts").asInt()).isEqualTo(1);
        target.verify(1, postRequestedFor(urlEqualTo("/bad")));
        assertThat(jdbc.queryForObject("""
                SELECT severity FROM audit_events WHERE action = 'runbook.execution.failed' AND resource_id = ?""",
                String.class, executionId)).isEqualTo("HIGH");
    }

    @Test
    void targetSlowerThanTheTimeoutTimesOut() {
        target.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/slow", Map.of(
                "timeoutSeconds", 1, "retry", Map.of("attempts", 2, "initialDelayMs", 50))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(execution.path("error").asText()).isEqualTo(
                "No complete answer from http://127.0.0.1:" + target.port() + " within 1 s (attempt 2 of 2)");
        assertThat(execution.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void refusedConnectionFailsWithAReadableError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of(
                "webhookUrl", "http://127.0.0.1:" + closedPort + "/restart", "retry", Map.of("initialDelayMs", 10))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null), "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText())
                .isEqualTo("Connection refused by http://127.0.0.1:" + closedPort + " (attempt 3 of 3)");
        assertThat(execution.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenSucceeds() {
        target.stubFor(post("/limited").inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        target.stubFor(post("/limited").inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/limited", Map.of("retry", Map.of("initialDelayMs", 10))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null), "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("SUCCESS");
        List<LoggedRequest> requests = target.findAll(postRequestedFor(urlEqualTo("/limited")));
        assertThat(requests).hasSize(2);
        long waitedMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).as("the wait Retry-After asked for, not the 10 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void executeAnswers201WhileTheTargetIsStillWorkingAndTheLifecycleIsVisible() {
        target.stubFor(post("/long").willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/long", Map.of("timeoutSeconds", 30)));

        ApiResponse triggered = execute(admin, createIncident(teamId), runbookId, null);

        assertThat(triggered.status()).isEqualTo(201);
        assertThat(triggered.text("/execution/status")).isEqualTo("PENDING");
        String executionId = triggered.text("/execution/id");
        assertThat(admin.get("/api/runbook-executions/" + executionId).text("/execution/status"))
                .as("the target is still sleeping when the caller has its answer").isIn("PENDING", "RUNNING");
        JsonNode running = awaitStatus(executionId, "RUNNING");
        assertThat(running.path("startedAt").isTextual()).isTrue();
        assertThat(running.path("completedAt").isNull()).isTrue();
        JsonNode done = awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT");
        assertThat(done.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(done.path("completedAt").isTextual()).isTrue();
        assertThat(done.at("/result/durationMs").asLong()).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void cancellingAPendingExecutionMeansTheTargetNeverReceivesIt() throws Exception {
        target.stubFor(post("/never").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String runbookId = createApprovedRunbook(runbook(teamId, "/never", Map.of()));
        String executionId;
        // hold the queue back: with its consumer stopped the SEDA queue keeps what it is given
        camelContext.getRouteController().stopRoute("runbook-worker");
        try {
            executionId = execute(responder.api(), createIncident(teamId), runbookId, null).text("/execution/id");
            assertThat(admin.get("/api/runbook-executions/" + executionId).text("/execution/status")).isEqualTo("PENDING");

            ApiResponse cancelled = responder.api().post("/api/runbook-executions/" + executionId + "/cancel");

            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.text("/execution/status")).isEqualTo("CANCELLED");
        } finally {
            camelContext.getRouteController().startRoute("runbook-worker");
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> target.findAll(postRequestedFor(urlEqualTo("/never"))).isEmpty());
        assertThat(admin.get("/api/runbook-executions/" + executionId).text("/execution/status")).isEqualTo("CANCELLED");
        ApiResponse again = admin.post("/api/runbook-executions/" + executionId + "/cancel");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("Execution is CANCELLED; only PENDING executions can be cancelled");
        assertThat(auditActions(executionId)).contains("runbook.execution.cancelled");
    }

    @Test
    void runningExecutionCannotBeCancelled() {
        target.stubFor(post("/busy").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/busy", Map.of()));
        String executionId = executeAndGetId(createIncident(teamId), runbookId, null);
        awaitStatus(executionId, "RUNNING");

        ApiResponse response = admin.post("/api/runbook-executions/" + executionId + "/cancel");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("Execution is RUNNING; only PENDING executions can be cancelled");
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED").path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void rerunSendsTheSameParametersAgainAsANewExecution() throws Exception {
        target.stubFor(post("/again").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "service", Map.of("type", "string"),
                "apiToken", Map.of("type", "string", "writeOnly", true)));
        String runbookId = createApprovedRunbook(runbook(teamId, "/again", Map.of("parameters", schema,
                "payloadTemplate", "{\"service\": $fn.json($params.service), \"token\": $fn.json($params.apiToken)}")));
        String first = executeAndGetId(incidentId, runbookId, Map.of("service", "search", "apiToken", "param-secret-77"));
        awaitStatus(first, "SUCCESS");

        ApiResponse rerun = admin.post("/api/runbook-executions/" + first + "/rerun");

        assertThat(rerun.status()).as(rerun.toString()).isEqualTo(201);
        String second = rerun.text("/execution/id");
        assertThat(second).isNotEqualTo(first);
        awaitStatus(second, "SUCCESS");
        List<LoggedRequest> requests = target.findAll(postRequestedFor(urlEqualTo("/again")));
        assertThat(requests).extracting(request -> request.getHeader("Idempotency-Key")).containsExactly(first, second);
        for (LoggedRequest request : requests) {
            JsonNode payload = JSON.readTree(request.getBodyAsString());
            assertThat(payload.path("service").asText()).isEqualTo("search");
            assertThat(payload.path("token").asText()).isEqualTo("param-secret-77");
        }
        JsonNode shown = admin.get("/api/runbook-executions/" + second).body().path("execution");
        assertThat(shown.at("/parameters/apiToken").asText()).isEqualTo("****");
        assertThat(shown.at("/parameters/service").asText()).isEqualTo("search");
        String stored = jdbc.queryForObject("SELECT parameters::text FROM runbook_executions WHERE id = ?::uuid",
                String.class, second);
        assertThat(stored).doesNotContain("param-secret-77");
        assertThat(admin.get("/api/incidents/" + incidentId + "/runbooks/executions").rawBody()).doesNotContain("param-secret-77");
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE resource_id = ?", String.class, runbookId))
                .noneMatch(metadata -> metadata.contains("param-secret-77"));
    }

    @Test
    void templatesCannotReachJavaClasses() {
        target.stubFor(post("/sandbox").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/sandbox", Map.of("payloadTemplate",
                "{\"a\": \"$fn.getClass().forName('java.lang.Runtime')\", \"b\": \"$fn.class.classLoader\","
                        + " \"c\": \"$incident.getClass().getName()\"}")));

        awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null), "SUCCESS", "FAILED");

        String body = target.findAll(postRequestedFor(urlEqualTo("/sandbox"))).get(0).getBodyAsString();
        assertThat(body).doesNotContain("java.lang").doesNotContain("class ").doesNotContain("ClassLoader");
    }
}
