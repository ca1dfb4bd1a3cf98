package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.runwire.http.RetryPolicy;
import java.io.IOException;

/**
 * A node's {@code data}, one record per node type. Every one may carry the editor's {@code label}, which nothing in
 * Runwire reads.
 */
public sealed interface NodeData permits NodeData.Trigger, NodeData.Condition, NodeData.Delay, NodeData.Action {

    /** The trigger node marks where a run starts; what starts it is the definition's {@code trigger}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Trigger(String label) implements NodeData {
    }

    /** Holds when {@code field operator value} does; the run goes on along the edges of that branch only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Condition(String field, String operator, Object value, String label) implements NodeData {

        public WorkflowDefinition.FieldCondition condition() {
            return new WorkflowDefinition.FieldCondition(field, operator, value);
        }
    }

    /** Waits {@code durationSeconds} (1 to 86400, a day) before the run goes on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delay(int durationSeconds, String label) implements NodeData {

        public static final int MAX_SECONDS = 86_400;
    }

    /**
     * Calls what {@code config} describes, by {@code actionType}: {@code webhook}, {@code jira}, {@code linear},
     * {@code runbook} — or an {@link UnknownAction} kept from an import, which fails its node when it runs.
     * {@code retry} null means {@link RetryPolicy#DEFAULT}; {@code continueOnError} lets the run go on past its failure.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Action.Reader.class)
    record Action(String actionType, String name, ActionData config, ActionRetry retry, boolean continueOnError,
                  String label) implements NodeData {

        public RetryPolicy retryPolicy() {
            return retry == null ? RetryPolicy.DEFAULT : retry.policy();
        }

        /** Reads {@code config} as the record of {@code actionType}; an actionType Runwire does not know keeps it as it is. */
        static final class Reader extends StdDeserializer<Action> {
            Reader() {
                super(Action.class);
            }

            @Override
            public Action deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                JsonNode tree = context.readTree(parser);
                String actionType = tree.path("actionType").asText(null);
                JsonNode config = tree.hasNonNull("config") ? tree.get("config") : context.getNodeFactory().objectNode();
                Class<? extends ActionData> type = ActionData.type(actionType);
                ActionData data = type == null
                        ? new UnknownAction(actionType, config)
                        : context.readTreeAsValue(config, type);
                JsonNode retry = tree.get("retry");
                return new Action(actionType, tree.path("name").asText(null), data,
                        retry == null || retry.isNull() ? null : context.readTreeAsValue(retry, ActionRetry.class),
                        tree.path("continueOnError").asBoolean(false), tree.path("label").asText(null));
            }
        }
    }

    /** An action's retries: {@code attempts} in all, exponential backoff from {@code initialDelayMs} up to {@code maxDelayMs}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActionRetry(Integer attempts, String backoff, Long initialDelayMs, Long maxDelayMs) {

        public RetryPolicy policy() {
            return new RetryPolicy(attempts == null ? RetryPolicy.DEFAULT.attempts() : attempts,
                    initialDelayMs == null ? RetryPolicy.DEFAULT.initialDelayMs() : initialDelayMs,
                    maxDelayMs == null ? RetryPolicy.DEFAULT.maxDelayMs() : maxDelayMs);
        }
    }
}
