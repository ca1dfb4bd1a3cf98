package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.runwire.support.TicketActionTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** direct:action-jira as the workflow engine drives it, against a Jira stand-in on loopback. */
class JiraActionTest extends TicketActionTestSupport {

    private static final String TOKEN = "jira-token-Kx7Q";
    private static final String CREATED = "{\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"http://jira/rest/api/3/issue/10042\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String teamId;
    private String connection;

    @BeforeEach
    void connection() {
        teamId = createTeam();
        connection = createConnection("jira", teamId, TOKEN);
    }

    @Test
    void theIssueArrivesAsTheSpecDescribesWithTheIncidentsTextIntact() throws Exception {
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        Map<String, Object> result = run(config(), 1, "HIGH");

        assertThat(result).as(result.toString()).containsEntry("outcome", "COMPLETED");
        assertThat(result.get("output")).isEqualTo(Map.of("issueKey", "OPS-42", "issueId", "10042",
                "issueUrl", targetUrl("/browse/OPS-42")));
        String basic = Base64.getEncoder().encodeToString(("runwire-bot@acme.example:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        target.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue"))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withHeader("Idempotency-Key", equalTo(workflowExecutionId + ":ticket"))
                .withHeader("X-Caller", absent()));
        JsonNode fields = JSON.readTree(onlyRequestTo("/rest/api/3/issue")).path("fields");
        assertThat(fields.at("/project/key").asText()).isEqualTo("OPS");
        assertThat(fields.at("/issuetype/name").asText()).isEqualTo("Incident");
        assertThat(fields.path("summary").asText()).isEqualTo("[HIGH] " + TRICKY_TITLE + " on checkout");
        assertThat(fields.at("/priority/name").asText()).isEqualTo("High");
        String marker = new TicketMarkers().jiraLabel(workflowExecutionId, "ticket");
        assertThat(fields.path("labels")).extracting(JsonNode::asText).containsExactly("incident", "payments", marker);
        JsonNode description = fields.path("description");
        assertThat(description.path("type").asText()).isEqualTo("doc");
        assertThat(description.path("version").asInt()).isEqualTo(1);
        JsonNode content = description.path("content");
        assertThat(content).hasSize(3);
        assertThat(content.at("/0/type").asText()).isEqualTo("paragraph");
        assertThat(content.at("/0/content/0/text").asText()).isEqualTo("Incident: " + TRICKY_TITLE);
        assertThat(content.at("/0/content/1/type").asText()).isEqualTo("hardBreak");
        assertThat(content.at("/0/content/2/text").asText()).isEqualTo("Quote: \"q\" \\n is not a newline");
        assertThat(content.at("/1/type").asText()).isEqualTo("bulletList");
        assertThat(content.at("/1/content/0/type").asText()).isEqualTo("listItem");
        assertThat(content.at("/1/content/0/content/0/content/0/text").asText()).isEqualTo("service: checkout");
        assertThat(content.at("/1/content/1/content/0/content/0/text").asText()).isEqualTo("priority: HIGH 🚨");
        assertThat(content.at("/2/content/0/text").asText()).isEqualTo("日本語 ok");
        assertThat(result.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aPriorityTheNodeNamesWinsAndWithoutOneOrAMappingNoPriorityIsSent() throws Exception {
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(201).withBody(CREATED)));
        Map<String, Object> named = config();
        named.put("priority", "Highest");
        Map<String, Object> unmapped = config();
        unmapped.remove("priorityMapping");

        run(named, 1, "LOW");
        String first = onlyRequestTo("/rest/api/3/issue");
        target.resetRequests();
        jdbc.update("DELETE FROM ticket_actions WHERE workflow_execution_id = ?::uuid", workflowExecutionId);
        run(unmapped, 1, "LOW");

