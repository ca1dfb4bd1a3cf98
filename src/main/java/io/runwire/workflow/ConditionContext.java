package io.runwire.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a field condition reads, built from an incident event's payload (a workflow execution's trigger_event): the
 * names payload templates see (DESIGN §4) — {@code incident}, {@code team}, {@code assignee} — and {@code event}
 * (kind, from, to, ...). The incident's own fields are also at the top, so {@code priority} reads the same as
 * {@code incident.priority}; a field named like one of the objects means the object.
 */
public final class ConditionContext {

    static final List<String> OBJECTS = List.of("incident", "team", "assignee");

    private ConditionContext() {
    }

    public static Map<String, Object> of(Map<String, ?> event) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (event.get("incident") instanceof Map<?, ?> incident) {
            incident.forEach((key, value) -> context.put(key.toString(), value));
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        event.forEach((key, value) -> {
            if (!OBJECTS.contains(key)) {
                rest.put(key, value);
            }
        });
        for (String name : OBJECTS) {
            context.put(name, event.get(name));
        }
        context.put("event", rest);
        return context;
    }
}
