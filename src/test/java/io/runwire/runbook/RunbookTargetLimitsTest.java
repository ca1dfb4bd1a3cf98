package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.HostileTarget;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Targets cannot hurt the node: whatever a target answers, an attempt takes in at most the excerpt it records, ends
 * by the runbook's timeout, and carries nothing of another runbook's calls.
 */
class RunbookTargetLimitsTest extends RunbookTestSupport {

    private static final long MIB = 1024 * 1024;
    /** Socket buffers hold a few hundred KiB for a reader that stopped (about 224 KiB here); a drain takes it all. */
    private static final long READ_BOUND = 4 * MIB;

    @Test
    void aFiftyMebibyteAnswerIsRecordedAsItsFirst4KibAndTheRestIsNeverRead() throws Exception {
        try (HostileTarget huge = HostileTarget.hugeBody(50 * MIB)) {
            String teamId = createTeam();
            String runbookId = createApprovedRunbook(runbook(teamId, "/", Map.of(
                    "webhookUrl", huge.url("/status"), "timeoutSeconds", 2)));

            JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                    "SUCCESS", "FAILED", "TIMED_OUT");

            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("SUCCESS");
            assertThat(execution.at("/result/statusCode").asInt()).isEqualTo(200);
            assertThat(execution.at("/result/responseBody").asText()).isEqualTo(HostileTarget.letters(4096));
            awaitHungUp(huge, 1);
            assertThat(huge.bodyBytesAccepted()).as("body bytes the target got onto the socket")
                    .isLessThan(READ_BOUND);
        }
    }

    @Test
    void aGzipBombIsRecordedAsItsFirst4KibAndTheRestIsNeitherReadNorInflated() throws Exception {
        // 50 GiB of zeros, about 50 MiB compressed
        try (HostileTarget bomb = HostileTarget.gzipBomb(50)) {
            String teamId = createTeam();
            String runbookId = createApprovedRunbook(runbook(teamId, "/", Map.of(
                    "webhookUrl", bomb.url("/status"), "timeoutSeconds", 2)));

            JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                    "SUCCESS", "FAILED", "TIMED_OUT");

            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("SUCCESS");
            assertThat(execution.at("/result/responseBody").asText()).hasSize(4096).matches("\uFFFD+");
            awaitHungUp(bomb, 1);
            assertThat(bomb.bodyBytesAccepted()).as("compressed bytes the target got onto the socket")
                    .isLessThan(READ_BOUND);
        }
    }

    @Test
    void aTargetTricklingBytesIsCutOffAtTheRunbookTimeoutAndTheExecutionTimesOut() throws Exception {
        // a byte every 200 ms: never silent for as long as the 1 s timeout, so only a deadline ends it
        try (HostileTarget trickle = HostileTarget.trickle(Duration.ofMillis(200))) {
            String teamId = createTeam();
            String runbookId = createApprovedRunbook(runbook(teamId, "/", Map.of(
                    "webhookUrl", trickle.url("/status"), "timeoutSeconds", 1,
                    "retry", Map.of("attempts", 2, "initialDelayMs", 50))));

            JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                    "SUCCESS", "FAILED", "TIMED_OUT");

            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("TIMED_OUT");
            assertThat(execution.path("error").asText())
                    .isEqualTo("No complete answer from " + trickle.url("") + " within 1 s (attempt 2 of 2)");
            assertThat(execution.path("attempts").asInt()).isEqualTo(2);
            awaitHungUp(trickle, 2);
            assertThat(trickle.requests()).isEqualTo(2);
            assertThat(trickle.closedConnections()).allSatisfy(connection -> assertThat(connection.open())
                    .as("how long an attempt kept the trickling connection").isLessThan(Duration.ofMillis(2500)));
        }
    }

    @Test
    void aCookieOneRunbooksTargetSetsIsNeitherSentBackNorSentToAnotherRunbookOnTheSameHost() {
        target.stubFor(post("/login").willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "session=team-a-session; Path=/")));
        target.stubFor(post("/other").willReturn(aResponse().withStatus(200)));
        String teamA = createTeam();
        String incidentA = createIncident(teamA);
        String setsCookie = createApprovedRunbook(runbook(teamA, "/login", Map.of()));
        String teamB = createTeam();
        String another = createApprovedRunbook(runbook(teamB, "/other", Map.of()));

        awaitStatus(executeAndGetId(incidentA, setsCookie, null), "SUCCESS");
        awaitStatus(executeAndGetId(createIncident(teamB), another, null), "SUCCESS");
        awaitStatus(executeAndGetId(incidentA, setsCookie, null), "SUCCESS");

        target.verify(2, postRequestedFor(urlEqualTo("/login")).withHeader("Cookie", absent()));
        target.verify(1, postRequestedFor(urlEqualTo("/other")).withHeader("Cookie", absent()));
    }

    @Test
    void anOAuth2TokenReplyLargerThan64KibFailsTheExecutionAndIsNotReadWhole() throws Exception {
        target.stubFor(post("/protected").willReturn(aResponse().withStatus(200)));
        try (HostileTarget tokenEndpoint = HostileTarget.hugeBody(50 * MIB)) {
            String teamId = createTeam();
            String runbookId = createApprovedRunbook(runbook(teamId, "/protected", Map.of("webhookAuth", Map.of(
                    "type", "oauth2", "tokenUrl", tokenEndpoint.url("/oauth/token"), "clientId", "runwire-client",
                    "clientSecret", "client-secret-big"))));

            JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                    "SUCCESS", "FAILED", "TIMED_OUT");

            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
            assertThat(execution.path("error").asText())
                    .contains("The OAuth2 token endpoint answered more than 64 KiB");
            awaitHungUp(tokenEndpoint, 1);
            assertThat(tokenEndpoint.bodyBytesAccepted()).isLessThan(READ_BOUND);
            target.verify(0, postRequestedFor(urlEqualTo("/protected")));
        }
    }

    @Test
    void anOAuth2TokenEndpointThatRedirectsIsNotFollowed() {
        target.stubFor(post("/oauth/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", targetUrl("/oauth/token"))));
        target.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-moved\",\"expires_in\":3600}")));
        target.stubFor(post("/protected").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/protected", Map.of("webhookAuth", Map.of(
                "type", "oauth2", "tokenUrl", targetUrl("/oauth/moved"), "clientId", "runwire-client",
                "clientSecret", "client-secret-moved"))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText()).contains("The OAuth2 token endpoint answered HTTP 302");
        target.verify(1, anyRequestedFor(urlEqualTo("/oauth/moved")));
        target.verify(0, anyRequestedFor(urlEqualTo("/oauth/token")));
        target.verify(0, anyRequestedFor(urlEqualTo("/protected")));
    }

    private static void awaitHungUp(HostileTarget target, int connections) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> target.closedConnections().size() >= connections);
    }
}
