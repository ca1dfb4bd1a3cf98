package io.runwire.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.workflow.WorkflowStepper.FrontierEntry;
import io.runwire.workflow.WorkflowStepper.NodeResult;
import io.runwire.workflow.WorkflowStepper.Standing;
import io.runwire.workflow.WorkflowStepper.Walk;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * One step of a workflow execution, between its claim (workflow-execution-claim.sql) and its record
 * (workflow-execution-record-step.sql): reads the claimed row into a {@link Step}, runs the built-in node types,
 * takes an action's {@code actionResult} back (the action contract), and hands the record statement its parameters.
 * The rules of the walk are {@link WorkflowStepper}'s.
 */
@Component("workflowSteps")
public class WorkflowSteps {

    private static final TypeReference<List<FrontierEntry>> FRONTIER = new TypeReference<>() { };
    private static final TypeReference<List<NodeResult>> RESULTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;
    private final ConditionEvaluator conditions;
    private final WorkflowStepper stepper = new WorkflowStepper();

    public WorkflowSteps(ObjectMapper json, ConditionEvaluator conditions) {
        this.json = json;
        this.conditions = conditions;
    }

    /** A step in progress: what was claimed, the node it runs (if any) and, once run, the walk after it. */
    public static final class Step {
        private final Map<String, Object> claimed;
        private final JsonNode definition;
        private final Instant claimedAt;
        private final Instant deadlineAt;
        private final long claimedNanos = System.nanoTime();
        private final Map<String, Object> triggerEvent;
        private final Map<String, Object> current;
        private Walk walk;
        private FrontierEntry entry;
        private JsonNode node;
        private Instant nodeStartedAt;
        private NodeResult result;
        private Standing standing;

        Step(Map<String, Object> claimed, JsonNode definition, Walk walk, Map<String, Object> triggerEvent,
             Map<String, Object> current) {
            this.claimed = claimed;
            this.definition = definition;
            this.walk = walk;
            this.triggerEvent = triggerEvent;
            this.current = current;
            this.claimedAt = instant(claimed.get("claimedAt"));
            this.deadlineAt = instant(claimed.get("deadlineAt"));
        }

        /** The database's clock at the claim, moved on by this node's monotonic clock: due times never mix clocks. */
        Instant now() {
            return claimedAt.plusNanos(System.nanoTime() - claimedNanos);
        }

        public boolean timedOut() {
            return standing != null && "CANCELLED".equals(standing.status());
        }

        public boolean hasNode() {
            return node != null;
        }

        public String nodeId() {
            return entry == null ? null : entry.nodeId();
        }

        public String nodeType() {
            return node == null ? null : node.path("type").asText();
        }

        public String actionType() {
            return node == null ? null : node.path("data").path("actionType").asText("");
        }

        public String executionId() {
            return String.valueOf(claimed.get("id"));
        }

        public String status() {
            return standing == null ? null : standing.status();
        }

        public String error() {
            return standing == null ? null : standing.error();
        }
    }

    /** The claimed row as a step: past its deadline it is CANCELLED; else the frontier node due now, if any. */
    public Step begin(Map<String, Object> claimed) {
        JsonNode definition = read(claimed.get("definition"));
        Walk walk = new Walk(readAs(claimed.get("frontier"), FRONTIER), readAs(claimed.get("nodeResults"), RESULTS));
        Map<String, Object> triggerEvent = claimed.get("triggerEvent") == null ? Map.of()
                : readAs(claimed.get("triggerEvent"), MAP);
        Map<String, Object> current = claimed.get("current") == null ? Map.of() : readAs(claimed.get("current"), MAP);
        return resume(claimed, definition, walk, triggerEvent, current);
    }

    /**
     * A preview's next step (routes/previews.yaml): the walk so far, on a clock moved on to the due time of the node
     * the engine runs next — a preview waits for no delay, and a node due past the deadline is not reached.
     */
    public Step previewNext(Step step) {
        Instant now = step.now();
        Instant due = stepper.nextDue(step.walk, Instant.MAX).map(FrontierEntry::dueAt).orElse(null);
        Map<String, Object> claimed = new LinkedHashMap<>(step.claimed);
        claimed.put("claimedAt", due != null && due.isAfter(now) ? due : now);
        return resume(claimed, step.definition, step.walk, step.triggerEvent, step.current);
    }

