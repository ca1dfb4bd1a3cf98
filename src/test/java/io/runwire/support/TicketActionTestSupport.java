package io.runwire.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service plus a WireMock stand-in for Jira or Linear on loopback, reached through a stored connection. After
 * every test each request the stand-in received is checked against the published spec of its endpoint
 * ({@link PublishedSpecs}); a request to any other path fails the test.
 */
public abstract class TicketActionTestSupport extends RunbookTestSupport {

    /** Values that break naive JSON, JQL or GraphQL building: quotes, a backslash, a newline, emoji, non-ASCII. */
    protected static final String TRICKY_TITLE = "Checkout \"API\" \\ down — ü 🚨";

    @Autowired
    protected CamelContext camelContext;
    @Autowired
    protected ProducerTemplate producer;

    protected final String workflowExecutionId = UUID.randomUUID().toString();

    @AfterEach
    void everyRequestMatchesThePublishedSpec() {
        List<ServeEvent> events = target.getAllServeEvents();
        for (ServeEvent event : events) {
            String path = event.getRequest().getUrl();
            String body = event.getRequest().getBodyAsString();
            List<String> problems = switch (path) {
                case "/rest/api/3/issue" -> PublishedSpecs.jiraProblems("IssueUpdateDetails", body);
                case "/rest/api/3/search/jql" -> PublishedSpecs.jiraProblems("SearchAndReconcileRequestBean", body);
                case "/graphql" -> PublishedSpecs.linearProblems(body);
                default -> List.of("no such endpoint in the specs: " + event.getRequest().getMethod() + " " + path);
            };
            assertThat(problems).as("%s %s", path, body).isEmpty();
            assertThat(event.getRequest().getMethod().getName()).isEqualTo("POST");
        }
    }

    /** A stored connection of {@code kind} to the stand-in; {@code teamId} null: a global one. */
    protected String createConnection(String kind, String teamId, String secret) {
        String name = unique(kind + "-stand-in");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("teamId", teamId);
        body.put("baseUrl", targetUrl(""));
        if (kind.equals("jira")) {
            body.put("email", "runwire-bot@acme.example");
        }
        body.put("secret", secret);
        ApiResponse created = admin.post("/api/connections", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    /** The template context of an incident titled {@link #TRICKY_TITLE}. */
    protected Map<String, Object> templateContext(String priority) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", UUID.randomUUID().toString());
        incident.put("title", TRICKY_TITLE);
        incident.put("priority", priority);
        incident.put("service", "checkout");
        return Map.of("incident", incident, "team", Map.of("name", "payments"),
                "trigger", Map.of("kind", "incident_created"),
                "workflow", Map.of("id", UUID.randomUUID().toString(), "name", "tickets", "executionId", workflowExecutionId));
    }

    /** Runs {@code direct:action-<actionType>} as the workflow engine does; its actionResult. */
    protected Map<String, Object> run(String actionType, Map<String, Object> config, int attempt, String teamId,
                                      String priority) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setVariable("workflowExecutionId", workflowExecutionId);
        exchange.setVariable("workflowNodeId", "ticket");
        exchange.setVariable("actionConfig", new HashMap<>(config));
        exchange.setVariable("actionAttempt", attempt);
        exchange.setVariable("incidentId", UUID.randomUUID().toString());
        exchange.setVariable("teamId", teamId);
        exchange.setVariable("templateContext", templateContext(priority));
        exchange.getMessage().setHeader("X-Caller", "leak");
        exchange.getMessage().setHeader("Authorization", "Bearer caller-token");
        Exchange done = producer.send("direct:action-" + actionType, exchange);
        assertThat(done.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) done.getVariable("actionResult");
        return result;
    }
}
