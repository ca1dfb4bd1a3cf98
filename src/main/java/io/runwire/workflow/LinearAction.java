package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Opens a Linear issue (issue 11) in the Linear team {@code teamId}: {@code title} and {@code description}
 * (Markdown) are Velocity templates; {@code priority} 0–4, else mapped from the incident's; {@code connection} names a
 * team's stored Linear connection, else the configured default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinearAction(String teamId, String title, String description, Integer priority, List<String> labelIds,
                           String assigneeId, String stateId, String connection) implements ActionData {
}
