package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.runwire.support.ApiResponse;
import io.runwire.support.TicketActionTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real workflow, started by a real incident, whose jira and linear nodes name their team's connections: Jira is
 * busy once (429, Retry-After), Linear drops the connection after taking the create; the engine's stored waits retry
 * both, and the execution's node results hold each issue's key and link — one issue each.
 */
class TicketWorkflowEndToEndTest extends TicketActionTestSupport {

    @Test
    void anIncidentOpensOneJiraAndOneLinearIssueWhoseLinksTheExecutionShows() {
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("jira").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ready"));
        target.stubFor(post(urlEqualTo("/rest/api/3/search/jql")).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
        target.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("jira").whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"10001\",\"key\":\"OPS-1\",\"self\":\"x\"}")));
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate"))
                .inScenario("linear").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        target.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueLookup"))
                .inScenario("linear").whenScenarioStateIs("created")
                .willReturn(okJson("{\"data\":{\"issues\":{\"nodes\":[{\"id\":\"b3c1\",\"identifier\":\"ENG-1\","
                        + "\"url\":\"https://linear.app/acme/issue/ENG-1\"}]}}}")));
        String teamId = createTeam();
        String jira = createConnection("jira", teamId, "jira-e2e-token");
        String linear = createConnection("linear", teamId, "lin_api_e2e");
        createWorkflow(teamId, jira, linear);

        ApiResponse incident = admin.post("/api/incidents", Map.of("teamId", teamId, "title", TRICKY_TITLE, "priority", "CRITICAL"));
        assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
        JsonNode execution = awaitOnlyWorkflowExecution(incident.text("/incident/id"));

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("COMPLETED");
        JsonNode jiraNode = nodeResult(execution, "jira");
        assertThat(jiraNode.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(jiraNode.path("attempts").asInt()).isEqualTo(2);
        assertThat(jiraNode.at("/output/issueKey").asText()).isEqualTo("OPS-1");
        assertThat(jiraNode.at("/output/issueUrl").asText()).isEqualTo(targetUrl("/browse/OPS-1"));
        JsonNode linearNode = nodeResult(execution, "linear");
        assertThat(linearNode.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(linearNode.at("/output/identifier").asText()).isEqualTo("ENG-1");
        assertThat(linearNode.at("/output/url").asText()).isEqualTo("https://linear.app/acme/issue/ENG-1");
        target.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
        target.verify(1, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(containing("RunwireIssueCreate")));
        assertThat(execution.toString()).doesNotContain("jira-e2e-token").doesNotContain("lin_api_e2e");
    }

    private void createWorkflow(String teamId, String jiraConnection, String linearConnection) {
        Map<String, Object> retry = Map.of("attempts", 3, "backoff", "exponential", "initialDelayMs", 200);
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "incident_created"),
                "settings", Map.of("timeout", "1min"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "jira", "type", "action", "data", Map.of("actionType", "jira", "name", "Open Jira issue",
                                "retry", retry, "config", Map.of("projectKey", "OPS", "issueType", "Incident",
                                        "summary", "$incident.title", "description", "Opened by $workflow.name\n\n- $incident.priority",
                                        "priorityMapping", Map.of("CRITICAL", "Highest"), "connection", jiraConnection))),
                        Map.of("id", "linear", "type", "action", "data", Map.of("actionType", "linear", "name", "Open Linear issue",
                                "retry", retry, "config", Map.of("teamId", "team-eng", "title", "$incident.title",
                                        "description", "Jira: see OPS", "connection", linearConnection)))),
                "edges", List.of(
                        Map.of("id", "e1", "source", "start", "target", "jira"),
                        Map.of("id", "e2", "source", "jira", "target", "linear")));
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", unique("tickets"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private JsonNode awaitOnlyWorkflowExecution(String incidentId) {
        return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode list = admin.get("/api/incidents/" + incidentId + "/workflows/executions").body().path("executions");
            if (list.size() != 1) {
                return null;
            }
            return admin.get("/api/workflow-executions/" + list.get(0).path("id").asText()).body().path("execution");
        }, execution -> execution != null && List.of("COMPLETED", "FAILED", "CANCELLED").contains(execution.path("status").asText()));
    }

    private static JsonNode nodeResult(JsonNode execution, String nodeId) {
        for (JsonNode result : execution.path("nodeResults")) {
            if (nodeId.equals(result.path("nodeId").asText())) {
                return result;
            }
        }
        return null;
    }
}
