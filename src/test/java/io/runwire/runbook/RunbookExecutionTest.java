package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.RunbookTestSupport;
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
}
