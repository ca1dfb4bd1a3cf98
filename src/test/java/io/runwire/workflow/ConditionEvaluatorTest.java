package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConditionEvaluator evaluator = new ConditionEvaluator();

    /** The shape ConditionContext builds from an incident event. */
    private final Map<String, Object> context = ConditionContext.of(json("""
            {"kind": "state_changed", "from": "OPEN", "to": "RESOLVED",
             "incident": {"id": "i-1", "title": "Checkout is down", "priority": "CRITICAL", "status": "RESOLVED",
                          "service": null, "teamName": "payments",
                          "metadata": {"region": "eu-west-1", "errorRate": 0.42, "replicas": 3, "canary": true,
                                       "tags": ["db", "edge"], "hosts": [{"name": "a"}, {"name": "b"}]}},
             "team": {"id": "t-1", "name": "payments", "slackChannel": "#pay"},
             "assignee": null}
            """));

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "priority                   | equals     | \"CRITICAL\"              | true",
            "priority                   | equals     | \"critical\"              | false",
            "incident.priority          | equals     | \"CRITICAL\"              | true",
            "incident.metadata.region   | equals     | \"eu-west-1\"             | true",
            "metadata.region            | equals     | \"us-east-1\"             | false",
            "incident.metadata.replicas | equals     | 3.0                       | true",
            "incident.metadata.replicas | equals     | \"3\"                     | true",
            "incident.metadata.canary   | equals     | \"true\"                  | true",
            "incident.metadata.errorRate| equals     | 0.42                      | true",
            "incident.metadata.tags     | equals     | [\"db\", \"edge\"]        | true",
            "team.slackChannel          | equals     | \"#pay\"                  | true",
            "event.to                   | equals     | \"RESOLVED\"              | true",
            "incident.metadata.missing  | equals     | null                      | false",
            "priority                   | not_equals | \"LOW\"                   | true",
            "priority                   | not_equals | \"CRITICAL\"              | false",
            "incident.metadata.missing  | not_equals | \"x\"                     | true",
            "title                      | contains   | \"down\"                  | true",
            "title                      | contains   | \"Down\"                  | false",
            "incident.metadata.tags     | contains   | \"edge\"                  | true",
            "incident.metadata.tags     | contains   | \"ed\"                    | false",
            "incident.metadata          | contains   | \"region\"                | false",
            "incident.metadata.missing  | contains   | \"x\"                     | false",
            "priority                   | in         | [\"CRITICAL\", \"HIGH\"]  | true",
            "priority                   | in         | [\"LOW\", \"INFO\"]       | false",
            "priority                   | in         | \"HIGH, CRITICAL\"        | true",
            "incident.metadata.replicas | in         | [1, 3]                    | true",
            "incident.metadata.missing  | in         | [null]                    | false",
            "incident.metadata.region   | exists     | null                      | true",
            "incident.metadata.missing  | exists     | null                      | false",
            "service                    | exists     | null                      | false",
            "assignee                   | exists     | null                      | false",
            "assignee.email             | exists     | null                      | false",
            "incident.metadata.hosts.1.name | equals | \"b\"                     | true",
            "incident.metadata.hosts.7.name | exists | null                      | false",
            "priority.deeper            | exists     | null                      | false",
            "priority                   | EQUALS     | \"CRITICAL\"              | true",
    })
    void decidesEachOperatorOverTheIncidentContext(String field, String operator, String value, boolean expected) {
        assertThat(evaluator.matches(context, field, operator, parse(value))).isEqualTo(expected);
    }

    @Test
    void allConditionsMustHoldAndNoConditionsAlwaysHold() {
        List<Map<String, Object>> both = List.of(
                Map.of("field", "priority", "operator", "equals", "value", "CRITICAL"),
                Map.of("field", "incident.metadata.region", "operator", "equals", "value", "eu-west-1"));
        List<Map<String, Object>> oneFails = List.of(
                Map.of("field", "priority", "operator", "equals", "value", "CRITICAL"),
                Map.of("field", "incident.metadata.region", "operator", "equals", "value", "us-east-1"));

        assertThat(evaluator.matchesAll(context, both)).isTrue();
        assertThat(evaluator.matchesAll(context, oneFails)).isFalse();
        assertThat(evaluator.matchesAll(context, List.of())).isTrue();
        assertThat(evaluator.matchesAll(context, null)).isTrue();
    }

    @Test
    void unknownOperatorIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> evaluator.matches(context, "priority", "greater_than", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown condition operator 'greater_than' (known: [equals, not_equals, contains, in, exists])");
        assertThatThrownBy(() -> evaluator.matchesAll(context, List.of(Map.of("field", "priority"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown condition operator 'null'");
    }

    @Test
    void conditionWithoutAFieldIsRefused() {
        assertThatThrownBy(() -> evaluator.matches(context, " ", "exists", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A condition needs a field");
    }

    @Test
    void contextHasTheIncidentsFieldsAtTheTopAndTheEventBesideIt() {
        assertThat(context.get("priority")).isEqualTo("CRITICAL");
        assertThat(context).containsKeys("incident", "team", "assignee", "event");
        assertThat(context.get("event")).isEqualTo(Map.of("kind", "state_changed", "from", "OPEN", "to", "RESOLVED"));
    }

    private static Object parse(String value) {
        try {
            return JSON.readValue(value, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
