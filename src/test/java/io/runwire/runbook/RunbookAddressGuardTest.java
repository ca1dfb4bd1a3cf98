package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.RunbookTestSupport;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * With the address guard at its default, a runbook aimed at this machine — the test's own stand-in, under any
 * spelling — fails before anything is sent. (The address rules themselves: TargetAddressGuardTest.)
 */
@TestPropertySource(properties = "runwire.http.allow-private=false")
class RunbookAddressGuardTest extends RunbookTestSupport {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433", "0.0.0.0", "[::1]"})
    void runbookAimedAtLoopbackFailsAndTheStandInReceivesNothing(String host) {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/", Map.of(
                "webhookUrl", "http://" + host + ":" + target.port() + "/internal",
                "retry", Map.of("initialDelayMs", 10))));

        JsonNode execution = awaitStatus(executeAndGetId(createIncident(teamId), runbookId, null),
                "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText())
                .startsWith("Refused to call " + host + ": ")
                .contains("RUNWIRE_HTTP_ALLOW_PRIVATE");
        assertThat(execution.path("attempts").asInt()).as("a refused target is not retried").isEqualTo(1);
        target.verify(0, anyRequestedFor(anyUrl()));
    }
}
