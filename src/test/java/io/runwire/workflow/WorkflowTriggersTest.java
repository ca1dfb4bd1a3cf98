package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.db.StoredJson;
import io.runwire.workflow.WorkflowTriggers.Match;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowTriggersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowTriggers triggers =
            new WorkflowTriggers(new ConditionEvaluator(), new StoredJson(JSON), JSON);

    @ParameterizedTest(name = "stateTransition {0} on OPEN -> RESOLVED: {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                       | true",
            "{\"to\": \"RESOLVED\"}                   | true",
            "{\"to\": \"resolved\"}                   | true",
            "{\"to\": \"ACKNOWLEDGED\"}               | false",
            "{\"from\": \"OPEN\"}                     | true",
            "{\"from\": \"ACKNOWLEDGED\"}             | false",
            "{\"from\": \"OPEN\", \"to\": \"RESOLVED\"} | true",
            "{\"from\": \"OPEN\", \"to\": \"CLOSED\"}   | false",
            "{\"from\": null, \"to\": \"\"}           | true",
    })
    void stateChangedFiresOnlyForTheNamedEndsOfTheTransition(String transition, boolean fires) {
        String event = event("state_changed", "\"from\": \"OPEN\", \"to\": \"RESOLVED\"");
        String trigger = "{\"type\": \"state_changed\", \"stateTransition\": " + transition + "}";

        assertThat(triggers.matches(List.of(claimed("e-1", event, candidate("w-1", trigger)))))
                .isEqualTo(fires ? List.of(new Match("e-1", "w-1")) : List.of());
    }

    @Test
    void eachCandidateWhoseConditionsHoldIsAMatch() {
        String event = event("incident_created", null);
        List<Match> matches = triggers.matches(List.of(claimed("e-1", event,
                candidate("critical", trigger("incident_created", "priority", "equals", "\"CRITICAL\"")),
                candidate("low", trigger("incident_created", "priority", "equals", "\"LOW\"")),
                candidate("eu", trigger("incident_created", "incident.metadata.region", "in", "[\"eu-west-1\"]")),
                candidate("any", "{\"type\": \"incident_created\"}"))));

        assertThat(matches).extracting(Match::workflowId).containsExactly("critical", "eu", "any");
    }

    @Test
    void unreadableTriggerStartsNothingAndDoesNotStopTheOthers() {
        String event = event("escalation", null);
        List<Match> matches = triggers.matches(List.of(claimed("e-1", event,
                candidate("unknown-operator", trigger("escalation", "priority", "greater_than", "1")),
                candidate("not-a-list", "{\"type\": \"escalation\", \"conditions\": {\"field\": \"priority\"}}"),
                candidate("fine", "{\"type\": \"escalation\"}"))));

        assertThat(matches).extracting(Match::workflowId).containsExactly("fine");
    }

    @Test
    void eventWithoutCandidatesMatchesNothing() {
        assertThat(triggers.matches(List.of(claimed("e-1", event("age", null))))).isEmpty();
    }

    private static String event(String kind, String extra) {
        return "{\"kind\": \"" + kind + "\"" + (extra == null ? "" : ", " + extra)
                + ", \"incident\": {\"id\": \"i-1\", \"priority\": \"CRITICAL\", \"status\": \"OPEN\","
                + " \"metadata\": {\"region\": \"eu-west-1\"}}, \"team\": {\"id\": \"t-1\"}, \"assignee\": null}";
    }

    /** A trigger of {@code type} with one condition; {@code value} is JSON. */
    private static String trigger(String type, String field, String operator, String value) {
        return "{\"type\": \"" + type + "\", \"conditions\": [{\"field\": \"" + field + "\", \"operator\": \""
                + operator + "\", \"value\": " + value + "}]}";
    }

    private static String candidate(String workflowId, String trigger) {
        return "{\"workflowId\": \"" + workflowId + "\", \"trigger\": " + trigger + "}";
    }

    /** A row of incident-event-claim.sql: JSON columns arrive as text. */
    private static Map<String, Object> claimed(String eventId, String payload, String... candidates) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", eventId);
        row.put("payload", payload);
        row.put("candidates", "[" + String.join(", ", candidates) + "]");
        return row;
    }
}
