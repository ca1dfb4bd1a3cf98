package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.support.RunbookTestSupport;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** direct:action-webhook as the workflow engine drives it, against WireMock on loopback. */
class WebhookActionTest extends RunbookTestSupport {

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    SecretCipher cipher;

    private final String workflowExecutionId = UUID.randomUUID().toString();
    private final String workflowId = UUID.randomUUID().toString();

    @Test
    void theTemplatedRequestArrivesWithTheNodesIdempotencyKeyAndTheResponseIsTheOutput() {
        target.stubFor(put(urlEqualTo("/hooks/payments/CRITICAL")).willReturn(aResponse().withStatus(202).withBody("{\"queued\":true}")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", targetUrl("/hooks/${team.name}/${incident.priority}"));
        config.put("method", "put");
        config.put("headers", Map.of("X-Incident", "${incident.title}"));
        config.put("body", "{\"title\": $fn.json($incident.title), \"quote\": \"\\\"q\\\" ü 🚨\"}");
        config.put("auth", cipher.encryptJson(Map.of("type", "bearer", "token", "s3cr3t-XYZ"),
                SecretPlace.workflowNodeAuth(workflowId, "notify")));

        Map<String, Object> result = run(config, 1);

        assertThat(result).as(result.toString()).containsEntry("outcome", "COMPLETED");
        assertThat(result.get("output")).isEqualTo(Map.of("statusCode", 202, "responseBody", "{\"queued\":true}"));
        target.verify(1, putRequestedFor(urlEqualTo("/hooks/payments/CRITICAL"))
                .withHeader("Idempotency-Key", equalTo(workflowExecutionId + ":notify"))
                .withHeader("X-Incident", equalTo("Checkout \"API\" down"))
                .withHeader("Authorization", equalTo("Bearer s3cr3t-XYZ"))
                .withHeader("X-Caller", absent())
                .withRequestBody(equalToJson("{\"title\": \"Checkout \\\"API\\\" down\", \"quote\": \"\\\"q\\\" ü 🚨\"}")));
        assertThat(result.toString()).doesNotContain("s3cr3t-XYZ");
    }

    @Test
    void aServerErrorIsWorthAnotherAttemptAndRetryAfterSaysWhen() {
        target.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        target.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));

        Map<String, Object> busy = run(Map.of("url", targetUrl("/busy")), 1);
        Map<String, Object> down = run(Map.of("url", targetUrl("/down")), 2);

        assertThat(busy).containsEntry("outcome", "RETRY").containsEntry("retryAfterMs", 7000L);
        assertThat(down).containsEntry("outcome", "RETRY");
        assertThat(String.valueOf(down.get("error"))).contains("503");
        target.verify(1, postRequestedFor(urlEqualTo("/down")).withHeader("Idempotency-Key", equalTo(workflowExecutionId + ":notify")));
    }

    @Test
    void aClientErrorFailsTheNodeAtOnce() {
        target.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));

        Map<String, Object> result = run(Map.of("url", targetUrl("/gone")), 1);

        assertThat(result).containsEntry("outcome", "FAILED");
        assertThat(String.valueOf(result.get("error"))).contains("404");
    }

    @Test
    void aTemplateThatFailsOrAUrlThatIsNotHttpSendsNothingAndFailsTheNode() {
        Map<String, Object> broken = run(Map.of("url", targetUrl("/x"), "body", "#foreach($i in [1..3]"), 1);
        Map<String, Object> notHttp = run(Map.of("url", "ftp://127.0.0.1/x"), 1);
        Map<String, Object> noUrl = run(Map.of("method", "POST"), 1);

        assertThat(broken).containsEntry("outcome", "FAILED");
        assertThat(String.valueOf(broken.get("error"))).startsWith("Not sent: ");
        assertThat(notHttp).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Not sent: Webhook url must be an http(s) URL with a host: ftp://127.0.0.1/x");
        assertThat(noUrl).containsEntry("error", "Not sent: Webhook action has no url");
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    @Test
    void nothingAnIncidentHoldsCanChooseTheHostOrAddAHeader() {
        Map<String, Object> templatedHost = run(Map.of("url", "http://${incident.title}/x"), 1);
        Map<String, Object> injected = run(Map.of("url", targetUrl("/x"),
                "headers", Map.of("X-Note", "$incident.title\r\nX-Evil: 1")), 1);

        assertThat(templatedHost).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Not sent: Webhook url's host must be written out, not templated");
        assertThat(injected).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Not sent: Webhook header X-Note renders a line break");
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    private Map<String, Object> run(Map<String, Object> config, int attempt) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setVariable("workflowExecutionId", workflowExecutionId);
        exchange.setVariable("workflowId", workflowId);
        exchange.setVariable("workflowNodeId", "notify");
        exchange.setVariable("actionConfig", new HashMap<>(config));
        exchange.setVariable("actionAttempt", attempt);
        exchange.setVariable("templateContext", Map.of(
                "incident", Map.of("title", "Checkout \"API\" down", "priority", "CRITICAL"),
                "team", Map.of("name", "payments"),
                "trigger", Map.of("kind", "incident_created")));
        exchange.getMessage().setHeader("X-Caller", "leak");
        Exchange done = producer.send("direct:action-webhook", exchange);
        assertThat(done.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) done.getVariable("actionResult");
        return result;
    }
}
