package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Jira's error body (ErrorCollection: {@code errorMessages} and {@code errors} by field) as a node's error, each field
 * named: {@code Jira refused the request (HTTP 400): priority: Specify a valid priority; Field 'x' is required}.
 */
public final class JiraErrors {

    private JiraErrors() {
    }

    public static String describe(int status, JsonNode body) {
        List<String> problems = new ArrayList<>();
        body.path("errors").fields().forEachRemaining(field ->
                problems.add(field.getKey() + ": " + field.getValue().asText()));
        body.path("errorMessages").forEach(message -> problems.add(message.asText()));
        String head = "Jira refused the request (HTTP " + status + ")";
        return problems.isEmpty() ? head : head + ": " + String.join("; ", problems);
    }
}
