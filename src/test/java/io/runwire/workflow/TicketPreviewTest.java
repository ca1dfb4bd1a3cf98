package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.PublishedSpecs;
import io.runwire.support.TicketActionTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A workflow preview's jira and linear nodes show the create request they would send — to the connection's URL, the
 * body valid against the published spec, the connection's credentials "****" — and nothing reaches the stand-in; a
 * node without a connection fails as it would when it runs.
 */
class TicketPreviewTest extends TicketActionTestSupport {

    private static final String JIRA_TOKEN = "jira-preview-token-3b";
    private static final String LINEAR_KEY = "lin_api_preview_8d";

    @Test
    void jiraAndLinearNodesShowTheirCreateRequestsWithCredentialsMasked() {
        String teamId = createTeam();
        String jira = createConnection("jira", teamId, JIRA_TOKEN);
        String linear = createConnection("linear", teamId, LINEAR_KEY);
        String workflowId = createWorkflow(teamId, jira, linear);
        String incidentId = createIncident(teamId);

        ApiResponse preview = admin.post("/api/workflows/" + workflowId + "/preview", Map.of("incidentId", incidentId));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.rawBody()).doesNotContain(JIRA_TOKEN).doesNotContain(LINEAR_KEY);
        JsonNode nodes = preview.body().at("/preview/nodes");
        assertThat(nodes.findValuesAsText("nodeId")).containsExactly("start", "jira", "linear");
        JsonNode jiraRequest = nodes.get(1).at("/output/request");
        assertThat(jiraRequest.path("url").asText()).isEqualTo(targetUrl("/rest/api/3/issue"));
        assertThat(jiraRequest.at("/headers/Authorization").asText()).isEqualTo("Basic ****");
        assertThat(PublishedSpecs.jiraProblems("IssueUpdateDetails", jiraRequest.path("body").asText())).isEmpty();
        assertThat(jiraRequest.path("body").asText()).contains("\"summary\":\"Checkout is down\"");
        JsonNode linearRequest = nodes.get(2).at("/output/request");
        assertThat(linearRequest.path("url").asText()).isEqualTo(targetUrl("/graphql"));
        assertThat(linearRequest.at("/headers/Authorization").asText()).isEqualTo("****");
        assertThat(PublishedSpecs.linearProblems(linearRequest.path("body").asText())).isEmpty();
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    @Test
    void aJiraNodeWithoutAConnectionFailsThePreviewAsItWouldFailTheRun() {
        String teamId = createTeam();
        String workflowId = createWorkflow(teamId, unique("no-such-connection"), unique("none-either"));
        String incidentId = createIncident(teamId);

        ApiResponse preview = admin.post("/api/workflows/" + workflowId + "/preview", Map.of("incidentId", incidentId));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.text("/preview/status")).isEqualTo("FAILED");
        assertThat(preview.text("/preview/nodes/1/status")).isEqualTo("FAILED");
        assertThat(preview.text("/preview/nodes/1/error")).contains("Jira");
        assertThat(preview.body().at("/preview/nodes").size()).as("the walk ends at the failed node").isEqualTo(2);
    }

    private String createWorkflow(String teamId, String jiraConnection, String linearConnection) {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "jira", "type", "action", "data", Map.of("actionType", "jira", "name", "Open Jira issue",
                                "config", Map.of("projectKey", "OPS", "issueType", "Incident", "summary", "$incident.title",
                                        "description", "Opened by $workflow.name", "connection", jiraConnection))),
                        Map.of("id", "linear", "type", "action", "data", Map.of("actionType", "linear", "name", "Open Linear issue",
                                "config", Map.of("teamId", "team-eng", "title", "$incident.title",
                                        "description", "Jira: see OPS", "connection", linearConnection)))),
                "edges", List.of(
                        Map.of("id", "e1", "source", "start", "target", "jira"),
                        Map.of("id", "e2", "source", "jira", "target", "linear")));
        ApiResponse created = admin.post("/api/workflows",
                Map.of("name", unique("ticket preview"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/workflow/id");
    }
}