    /**
     * What a preview's walk came to: the status the execution would end in, its error, each node's result in the order
     * the nodes would run.
     */
    public Map<String, Object> previewOutcome(Step step) {
        Standing standing = step.standing != null ? step.standing
                : stepper.standing(step.definition, step.walk, step.now(), step.deadlineAt);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("workflowId", String.valueOf(step.claimed.get("workflowId")));
        outcome.put("workflowName", step.claimed.get("workflowName"));
        outcome.put("incidentId", String.valueOf(step.claimed.get("incidentId")));
        outcome.put("status", standing.status());
        outcome.put("error", standing.error());
        outcome.put("nodes", step.walk.results());
        // the execution's id where the requests carry it (Idempotency-Key <id>:<nodeId>)
        outcome.put("executionIdPlaceholder", step.executionId());
        return outcome;
    }

    private Step resume(Map<String, Object> claimed, JsonNode definition, Walk walk, Map<String, Object> triggerEvent,
                        Map<String, Object> current) {
        Step step = new Step(claimed, definition, walk, triggerEvent, current);
        Instant now = step.now();
        if (step.deadlineAt != null && !now.isBefore(step.deadlineAt)) {
            step.walk = new Walk(List.of(), walk.results());
            step.standing = new Standing("CANCELLED", null, "Timed out after " + claimed.get("timeout"));
            return step;
        }
        if (walk.frontier().isEmpty() && walk.results().isEmpty()) {
            try {
                step.walk = stepper.start(definition);
            } catch (IllegalArgumentException unreadable) {
                step.standing = new Standing(WorkflowStepper.FAILED, null, unreadable.getMessage());
                return step;
            }
        }
        try {
            stepper.nextDue(step.walk, now).ifPresent(entry -> {
                step.node = stepper.node(definition, entry.nodeId());
                step.entry = entry;
                step.nodeStartedAt = now;
            });
        } catch (IllegalArgumentException unreadable) {
            step.standing = new Standing(WorkflowStepper.FAILED, null, unreadable.getMessage());
        }
        return step;
    }

    /** A trigger node completes at once; its output is the event that started the execution. */
    public void trigger(Step step) {
        complete(step, step.triggerEvent, null);
    }

    /**
     * A condition node {@code {field, operator, value}} over the incident as it is now (the names of
     * {@link ConditionContext}, with the trigger event as {@code event}): output {@code {result: true|false}}, which
     * picks the branch. A condition that cannot be decided (unknown operator, no field) fails the node.
     */
    public void condition(Step step) {
        JsonNode data = step.node.path("data");
        try {
            Map<String, Object> event = new LinkedHashMap<>(step.triggerEvent);
            step.current.forEach((name, value) -> {
                if (ConditionContext.OBJECTS.contains(name)) {
                    event.put(name, value);
                }
            });
            boolean holds = conditions.matches(ConditionContext.of(event), data.path("field").asText(null),
                    data.path("operator").asText(null), json.convertValue(data.get("value"), Object.class));
            complete(step, Map.of("result", holds), null);
        } catch (IllegalArgumentException undecidable) {
            fail(step, undecidable.getMessage());
        }
    }

    /** A delay node completes at once; its successors are due {@code durationSeconds} from now. */
    public void delay(Step step) {
        try {
            Duration wait = stepper.delay(step.node);
            complete(step, Map.of("durationSeconds", wait.toSeconds()), step.now().plus(wait));
        } catch (IllegalArgumentException unreadable) {
            fail(step, unreadable.getMessage());
        }
    }

    public void unknownNodeType(Step step) {
        fail(step, "Unknown node type '" + step.nodeType() + "'");
    }

    /**
     * The action contract's inputs, as variables of the exchange that calls {@code direct:action-<type>}:
     * workflowExecutionId, workflowId, workflowNodeId, actionConfig, actionAttempt, incidentId, teamId,
     * templateContext.
     */
    public void actionInputs(Exchange exchange, Step step) {
        Map<String, Object> config = step.node.path("data").path("config").isObject()
                ? json.convertValue(step.node.path("data").path("config"), MAP) : new LinkedHashMap<>();
        exchange.setVariable("workflowExecutionId", step.executionId());
        exchange.setVariable("workflowId", String.valueOf(step.claimed.get("workflowId")));
        exchange.setVariable("workflowNodeId", step.nodeId());
        exchange.setVariable("actionConfig", config);
        exchange.setVariable("actionAttempt", step.entry.attempt());
        exchange.setVariable("incidentId", step.claimed.get("incidentId") == null ? null
                : String.valueOf(step.claimed.get("incidentId")));
        exchange.setVariable("teamId", step.claimed.get("teamId") == null ? null
                : String.valueOf(step.claimed.get("teamId")));
        exchange.setVariable("templateContext", templateContext(step));
        exchange.removeVariable("actionResult");
    }

