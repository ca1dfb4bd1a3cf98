package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * A workflow's linear action (routes/actions/linear.yaml): the node's config {@code {teamId, title, description,
 * priority?, labelIds?, assigneeId?, stateId?, connection?}} as Linear's {@code issueCreate} mutation, the query that
 * finds the issue an earlier run of the node may have created (by the id Runwire chose for it), and Linear's answers
 * as the node's result {@code {issueId, identifier, url}}.
 */
@Component("linearActions")
public class LinearActions extends TicketAction {

    static final String CREATE = """
            mutation RunwireIssueCreate($input: IssueCreateInput!) {
              issueCreate(input: $input) {
                success
                issue { id identifier url }
              }
            }""";
    static final String LOOKUP = """
            query RunwireIssueLookup($id: ID!) {
              issues(filter: {id: {eq: $id}}, first: 1) {
                nodes { id identifier url }
              }
            }""";
    /** Linear's priorities: 0 none, 1 urgent, 2 high, 3 medium, 4 low. */
    private static final Map<String, Integer> PRIORITIES = Map.of("CRITICAL", 1, "HIGH", 2, "MEDIUM", 3, "LOW", 4,
            "INFO", 0);

    public LinearActions(TicketTools tools) {
        super(tools, "Linear", "direct:action-linear-call", "/graphql", "/graphql",
                List.of("issueId", "identifier", "url"));
    }

    /** The issue's own id: {@link TicketMarkers#linearIssueId} (IssueCreateInput.id lets the client choose it). */
    @Override
    public String marker(@Variable("workflowExecutionId") String workflowExecutionId,
                         @Variable("workflowNodeId") String nodeId) {
        return tools.markers().linearIssueId(workflowExecutionId, nodeId);
    }

    @Override
    public TicketTarget target(@Variable("actionConfig") Map<String, Object> config, @Variable("teamId") String teamId) {
        return tools.calls().linear(tools.connections().linear(text(config.get("connection")), teamId));
    }

    /**
     * The mutation and its variables: the id Runwire chose ({@code marker}), the team, the rendered title (one line)
     * and description (Markdown, as rendered), the priority (the node's, else the incident's mapped to 0–4), and the
     * optional labels, assignee and state.
     */
    @Override
    public String issue(@Variable("actionConfig") Map<String, Object> config,
                        @Variable("templateContext") Map<String, Object> context,
                        @Variable("marker") String marker) {
        Map<String, Object> values = tools.templates().values(context);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", marker);
        input.put("teamId", required(config, "teamId"));
        required(config, "title");
        input.put("title", oneLine(rendered(config, "title", values)));
        input.put("description", rendered(config, "description", values));
        input.put("priority", priority(config, values));
        if (config.get("labelIds") instanceof List<?> labels && !labels.isEmpty()) {
            List<String> labelIds = new ArrayList<>();
            labels.forEach(label -> labelIds.add(String.valueOf(label)));
            input.put("labelIds", labelIds);
        }
        for (String optional : List.of("assigneeId", "stateId")) {
            String value = text(config.get(optional));
            if (value != null) {
                input.put(optional, value);
            }
        }
        return document(CREATE, "RunwireIssueCreate", Map.of("input", input));
    }

    /** The query for the issue with the id this node gives its issue. */
    @Override
    public String lookup(@Variable("actionConfig") Map<String, Object> config, @Variable("marker") String marker) {
        return document(LOOKUP, "RunwireIssueLookup", Map.of("id", marker));
    }

    /** Created only when the answer has no {@code errors} and {@code data.issueCreate.success} is true. */
    @Override
    public Map<String, Object> created(@Variable("retry") Boolean retry,
                                       @Variable("attemptRecord") Map<String, Object> record,
                                       @Variable("target") TicketTarget target) {
        TicketCalls.Answer answer = tools.calls().answer(retry, record);
        Map<String, Object> failure = failure(answer);
        if (failure != null) {
            return failure;
        }
        JsonNode payload = answer.body().path("data").path("issueCreate");
        if (!payload.path("success").asBoolean(false)) {
            return tools.results().failed("Linear did not create the issue (issueCreate.success is "
                    + (payload.path("success").isMissingNode() ? "missing" : payload.path("success").asText()) + ")");
        }
        return tools.results().completed(issue(payload.path("issue")));
    }

    @Override
    public Map<String, Object> found(@Variable("retry") Boolean retry,
                                     @Variable("attemptRecord") Map<String, Object> record,
                                     @Variable("target") TicketTarget target) {
        TicketCalls.Answer answer = tools.calls().answer(retry, record);
        Map<String, Object> failure = failure(answer);
        if (failure != null) {
            return failure;
        }
        JsonNode issue = answer.body().path("data").path("issues").path("nodes").path(0);
        return issue.path("id").asText("").isBlank() ? null : tools.results().completed(issue(issue));
    }

    /**
     * A GraphQL {@code errors} array fails the node with its messages, whatever the status; Linear's rate limit
     * (code RATELIMITED) is worth another attempt. Without errors, a status other than 2xx is the classifier's.
     * Null: a 2xx answer without errors.
     */
    private Map<String, Object> failure(TicketCalls.Answer answer) {
        if (answer.settled() != null) {
            return answer.settled();
        }
        JsonNode errors = answer.body().path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            boolean rateLimited = false;
            for (JsonNode error : errors) {
                String message = error.path("message").asText("unknown error");
                String shown = error.path("extensions").path("userPresentableMessage").asText("");
                messages.add(shown.isBlank() || shown.equals(message) ? message : message + " (" + shown + ")");
                rateLimited |= "RATELIMITED".equals(error.path("extensions").path("code").asText());
            }
            String text = "Linear answered with errors (HTTP " + answer.status() + "): " + String.join("; ", messages);
            return rateLimited ? tools.results().retry(text, null) : tools.results().failed(text);
        }
        if (answer.refused()) {
            return tools.results().failed("Linear refused the request (HTTP " + answer.status() + ")");
        }
        return answer.success() ? null : tools.results().failed(answer.error());
    }

    private Map<String, Object> issue(JsonNode issue) {
        return output(issue.path("id").asText(null), issue.path("identifier").asText(null), issue.path("url").asText(null));
    }

    /** The node's priority, else the incident's: CRITICAL 1 (urgent), HIGH 2, MEDIUM 3, LOW 4, INFO 0 (none). */
    static int priority(Map<String, Object> config, Map<String, Object> values) {
        if (config.get("priority") instanceof Number number) {
            return number.intValue();
        }
        if (values.get("incident") instanceof Map<?, ?> incident && incident.get("priority") != null) {
            return PRIORITIES.getOrDefault(String.valueOf(incident.get("priority")), 0);
        }
        return 0;
    }

    private String document(String query, String operationName, Map<String, Object> variables) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("query", query);
        document.put("operationName", operationName);
        document.put("variables", variables);
        return tools.storedJson().write(document);
    }
}
