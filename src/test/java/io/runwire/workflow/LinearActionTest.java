package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** direct:action-linear as the workflow engine drives it, against a Linear stand-in on loopback. */
class LinearActionTest extends TicketActionTestSupport {

    private static final String KEY = "lin_api_Pq93x";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String teamId;
    private String connection;
    private String issueId;

    @BeforeEach
    void connection() {
        teamId = createTeam();
        connection = createConnection("linear", teamId, KEY);
        issueId = new TicketMarkers().linearIssueId(workflowExecutionId, "ticket");
    }

    @Test
    void theMutationArrivesAsTheSchemaDescribesWithTheIncidentsTextIntact() throws Exception {
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(okJson(created(true))));

        Map<String, Object> result = run(config(), 1, "CRITICAL");

        assertThat(result).as(result.toString()).containsEntry("outcome", "COMPLETED");
        assertThat(result.get("output")).isEqualTo(Map.of("issueId", issueId, "identifier", "ENG-7",
                "url", "https://linear.app/acme/issue/ENG-7"));
        target.verify(1, postRequestedFor(urlEqualTo("/graphql"))
                .withHeader("Authorization", equalTo(KEY))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withHeader("X-Caller", absent()));
        JsonNode request = JSON.readTree(target.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(request.path("query").asText()).contains("issueCreate(input: $input)");
        JsonNode input = request.at("/variables/input");
        assertThat(input.path("id").asText()).isEqualTo(issueId);
        assertThat(input.path("teamId").asText()).isEqualTo("team-eng");
        assertThat(input.path("title").asText()).isEqualTo("[CRITICAL] " + TRICKY_TITLE + " on checkout");
        assertThat(input.path("description").asText())
                .isEqualTo("**Incident** " + TRICKY_TITLE + "\n\n- service: checkout\n- quote: \"q\" \\n 🚨 日本語");
        assertThat(input.path("priority").asInt()).isEqualTo(1);
        assertThat(input.path("labelIds")).extracting(JsonNode::asText).containsExactly("label-1", "label-2");
        assertThat(input.path("assigneeId").asText()).isEqualTo("user-9");
        assertThat(input.has("stateId")).isFalse();
        assertThat(result.toString()).doesNotContain(KEY);
    }

    @Test
    void thePriorityIsTheNodesElseTheIncidentsMappedToLinearsScale() throws Exception {
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(okJson(created(true))));
        Map<String, Object> named = config();
        named.put("priority", 4);

        run(named, 1, "CRITICAL");
        int fromNode = sentPriority();
        for (String priority : List.of("HIGH", "MEDIUM", "LOW", "INFO")) {
            jdbc.update("DELETE FROM ticket_actions WHERE workflow_execution_id = ?::uuid", workflowExecutionId);
            target.resetRequests();
            run(config(), 1, priority);
            assertThat(sentPriority()).as(priority).isEqualTo(switch (priority) {
                case "HIGH" -> 2;
                case "MEDIUM" -> 3;
                case "LOW" -> 4;
                default -> 0;
            });
        }

