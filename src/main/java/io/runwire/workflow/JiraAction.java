package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Opens a Jira issue (issue 11): {@code summary} and {@code description} are Velocity templates; {@code priority}
 * names a Jira priority, else {@code priorityMapping} maps the incident's priority (CRITICAL...INFO) to one;
 * {@code connection} names a team's stored Jira connection, else the configured default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JiraAction(String projectKey, String issueType, String summary, String description, String priority,
                         Map<String, String> priorityMapping, List<String> labels, String connection)
        implements ActionData {
}
