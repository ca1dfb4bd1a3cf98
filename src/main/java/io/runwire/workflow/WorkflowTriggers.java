package io.runwire.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.db.StoredJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which workflows an incident event starts. The claim (incident-event-claim.sql) already narrowed them to the enabled
 * workflows of the incident's team and the global ones whose trigger type is the event's kind; here the trigger's
 * {@code stateTransition} and {@code conditions} decide. A trigger that cannot be read (an unknown operator in an
 * old definition) starts nothing and is logged, and does not hold up the other workflows of the batch.
 */
@Component("workflowTriggers")
public class WorkflowTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowTriggers.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final ConditionEvaluator conditions;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;

    public WorkflowTriggers(ConditionEvaluator conditions, StoredJson storedJson, ObjectMapper objectMapper) {
        this.conditions = conditions;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
    }

    /** One workflow execution to create; as JSON the shape incident-event-dispatch.sql reads. */
    public record Match(String eventId, String workflowId) {
    }

    /** {@code claimed}: rows {id, payload, candidates [{workflowId, trigger}]} of incident-event-claim.sql. */
    public List<Match> matches(List<Map<String, Object>> claimed) {
        List<Match> matches = new ArrayList<>();
        for (Map<String, Object> event : claimed) {
            String eventId = String.valueOf(event.get("id"));
            Map<String, Object> payload = objectMapper.convertValue(storedJson.read(event.get("payload")), OBJECT);
            Map<String, Object> context = ConditionContext.of(payload);
            for (Map<String, Object> candidate : objectMapper.convertValue(storedJson.read(event.get("candidates")), LIST)) {
                String workflowId = String.valueOf(candidate.get("workflowId"));
                try {
                    if (fires(objectMapper.valueToTree(candidate.get("trigger")), payload, context)) {
                        matches.add(new Match(eventId, workflowId));
                    }
                } catch (IllegalArgumentException unreadable) {
                    LOG.warn("Workflow {} does not start for incident event {}: its trigger cannot be read ({})",
                            workflowId, eventId, unreadable.getMessage());
                }
            }
        }
        return matches;
    }

    /** Whether a trigger of the event's kind fires: its stateTransition (state_changed only) and all its conditions. */
    public boolean fires(JsonNode trigger, Map<String, ?> payload, Map<String, ?> context) {
        if ("state_changed".equals(payload.get("kind")) && !transitionMatches(trigger.path("stateTransition"), payload)) {
            return false;
        }
        JsonNode list = trigger.path("conditions");
        if (list.isMissingNode() || list.isNull()) {
            return true;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("conditions must be a list of {field, operator, value}");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (JsonNode condition : list) {
            if (!condition.isObject()) {
                throw new IllegalArgumentException("a condition must be an object {field, operator, value}");
            }
            all.add(objectMapper.convertValue(condition, OBJECT));
        }
        return conditions.matchesAll(context, all);
    }

    /** Each of {from, to} that the trigger names must be the transition's; one left out matches any. */
    private static boolean transitionMatches(JsonNode transition, Map<String, ?> payload) {
        for (String end : List.of("from", "to")) {
            JsonNode wanted = transition.path(end);
            if (wanted.isTextual() && !wanted.asText().isBlank()
                    && !wanted.asText().trim().equalsIgnoreCase(String.valueOf(payload.get(end)))) {
                return false;
            }
        }
        return true;
    }
}
