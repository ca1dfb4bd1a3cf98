package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A workflow definition as stored in {@code workflows.definition} and {@code workflow_versions.definition}: the
 * seed's React-Flow graph ({@code nodes}, {@code edges}), what starts it ({@code trigger}) and its {@code settings}.
 * Stored definitions hold a webhook action's auth as ciphertext (see {@link WebhookAction#authCiphertext()}).
 * {@link WorkflowGraph} checks one before it is saved and walks it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDefinition(List<Node> nodes, List<Edge> edges, Trigger trigger, Settings settings) {

    public WorkflowDefinition {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        settings = settings == null ? Settings.DEFAULT : settings;
    }

    /** A definition from its JSON (a request's, already checked by {@link WorkflowGraph#problems}, or a stored one). */
    public static WorkflowDefinition from(JsonNode json, ObjectMapper objectMapper) {
        try {
            return objectMapper.treeToValue(json, WorkflowDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The workflow definition cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode toJson(ObjectMapper objectMapper) {
        return objectMapper.valueToTree(this);
    }

    /** The constant of an enum written in JSON as its name in lower case ({@code incident_created}). */
    private static <E extends Enum<E>> E byJsonName(Class<E> type, String json, String what) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().toLowerCase(Locale.ROOT).equals(json))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Unknown " + what + " '" + json + "'"));
    }

    public enum NodeType {
        TRIGGER, CONDITION, DELAY, ACTION;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static NodeType of(String json) {
            return byJsonName(NodeType.class, json, "node type");
        }

        Class<? extends NodeData> dataType() {
            return switch (this) {
                case TRIGGER -> NodeData.Trigger.class;
                case CONDITION -> NodeData.Condition.class;
                case DELAY -> NodeData.Delay.class;
                case ACTION -> NodeData.Action.class;
            };
        }
    }

    /** A node; {@code data} is the record of its {@code type} ({@link NodeData}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Node.Reader.class)
    public record Node(String id, NodeType type, Position position, NodeData data) {

        static final class Reader extends StdDeserializer<Node> {
            Reader() {
                super(Node.class);
            }

            @Override
            public Node deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                JsonNode tree = context.readTree(parser);
                NodeType type = NodeType.of(tree.path("type").asText(null));
                JsonNode position = tree.get("position");
                JsonNode data = tree.get("data");
                return new Node(tree.path("id").asText(null), type,
                        position == null || position.isNull() ? null : context.readTreeAsValue(position, Position.class),
                        context.readTreeAsValue(data == null || data.isNull()
                                ? context.getNodeFactory().objectNode() : data, type.dataType()));
            }
        }
    }

    /** Where the editor draws a node; nothing in Runwire reads it. */
    public record Position(double x, double y) {
    }

    /** An edge; out of a condition node, {@code sourceHandle} says which branch it is ("true" or "false"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Edge(String id, String source, String target, String sourceHandle) {

        /** The condition outcome this edge follows: null for an edge out of any other node. */
        public Boolean branch() {
            return sourceHandle == null ? null : Boolean.valueOf(sourceHandle);
        }
    }

    public enum TriggerType {
        INCIDENT_CREATED, STATE_CHANGED, ESCALATION, MANUAL, AGE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static TriggerType of(String json) {
            return byJsonName(TriggerType.class, json, "trigger type");
        }
    }

    /**
     * What starts the workflow: {@code conditions} on the incident must all hold; {@code stateTransition} narrows a
     * state_changed trigger (a side left out matches any status); {@code ageThresholdMinutes} is an age trigger's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(TriggerType type, List<FieldCondition> conditions, StateTransition stateTransition,
                          Integer ageThresholdMinutes) {

        public Trigger {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /**
     * {@code field} is a dotted path into the template context ({@code priority}, {@code incident.metadata.region});
     * {@code operator} one of {@link #OPERATORS}; {@code value} any JSON value (not read by {@code exists}).
     */
    public record FieldCondition(String field, String operator, Object value) {

        public static final List<String> OPERATORS = List.of("equals", "not_equals", "contains", "in", "exists");
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StateTransition(String from, String to) {
    }

    /** {@code timeout}: {@code 1min}, {@code 5min} (the default) or {@code 15min} for a whole execution. */
    public record Settings(String timeout) {

        public static final List<String> TIMEOUTS = List.of("1min", "5min", "15min");
        static final Settings DEFAULT = new Settings(null);

        public Settings {
            timeout = timeout == null ? "5min" : timeout;
        }

        public Duration timeoutDuration() {
            return Duration.ofMinutes(Long.parseLong(timeout.replace("min", "")));
        }
    }
}