    /** What templates see: the incident, team and assignee as they are now, the trigger event, the workflow. */
    Map<String, Object> templateContext(Step step) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("incident", step.current.get("incident"));
        context.put("team", step.current.get("team"));
        context.put("assignee", step.current.get("assignee"));
        context.put("trigger", step.triggerEvent);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("id", String.valueOf(step.claimed.get("workflowId")));
        workflow.put("name", step.claimed.get("workflowName"));
        workflow.put("executionId", step.executionId());
        context.put("workflow", workflow);
        return context;
    }

    /** The router's otherwise: an actionType no sub-route serves (an old or imported definition can hold one). */
    public Map<String, Object> unknownActionType(Step step) {
        return failedResult("Unknown actionType '" + step.actionType() + "'");
    }

    /** An action's FAILED result, for a sub-route that refuses with a fixed message. */
    public Map<String, Object> actionFailed(String error) {
        return failedResult(error);
    }

    /** An action sub-route that threw: the node fails with the exception's message. */
    public Map<String, Object> actionThrew(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = failure == null ? "unknown error"
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return failedResult(message);
    }

    /**
     * The action's {@code actionResult}: COMPLETED completes the node with its output; RETRY puts it back in the
     * frontier for its next attempt after the backoff, while its retry config allows one, else fails it; FAILED (or
     * no answer at all) fails it.
     */
    public void actionDone(Step step, Map<String, Object> actionResult) {
        if (actionResult == null) {
            fail(step, "The " + step.actionType() + " action gave no result");
            return;
        }
        String outcome = String.valueOf(actionResult.get("outcome"));
        String error = actionResult.get("error") == null ? outcome : String.valueOf(actionResult.get("error"));
        switch (outcome) {
            case "COMPLETED" -> complete(step, actionResult.get("output"), null);
            case "RETRY" -> {
                if (stepper.mayRetry(step.node, step.entry.attempt())) {
                    Long retryAfterMs = actionResult.get("retryAfterMs") instanceof Number number ? number.longValue() : null;
                    Instant dueAt = step.now().plus(stepper.backoff(step.node, step.entry.attempt(), retryAfterMs));
                    step.walk = stepper.retry(step.walk, step.entry, error, dueAt);
                } else {
                    fail(step, error);
                }
            }
            default -> fail(step, error);
        }
    }

    /** The record statement's parameters: the step's result (if any), the walk, the standing. */
    public Map<String, Object> record(Step step) {
        if (step.standing == null) {
            step.standing = stepper.standing(step.definition, step.walk, step.now(), step.deadlineAt);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("executionId", step.executionId());
        record.put("claimToken", String.valueOf(step.claimed.get("claimToken")));
        record.put("status", step.standing.status());
        record.put("resumeAt", step.standing.resumeAt() == null ? null : step.standing.resumeAt().toString());
        record.put("error", step.standing.error());
        record.put("currentNodeId", step.nodeId());
        record.put("frontier", write(step.walk.frontier()));
        record.put("appended", write(step.result == null ? List.of() : List.of(step.result)));
        return record;
    }

    private void complete(Step step, Object output, Instant successorsDueAt) {
        finish(step, new NodeResult(step.nodeId(), step.nodeType(), WorkflowStepper.COMPLETED, output, null,
                step.nodeStartedAt, step.now(), step.entry.attempt()), successorsDueAt);
    }

    private void fail(Step step, String error) {
        finish(step, new NodeResult(step.nodeId(), step.nodeType(), WorkflowStepper.FAILED, null, error,
                step.nodeStartedAt, step.now(), step.entry.attempt()), null);
    }

    private void finish(Step step, NodeResult result, Instant successorsDueAt) {
        step.result = result;
        step.walk = stepper.finished(step.definition, step.walk, step.entry, result, successorsDueAt);
    }

    private static Map<String, Object> failedResult(String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", "FAILED");
        result.put("error", error);
        return result;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return Instant.parse(value.toString());
    }

    private JsonNode read(Object stored) {
        try {
            return json.readTree(String.valueOf(stored));
        } catch (Exception e) {
            throw new IllegalStateException("JSON stored by Runwire does not parse", e);
        }
    }

    private <T> T readAs(Object stored, TypeReference<T> type) {
        try {
            return json.readValue(String.valueOf(stored), type);
        } catch (Exception e) {
            throw new IllegalStateException("JSON stored by Runwire does not parse", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }
}
