package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The config of an actionType Runwire does not know, kept as it came: an imported (or older) definition still loads,
 * and its node fails when it runs with {@link #error()}. Creating or replacing a workflow refuses it.
 */
public record UnknownAction(String actionType, @JsonValue JsonNode config) implements ActionData {

    public String error() {
        return "Unknown actionType '" + actionType + "'";
    }
}