        assertThat(fromNode).isEqualTo(4);
    }

    @Test
    void errorsOrSuccessFalseFailTheNode() {
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(okJson("{\"data\":null,\"errors\":[{\"message\":"
                + "\"Argument Validation Error\",\"extensions\":{\"code\":\"INVALID_INPUT\",\"userPresentableMessage\":"
                + "\"teamId must be a UUID.\"}}]}")));
        Map<String, Object> withErrors = run(config(), 1, "HIGH");

        reset();
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(okJson(created(false))));
        Map<String, Object> notSuccessful = run(config(), 1, "HIGH");

        reset();
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"message\":\"Cannot query field \\\"key\\\" on type \\\"Issue\\\".\"}]}")));
        Map<String, Object> badRequest = run(config(), 1, "HIGH");

        assertThat(withErrors).containsEntry("outcome", "FAILED").containsEntry("error",
                "Linear answered with errors (HTTP 200): Argument Validation Error (teamId must be a UUID.)");
        assertThat(notSuccessful).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Linear did not create the issue (issueCreate.success is false)");
        assertThat(badRequest).containsEntry("outcome", "FAILED");
        assertThat(String.valueOf(badRequest.get("error"))).contains("HTTP 400").contains("Cannot query field");
    }

    @Test
    void unauthorisedFailsAtOnceWhileBusyIsWorthAnotherAttemptAfterItsWait() {
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(401)));
        Map<String, Object> unauthorised = run(config(), 1, "HIGH");

        reset();
        target.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        Map<String, Object> busy = run(config(), 1, "HIGH");
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueLookup"))
                .willReturn(okJson("{\"data\":{\"issues\":{\"nodes\":[]}}}")));
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate"))
                .willReturn(okJson(created(true))));
        Map<String, Object> then = run(config(), 2, "HIGH");

        assertThat(unauthorised).containsEntry("outcome", "FAILED").containsEntry("error", "Linear refused the request (HTTP 401)");
        assertThat(busy).containsEntry("outcome", "RETRY").containsEntry("retryAfterMs", 2000L);
        assertThat(then).containsEntry("outcome", "COMPLETED");
        target.verify(2, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate")));
    }

    @Test
    void aConnectionDroppedAfterSendingIsFollowedByALookupThatFindsTheIssueAndNoSecondCreate() {
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate"))
                .inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("created"));
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueLookup"))
                .inScenario("drop").whenScenarioStateIs("created")
                .willReturn(okJson("{\"data\":{\"issues\":{\"nodes\":[{\"id\":\"" + issueId
                        + "\",\"identifier\":\"ENG-7\",\"url\":\"https://linear.app/acme/issue/ENG-7\"}]}}}")));

        Map<String, Object> dropped = run(config(), 1, "HIGH");
        Map<String, Object> retried = run(config(), 2, "HIGH");
        Map<String, Object> resumed = run(config(), 3, "HIGH");

        assertThat(dropped).as(dropped.toString()).containsEntry("outcome", "RETRY");
        assertThat(retried).as(retried.toString()).containsEntry("outcome", "COMPLETED");
        assertThat(retried.get("output")).isEqualTo(Map.of("issueId", issueId, "identifier", "ENG-7",
                "url", "https://linear.app/acme/issue/ENG-7"));
        assertThat(resumed).isEqualTo(retried);
        target.verify(1, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate")));
        target.verify(1, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueLookup"))
                .withRequestBody(containing(issueId)));
    }

    @Test
    void withoutAConnectionTheNodeFailsAsNotConfigured() {
        Map<String, Object> unnamed = config();
        unnamed.remove("connection");

        assertThat(run("linear", unnamed, 1, teamId, "HIGH")).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Linear is not configured");
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    private Map<String, Object> run(Map<String, Object> config, int attempt, String priority) {
        return run("linear", config, attempt, teamId, priority);
    }

    private void reset() {
        target.resetAll();
        jdbc.update("DELETE FROM ticket_actions WHERE workflow_execution_id = ?::uuid", workflowExecutionId);
    }

    private int sentPriority() throws Exception {
        return JSON.readTree(target.getAllServeEvents().get(0).getRequest().getBodyAsString())
                .at("/variables/input/priority").asInt();
    }

    private String created(boolean success) {
        return "{\"data\":{\"issueCreate\":{\"success\":" + success + ",\"issue\":" + (success
                ? "{\"id\":\"" + issueId + "\",\"identifier\":\"ENG-7\",\"url\":\"https://linear.app/acme/issue/ENG-7\"}"
                : "null") + "}}}";
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("teamId", "team-eng");
        config.put("title", "[$incident.priority] $incident.title\non $incident.service");
        config.put("description", "**Incident** $incident.title\n\n- service: $incident.service\n- quote: \"q\" \\n 🚨 日本語");
        config.put("labelIds", List.of("label-1", "label-2"));
        config.put("assigneeId", "user-9");
        config.put("connection", connection);
        return config;
    }
}
