package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.RunbookTestSupport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The header names present when each producer on the execution path runs. A header left on the message steers the
 * next producer (CamelSqlQuery replaces a sql: step's statement, CamelHttpUri an http: step's URL), so no sql: step
 * may see any, and the call sees only what Runwire and the definition's allowed headers put there.
 */
class ExecutionPathHeadersTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CALL_HEADERS = Set.of("Content-Type", "User-Agent", "Idempotency-Key",
            "X-Runwire-Execution-Id", "CamelHttpUri", "CamelHttpMethod", "X-Team",
            // the call's span (tracing is on in the test profile)
            "traceparent");

    @Autowired
    CamelContext camelContext;

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final EventNotifierSupport recorder = new EventNotifierSupport() {
        @Override
        public void notify(CamelEvent event) {
            ExchangeSendingEvent sending = (ExchangeSendingEvent) event;
            String uri = sending.getEndpoint().getEndpointUri();
            Object executionId = sending.getExchange().getVariable("executionId");
            boolean worker = "runbook-worker".equals(sending.getExchange().getFromRouteId());
            if (worker && executionId != null && (uri.startsWith("sql:") || uri.startsWith("http:"))) {
                sent.add(new Sent(String.valueOf(executionId), uri.substring(0, uri.indexOf(':')), uri,
                        new TreeSet<>(sending.getExchange().getMessage().getHeaders().keySet())));
            }
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeSendingEvent;
        }
    };

    record Sent(String executionId, String scheme, String uri, Set<String> headers) {
    }

    @BeforeEach
    void recordSends() throws Exception {
        recorder.start();
        camelContext.getManagementStrategy().addEventNotifier(recorder);
        camelContext.getCamelContextExtension().setEventNotificationApplicable(true);
    }

    @AfterEach
    void stopRecording() {
        camelContext.getManagementStrategy().removeEventNotifier(recorder);
    }

    @Test
    void noSqlStepSeesAHeaderAndTheCallSeesOnlyRunwiresAndTheDefinitionsAllowedOnes() throws Exception {
        target.stubFor(any(urlPathEqualTo("/headers")).inScenario("h").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("CamelSqlQuery", "SELECT 1")
                        .withHeader("X-From-Target", "x"))
                .willSetStateTo("ok"));
        target.stubFor(any(urlPathEqualTo("/headers")).inScenario("h").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("CamelHttpUri", "http://127.0.0.1:1/")));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/headers", Map.of(
                "webhookHeaders", Map.of("X-Team", "ops"),
                "payloadTemplate", "{\"id\": \"$execution.id\"}",
                "retry", Map.of("attempts", 2, "initialDelayMs", 50))));
        // a stored row as it could be from before names were checked
        jdbc.update("UPDATE runbooks SET webhook_headers = CAST(? AS jsonb) WHERE id = CAST(? AS uuid)",
                JSON.writeValueAsString(Map.of("X-Team", "ops", "CamelSqlQuery", "SELECT 1",
                        "CamelHttpUri", "http://127.0.0.1:1/")), runbookId);

        String executionId = executeAndGetId(incidentId, runbookId, null);
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText())
                .isEqualTo("SUCCESS");

        List<Sent> mine = sent.stream().filter(s -> s.executionId().equals(executionId)).toList();
        // per attempt: claim, context, call, record (a claim may also find the execution taken or its host busy)
        assertThat(mine).filteredOn(s -> s.scheme().equals("http")).hasSize(2);
        assertThat(mine).filteredOn(s -> s.uri().contains("runbook-execution-finish")).hasSize(1);
        assertThat(mine).filteredOn(s -> s.scheme().equals("sql"))
                .allSatisfy(s -> assertThat(s.headers()).as(s.uri()).isEmpty());
        assertThat(mine).filteredOn(s -> s.scheme().equals("http"))
                .allSatisfy(s -> assertThat(s.headers()).isEqualTo(new TreeSet<>(CALL_HEADERS)));
    }
}
