package io.runwire.workflow;

import java.util.List;
import java.util.Map;

/**
 * An action node's {@code config}, one record per {@code actionType} — the Java form of the seed's discriminated
 * union (and of its {@code isRunbookAction} guard: {@code config instanceof RunbookAction}). Read by
 * {@link NodeData.Action}'s reader on the node's {@code actionType}.
 */
public sealed interface ActionData permits WebhookAction, JiraAction, LinearAction, RunbookAction, UnknownAction {

    /** The actionTypes Runwire runs, each with its record. */
    Map<String, Class<? extends ActionData>> TYPES = Map.of(
            "webhook", WebhookAction.class,
            "jira", JiraAction.class,
            "linear", LinearAction.class,
            "runbook", RunbookAction.class);

    /** Known actionTypes in the order error messages list them. */
    List<String> KNOWN = List.of("webhook", "jira", "linear", "runbook");

    /** The record of {@code actionType}, or null for one Runwire does not know. */
    static Class<? extends ActionData> type(String actionType) {
        return actionType == null ? null : TYPES.get(actionType);
    }
}