        assertThat(JSON.readTree(first).at("/fields/priority/name").asText()).isEqualTo("Highest");
        assertThat(JSON.readTree(onlyRequestTo("/rest/api/3/issue")).path("fields").has("priority")).isFalse();
    }

    @Test
    void jirasErrorsBecomeTheNodesErrorNamingTheFields() {
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Field 'components' is required\"],"
                        + "\"errors\":{\"priority\":\"Specify a valid priority\",\"issuetype\":\"The issue type selected is invalid.\"}}")));

        Map<String, Object> result = run(config(), 1, "HIGH");

        assertThat(result).containsEntry("outcome", "FAILED");
        assertThat(String.valueOf(result.get("error"))).isEqualTo("Jira refused the request (HTTP 400): "
                + "priority: Specify a valid priority; issuetype: The issue type selected is invalid.; "
                + "Field 'components' is required");
    }

    @Test
    void unauthorisedFailsAtOnceWhileBusyAndServerErrorsAreWorthAnotherAttempt() {
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}")));
        Map<String, Object> unauthorised = run(config(), 1, "HIGH");

        target.resetAll();
        jdbc.update("DELETE FROM ticket_actions WHERE workflow_execution_id = ?::uuid", workflowExecutionId);
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        Map<String, Object> busy = run(config(), 1, "HIGH");

        target.stubFor(post(urlEqualTo("/rest/api/3/search/jql")).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(502)));
        Map<String, Object> down = run(config(), 2, "HIGH");

        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(201).withBody(CREATED)));
        Map<String, Object> done = run(config(), 3, "HIGH");

        assertThat(unauthorised).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Jira refused the request (HTTP 401): You are not authenticated.");
        assertThat(busy).containsEntry("outcome", "RETRY").containsEntry("retryAfterMs", 3000L);
        assertThat(down).containsEntry("outcome", "RETRY");
        assertThat(String.valueOf(down.get("error"))).contains("502");
        assertThat(done).containsEntry("outcome", "COMPLETED");
        target.verify(3, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    }

    @Test
    void aConnectionDroppedAfterSendingIsFollowedByASearchThatFindsTheIssueAndNoSecondCreate() throws Exception {
        String marker = new TicketMarkers().jiraLabel(workflowExecutionId, "ticket");
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        target.stubFor(post(urlEqualTo("/rest/api/3/search/jql")).inScenario("drop").whenScenarioStateIs("created")
                .willReturn(okJson("{\"isLast\":true,\"issues\":[{\"id\":\"10042\",\"key\":\"OPS-42\",\"fields\":{\"summary\":\"s\"}}]}")));

        Map<String, Object> dropped = run(config(), 1, "HIGH");
        Map<String, Object> retried = run(config(), 2, "HIGH");
        Map<String, Object> resumed = run(config(), 2, "HIGH");

        assertThat(dropped).as(dropped.toString()).containsEntry("outcome", "RETRY");
        assertThat(retried).as(retried.toString()).containsEntry("outcome", "COMPLETED");
        assertThat(retried.get("output")).isEqualTo(Map.of("issueKey", "OPS-42", "issueId", "10042",
                "issueUrl", targetUrl("/browse/OPS-42")));
        assertThat(resumed).as("a resume after the record sends nothing").isEqualTo(retried);
        target.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
        target.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/search/jql")));
        JsonNode search = JSON.readTree(onlyRequestTo("/rest/api/3/search/jql"));
        assertThat(search.path("jql").asText()).isEqualTo("project = \"OPS\" AND labels = \"" + marker + "\"");
    }

    @Test
    void withoutAConnectionOrWithAnotherTeamsTheNodeFailsAsNotConfigured() {
        Map<String, Object> unnamed = config();
        unnamed.remove("connection");

        Map<String, Object> none = run(unnamed, 1, "HIGH");
        Map<String, Object> otherTeams = run(config(), 1, createTeam(), "HIGH");

        assertThat(none).containsEntry("outcome", "FAILED").containsEntry("error", "Jira is not configured");
        assertThat(otherTeams).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Jira is not configured: no connection named '" + connection + "'");
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    @Test
    void aGlobalConnectionServesEveryTeam() {
        String global = createConnection("jira", null, TOKEN);
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(201).withBody(CREATED)));
        Map<String, Object> config = config();
        config.put("connection", global);

        assertThat(run(config, 1, createTeam(), "HIGH")).containsEntry("outcome", "COMPLETED");
    }

    private Map<String, Object> run(Map<String, Object> config, int attempt, String priority) {
        return run(config, attempt, teamId, priority);
    }

    private Map<String, Object> run(Map<String, Object> config, int attempt, String team, String priority) {
        return run("jira", config, attempt, team, priority);
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("projectKey", "OPS");
        config.put("issueType", "Incident");
        config.put("summary", "[$incident.priority] $incident.title\non $incident.service");
        config.put("description", "Incident: $incident.title\nQuote: \"q\" \\n is not a newline\n\n"
                + "- service: $incident.service\n- priority: $incident.priority 🚨\n\n日本語 ok");
        config.put("priorityMapping", Map.of("CRITICAL", "Highest", "HIGH", "High"));
        config.put("labels", List.of("incident", "payments"));
        config.put("connection", connection);
        return config;
    }

    private String onlyRequestTo(String path) {
        List<String> bodies = target.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(path))
                .map(event -> event.getRequest().getBodyAsString()).toList();
        assertThat(bodies).hasSize(1);
        return bodies.get(0);
    }
}
