package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * A workflow's jira action (routes/actions/jira.yaml): the node's config {@code {projectKey, issueType, summary,
 * description, priority?, priorityMapping?, labels?, connection?}} as the body of {@code POST /rest/api/3/issue}
 * (Jira Cloud platform REST v3, IssueUpdateDetails), the JQL search that finds an issue an earlier run of the node may
 * have opened, and Jira's answers as the node's result {@code {issueKey, issueId, issueUrl}}.
 */
@Component("jiraActions")
public class JiraActions extends TicketAction {

    /** Jira Cloud's limit; a longer summary is refused with a 400. */
    static final int SUMMARY_MAX = 255;

    public JiraActions(TicketTools tools) {
        super(tools, "Jira", "direct:action-jira-call", "/rest/api/3/issue", "/rest/api/3/search/jql",
                List.of("issueId", "issueKey", "issueUrl"));
    }

    /** A label: {@link TicketMarkers#jiraLabel}. */
    @Override
    public String marker(@Variable("workflowExecutionId") String workflowExecutionId,
                         @Variable("workflowNodeId") String nodeId) {
        return tools.markers().jiraLabel(workflowExecutionId, nodeId);
    }

    @Override
    public TicketTarget target(@Variable("actionConfig") Map<String, Object> config, @Variable("teamId") String teamId) {
        return tools.calls().jira(tools.connections().jira(text(config.get("connection")), teamId));
    }

    /**
     * The IssueUpdateDetails body: project, issue type, the rendered summary (one line, at most 255 characters), the
     * rendered description as ADF, the priority (the node's, else its priorityMapping of the incident's priority),
     * the node's labels and the marker label.
     */
    @Override
    public String issue(@Variable("actionConfig") Map<String, Object> config,
                        @Variable("templateContext") Map<String, Object> context,
                        @Variable("marker") String marker) {
        Map<String, Object> values = tools.templates().values(context);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", required(config, "projectKey")));
        fields.put("issuetype", Map.of("name", required(config, "issueType")));
        required(config, "summary");
        fields.put("summary", summary(rendered(config, "summary", values)));
        fields.put("description", AtlassianDocument.of(rendered(config, "description", values)));
        String priority = priority(config, values);
        if (priority != null) {
            fields.put("priority", Map.of("name", priority));
        }
        Set<String> labels = new LinkedHashSet<>();
        if (config.get("labels") instanceof List<?> configured) {
            configured.forEach(label -> labels.add(String.valueOf(label)));
        }
        labels.add(marker);
        fields.put("labels", new ArrayList<>(labels));
        return tools.storedJson().write(Map.of("fields", fields));
    }

    /** The search (SearchAndReconcileRequestBean): the project's issues carrying the marker label. */
    @Override
    public String lookup(@Variable("actionConfig") Map<String, Object> config, @Variable("marker") String marker) {
        String jql = "project = " + jqlString(required(config, "projectKey")) + " AND labels = " + jqlString(marker);
        return tools.storedJson().write(Map.of("jql", jql, "fields", List.of("summary"), "maxResults", 1));
    }

    /** Jira's answer to the create: the node's output, or its error (Jira's errorMessages and errors by field). */
    @Override
    public Map<String, Object> created(@Variable("retry") Boolean retry,
                                       @Variable("attemptRecord") Map<String, Object> record,
                                       @Variable("target") TicketTarget target) {
        TicketCalls.Answer answer = tools.calls().answer(retry, record);
        if (!answer.success()) {
            return failure(answer);
        }
        String key = answer.body().path("key").asText("");
        if (key.isBlank()) {
            // it may well exist: the next run searches for its label before creating one
            return tools.results().retry("Jira answered HTTP " + answer.status() + " without an issue key", null);
        }
        return tools.results().completed(issue(target, answer.body()));
    }

    @Override
    public Map<String, Object> found(@Variable("retry") Boolean retry,
                                     @Variable("attemptRecord") Map<String, Object> record,
                                     @Variable("target") TicketTarget target) {
        TicketCalls.Answer answer = tools.calls().answer(retry, record);
        if (!answer.success()) {
            return failure(answer);
        }
        JsonNode issue = answer.body().path("issues").path(0);
        return issue.path("key").asText("").isBlank() ? null : tools.results().completed(issue(target, issue));
    }

    private Map<String, Object> issue(TicketTarget target, JsonNode issue) {
        String key = issue.path("key").asText();
        return output(issue.path("id").asText(null), key, target.baseUrl() + "/browse/" + key);
    }

    private Map<String, Object> failure(TicketCalls.Answer answer) {
        if (answer.settled() != null) {
            return answer.settled();
        }
        if (answer.refused()) {
            return tools.results().failed(JiraErrors.describe(answer.status(), answer.body()));
        }
        return tools.results().failed(answer.error());
    }

    private static String priority(Map<String, Object> config, Map<String, Object> values) {
        String priority = text(config.get("priority"));
        if (priority != null) {
            return priority;
        }
        if (config.get("priorityMapping") instanceof Map<?, ?> mapping
                && values.get("incident") instanceof Map<?, ?> incident && incident.get("priority") != null) {
            return text(mapping.get(String.valueOf(incident.get("priority"))));
        }
        return null;
    }

    /** Jira refuses a summary with a line break or longer than 255 characters. */
    static String summary(String rendered) {
        String line = oneLine(rendered);
        if (line.codePointCount(0, line.length()) <= SUMMARY_MAX) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, SUMMARY_MAX - 1)) + "…";
    }

    /** A JQL string literal: in double quotes, with quotes and backslashes escaped. */
    static String jqlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
