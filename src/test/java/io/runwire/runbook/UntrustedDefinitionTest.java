package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A runbook author and the target they name are untrusted: whatever header names they choose, in a definition or in
 * an answer, change neither which SQL runs nor which URL and method are called.
 */
class UntrustedDefinitionTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SecretCipher cipher;

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "CamelSqlQuery, webhookHeaders",
            "camelHttpUri, webhookHeaders",
            "CamelHttpMethod, webhookHeaders",
            "CAMELHTTPPATH, webhookHeaders",
            "CamelSqlQuery, webhookAuth",
            "camelHttpUri, webhookAuth",
            "CamelHttpMethod, webhookAuth",
            "Idempotency-Key, webhookAuth"})
    void definitionWithAReservedHeaderNameIsRefusedNamingIt(String header, String source) {
        String teamId = createTeam();
        Map<String, Object> headers = Map.of(header, "UPDATE teams SET name = 'PWNED'");
        Map<String, Object> overrides = source.equals("webhookHeaders")
                ? Map.of("webhookHeaders", headers)
                : Map.of("webhookAuth", Map.of("type", "headers", "headers", headers));

        ApiResponse response = admin.post("/api/runbooks", runbook(teamId, "/x", overrides));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        String where = source.equals("webhookHeaders") ? "webhookHeaders." : "webhookAuth.headers.";
        assertThat(response.body().path("details").toString()).contains(where + header + ": ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams WHERE name = 'PWNED'", Long.class)).isZero();
    }

    @Test
    void updatingARunbookToAReservedHeaderIsRefusedAndKeepsTheStoredVersion() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/x", Map.of()));

        ApiResponse response = admin.put("/api/runbooks/" + runbookId,
                runbook(null, "/x", Map.of("webhookHeaders", Map.of("CamelHttpUri", "http://127.0.0.1:1/"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(admin.get("/api/runbooks/" + runbookId).body().path("runbook").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void storedDefinitionWithCamelHeadersRunsNoSqlAndCallsOnlyItsApprovedUrlAndMethod() throws Exception {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        String canaryTeam = createTeam();
        String canaryName = teamName(canaryTeam);
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/approved", Map.of("webhookMethod", "PUT")));
        // as a row saved before the names were checked would hold them, in both header sources
        String steering = "UPDATE teams SET name = 'PWNED-BY-HEADER' WHERE id = '" + canaryTeam + "'";
        Map<String, String> hostile = Map.of("CamelSqlQuery", steering,
                "CamelHttpUri", targetUrl("/elsewhere"), "CamelHttpMethod", "DELETE",
                "CamelHttpPath", "/elsewhere", "CamelHttpQuery", "stolen=1");
        ObjectNode auth = JSON.createObjectNode().put("type", "headers");
        auth.set("headers", JSON.valueToTree(Map.of("camelsqlquery", steering, "X-Api-Key", "k-123")));
        jdbc.update("UPDATE runbooks SET webhook_headers = CAST(? AS jsonb), webhook_auth = ? WHERE id = CAST(? AS uuid)",
                JSON.writeValueAsString(hostile), cipher.encryptJson(auth, SecretPlace.runbookAuth(runbookId)), runbookId);

        String executionId = executeAndGetId(incidentId, runbookId, null);

        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText())
                .isEqualTo("SUCCESS");
        assertThat(teamName(canaryTeam)).isEqualTo(canaryName);
        List<LoggedRequest> received = target.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMethod().getName()).isEqualTo("PUT");
        assertThat(received.get(0).getUrl()).isEqualTo("/approved");
        assertThat(received.get(0).getHeader("X-Api-Key")).isEqualTo("k-123");
        assertThat(received.get(0).getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("camel"));
    }

    @Test
    void targetAnsweringWithCamelHeadersChangesNeitherTheSqlNorTheNextAttemptsUrl() {
        String canaryTeam = createTeam();
        String canaryName = teamName(canaryTeam);
        String steering = "UPDATE teams SET name = 'PWNED-BY-TARGET' WHERE id = '" + canaryTeam + "'";
        target.stubFor(any(urlPathEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("CamelSqlQuery", steering)
                        .withHeader("CamelHttpUri", targetUrl("/elsewhere")).withHeader("CamelHttpPath", "/elsewhere"))
                .willSetStateTo("second"));
        target.stubFor(any(urlPathEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withHeader("CamelSqlQuery", steering)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/flaky",
                Map.of("retry", Map.of("attempts", 3, "initialDelayMs", 100))));

        String executionId = executeAndGetId(incidentId, runbookId, null);

        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText())
                .isEqualTo("SUCCESS");
        assertThat(teamName(canaryTeam)).isEqualTo(canaryName);
        assertThat(target.findAll(postRequestedFor(urlEqualTo("/flaky")))).hasSize(2);
        assertThat(target.findAll(anyRequestedFor(urlPathEqualTo("/elsewhere")))).isEmpty();
    }

    private String teamName(String teamId) {
        return jdbc.queryForObject("SELECT name FROM teams WHERE id = CAST(? AS uuid)", String.class, teamId);
    }
}
