package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every attempt of an execution is on record, in order, with what it got and how long it took. */
class AttemptHistoryTest extends RunbookTestSupport {

    @Test
    void executionThatGot503ThenConnectionRefusedThen200ShowsThreeAttemptsInOrder() {
        WireMockServer flaky = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        flaky.start();
        int port = flaky.port();
        flaky.stubFor(post("/restart").willReturn(aResponse().withStatus(503).withFixedDelay(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of(
                "webhookUrl", "http://127.0.0.1:" + port + "/restart",
                "retry", Map.of("attempts", 3, "initialDelayMs", 1500))));

        String executionId = executeAndGetId(incidentId, runbookId, null);
        awaitAttempts(executionId, 1);
        flaky.stop();                         // the second attempt finds nobody listening
        awaitAttempts(executionId, 2);
        WireMockServer healthy = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        healthy.start();
        try {
            healthy.stubFor(post("/restart").willReturn(aResponse().withStatus(200).withBody("restarted")));
            JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT");

            assertThat(execution.path("status").asText()).isEqualTo("SUCCESS");
            assertThat(execution.path("result").path("responseBody").asText()).isEqualTo("restarted");
            JsonNode attempts = execution.path("attemptHistory");
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0).path("number").asInt()).isEqualTo(1);
            assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("RETRY");
            assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(503);
            assertThat(attempts.get(0).path("durationMs").asLong()).isGreaterThanOrEqualTo(200);
            assertThat(attempts.get(0).path("nextAttemptAt").isNull()).isFalse();
            assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("RETRY");
            assertThat(attempts.get(1).path("statusCode").isNull()).isTrue();
            assertThat(attempts.get(1).path("errorClass").asText()).isEqualTo("HttpHostConnectException");
            assertThat(attempts.get(1).path("error").asText()).startsWith("Connection refused by http://127.0.0.1:" + port);
            assertThat(attempts.get(2).path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(attempts.get(2).path("statusCode").asInt()).isEqualTo(200);
            assertThat(OffsetDateTime.parse(attempts.get(2).path("startedAt").asText()))
                    .isAfter(OffsetDateTime.parse(attempts.get(1).path("finishedAt").asText()));
        } finally {
            healthy.stop();
        }
    }

    private void awaitAttempts(String executionId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/runbook-executions/" + executionId)
                .body().path("execution").path("attemptHistory").size() >= count);
    }
}
