package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookExecutionTest extends RunbookTestSupport {

    @Test
    void executionReachesTheTargetAndSucceeds() {
        target.stubFor(post("/restart").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/restart", Map.of(
                "payloadTemplate", "{\"incident\": $fn.json($incident.title), \"service\": $fn.json($params.service)}",
                "parameters", Map.of("type", "object", "properties", Map.of("service", Map.of("type", "string"))))));

        String executionId = executeAndGetId(incidentId, runbookId, Map.of("service", "checkout"));
        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("SUCCESS");
        assertThat(execution.at("/result/statusCode").asInt()).isEqualTo(200);
        assertThat(execution.at("/result/responseBody").asText()).isEqualTo("{\"ok\":true}");
        assertThat(execution.at("/result/attempts").asInt()).isEqualTo(1);
        target.verify(postRequestedFor(urlEqualTo("/restart"))
                .withHeader("Idempotency-Key", equalTo(executionId))
                .withHeader("X-Runwire-Execution-Id", equalTo(executionId))
                .withRequestBody(equalTo("{\"incident\": \"Checkout is down\", \"service\": \"checkout\"}")));
    }

    @Test
    void aForeachOverAHundredMillionFailsAtTheOutputLimitAndSendsNothing() {
        JsonNode execution = runTemplate("{\"x\": \"#foreach($i in [1..100000000])x#end\"}");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText()).isEqualTo("Not sent: the payload template produced more than 1 MiB");
        assertThat(renderTime(execution)).isLessThan(Duration.ofSeconds(2));
        target.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aForeachOverAHundredMillionThatWritesNothingFailsAtTheTimeLimit() {
        JsonNode execution = runTemplate("{\"x\": \"#foreach($i in [1..100000000])#end\"}");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText())
                .isEqualTo("Not sent: the payload template took longer than 2 s to render");
        assertThat(renderTime(execution)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(auditError(execution)).isEqualTo(execution.path("error").asText());
        target.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aHundredMillionCharacterRepeatIsRefusedBeforeItIsBuilt() {
        JsonNode execution = runTemplate("#set($x = \"x\")$x.repeat(100000000)");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText()).isEqualTo("Not sent: the payload template built more than 4 MiB "
                + "of text and values along the way (4 times the 1 MiB output limit)");
        assertThat(renderTime(execution)).isLessThan(Duration.ofSeconds(2));
        target.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Runs an approved runbook with this payload template against the stand-in and waits for its end. */
    private JsonNode runTemplate(String template) {
        target.stubFor(post("/limits").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/limits", Map.of("payloadTemplate", template)));
        return awaitStatus(executeAndGetId(incidentId, runbookId, null), "SUCCESS", "FAILED", "TIMED_OUT");
    }

    private static Duration renderTime(JsonNode execution) {
        return Duration.between(OffsetDateTime.parse(execution.path("startedAt").asText()),
                OffsetDateTime.parse(execution.path("completedAt").asText()));
    }

    private String auditError(JsonNode execution) {
        JsonNode events = admin.get("/api/audit?resourceId=" + execution.path("id").asText()).body().path("events");
        for (JsonNode event : events) {
            if ("runbook.execution.failed".equals(event.path("action").asText())) {
                return event.at("/metadata/error").asText();
            }
        }
        return null;
    }
}
