package io.runwire.workflow;

import java.util.Map;
import java.util.UUID;

/**
 * Executes the runbook {@code runbookId} with {@code parameters}, through the same checks as the manual trigger
 * (APPROVED, team scope, parameter schema) when it runs. Saving checks only that the runbook exists.
 */
public record RunbookAction(UUID runbookId, Map<String, Object> parameters) implements ActionData {

    public RunbookAction {
        parameters = parameters == null ? Map.of() : parameters;
    }
}
