package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * How a workflow execution walks its definition graph, one node per step. The walk is data — a frontier of nodes
 * ready or waiting to run and the results of the nodes that ran — so any node may take the next step after a
 * restart. The rules:
 * <ul>
 *   <li>the walk starts at the trigger node;</li>
 *   <li>when a node completes its successors join the frontier; out of a condition node only along the edges whose
 *   {@code sourceHandle} is the branch it took ("true" or "false"): the other branch never runs;</li>
 *   <li>a node already in the results never runs again (a node reached along two paths runs once, on the first);</li>
 *   <li>a failed node ends the walk unless its data says {@code continueOnError: true};</li>
 *   <li>an empty frontier is a COMPLETED execution; a frontier whose nodes are all due later is a WAITING one.</li>
 * </ul>
 */
public class WorkflowStepper {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    /** A node ready ({@code dueAt} null or past) or waiting to run, and which attempt that will be (1-based). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FrontierEntry(String nodeId, int attempt, Instant dueAt, String lastError) {

        static FrontierEntry first(String nodeId, Instant dueAt) {
            return new FrontierEntry(nodeId, 1, dueAt, null);
        }

        boolean dueBy(Instant now) {
            return dueAt == null || !dueAt.isAfter(now);
        }
    }

    /** A node that ran, as it is persisted and shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeResult(String nodeId, String type, String status, Object output, String error,
                             Instant startedAt, Instant completedAt, int attempts) {

        boolean failed() {
            return FAILED.equals(status);
        }
    }

    /** Where a walk stands: what is left to run and what ran. */
    public record Walk(List<FrontierEntry> frontier, List<NodeResult> results) {

        public Walk {
            frontier = List.copyOf(frontier);
            results = List.copyOf(results);
        }

        boolean ran(String nodeId) {
            return results.stream().anyMatch(result -> result.nodeId().equals(nodeId));
        }
    }

    /** What the execution is after a step: PENDING (something due now), WAITING until resumeAt, COMPLETED, FAILED. */
    public record Standing(String status, Instant resumeAt, String error) {
    }

    /** A fresh execution's walk: the trigger node, due now. */
    public Walk start(JsonNode definition) {
        List<JsonNode> triggers = nodes(definition).stream()
                .filter(node -> "trigger".equals(node.path("type").asText())).toList();
        if (triggers.size() != 1) {
            throw new IllegalArgumentException("A workflow needs exactly one trigger node, this one has " + triggers.size());
        }
        return new Walk(List.of(FrontierEntry.first(triggers.get(0).path("id").asText(), null)), List.of());
    }

    /** The frontier node to run now: the one due longest ago (ready ones first, in frontier order); or none. */
    public Optional<FrontierEntry> nextDue(Walk walk, Instant now) {
        return walk.frontier().stream()
                .filter(entry -> !walk.ran(entry.nodeId()) && entry.dueBy(now))
                .min(Comparator.comparing(entry -> entry.dueAt() == null ? Instant.MIN : entry.dueAt()));
    }

    /** The node {@code nodeId} of the definition, or an error naming it. */
    public JsonNode node(JsonNode definition, String nodeId) {
        return nodes(definition).stream().filter(node -> nodeId.equals(node.path("id").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The definition has no node '" + nodeId + "'"));
    }

    /**
     * The walk after {@code ran} finished with {@code result}: the entry leaves the frontier, the result is on record,
     * and — unless the node failed and may not continue — its successors join the frontier, due at
     * {@code successorsDueAt} (null: now; a delay node's successors wait). A condition node's result output
     * {@code {result: true|false}} picks the edges followed.
     */
    public Walk finished(JsonNode definition, Walk walk, FrontierEntry ran, NodeResult result, Instant successorsDueAt) {
        List<NodeResult> results = new ArrayList<>(walk.results());
        results.add(result);
        List<FrontierEntry> frontier = new ArrayList<>(walk.frontier().stream()
                .filter(entry -> !entry.nodeId().equals(ran.nodeId())).toList());
        if (result.failed() && !continuesOnError(node(definition, ran.nodeId()))) {
            return new Walk(List.of(), results);
        }
        Set<String> waiting = new HashSet<>(frontier.stream().map(FrontierEntry::nodeId).toList());
        Walk after = new Walk(List.of(), results);
        for (String successor : successors(definition, ran.nodeId(), branch(result))) {
            if (!after.ran(successor) && waiting.add(successor)) {
                frontier.add(FrontierEntry.first(successor, successorsDueAt));
            }
        }
        return new Walk(frontier, results);
    }

    /** The walk with {@code ran} back in the frontier for its next attempt, due at {@code dueAt}. */
    public Walk retry(Walk walk, FrontierEntry ran, String error, Instant dueAt) {
        List<FrontierEntry> frontier = walk.frontier().stream()
                .map(entry -> entry.nodeId().equals(ran.nodeId())
                        ? new FrontierEntry(ran.nodeId(), ran.attempt() + 1, dueAt, error)
                        : entry)
                .toList();
        return new Walk(frontier, walk.results());
    }

    /**
     * Whether an action that failed in a retryable way on attempt {@code attempt} gets another one, by its data's
     * {@code retry {attempts}} (default 1: no retry).
     */
    public boolean mayRetry(JsonNode node, int attempt) {
        return attempt < Math.max(1, node.path("data").path("retry").path("attempts").asInt(1));
    }

    /**
     * The wait before attempt {@code attempt + 1}: {@code initialDelayMs} (default 1000) doubled per attempt spent
     * (backoff "exponential", the only kind), or the target's Retry-After when that is longer.
     */
    public Duration backoff(JsonNode node, int attempt, Long retryAfterMs) {
        long initial = Math.max(0, node.path("data").path("retry").path("initialDelayMs").asLong(1000));
        long delay = initial * (1L << Math.min(20, Math.max(0, attempt - 1)));
        if (retryAfterMs != null && retryAfterMs > delay) {
            delay = retryAfterMs;
        }
        return Duration.ofMillis(delay);
    }

    /** A delay node's wait, from its data's {@code durationSeconds} (a whole number of seconds, at least 0). */
    public Duration delay(JsonNode node) {
        JsonNode seconds = node.path("data").path("durationSeconds");
        if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
            throw new IllegalArgumentException("A delay node needs durationSeconds, a whole number of seconds >= 0");
        }
        return Duration.ofSeconds(seconds.asLong());
    }

    /**
     * The execution after a step: FAILED on a failed node that may not continue (naming it), COMPLETED when nothing
     * is left, PENDING when a node is due by {@code now}, else WAITING until the earliest due time — never later than
     * {@code deadline}, so a waiting execution is looked at when its time is up.
     */
    public Standing standing(JsonNode definition, Walk walk, Instant now, Instant deadline) {
        for (NodeResult result : walk.results()) {
            if (result.failed() && !continuesOnError(node(definition, result.nodeId()))) {
                return new Standing(FAILED, null, "Node '" + result.nodeId() + "'" + nameOf(definition, result.nodeId())
                        + " failed: " + result.error());
            }
        }
        List<FrontierEntry> left = walk.frontier().stream().filter(entry -> !walk.ran(entry.nodeId())).toList();
        if (left.isEmpty()) {
            return new Standing(COMPLETED, null, null);
        }
        if (left.stream().anyMatch(entry -> entry.dueBy(now))) {
            return new Standing("PENDING", null, null);
        }
        Instant resumeAt = left.stream().map(FrontierEntry::dueAt).min(Comparator.naturalOrder()).orElseThrow();
        if (deadline != null && resumeAt.isAfter(deadline)) {
            resumeAt = deadline;
        }
        return new Standing("WAITING", resumeAt, null);
    }

    static boolean continuesOnError(JsonNode node) {
        return node.path("data").path("continueOnError").asBoolean(false);
    }

    private static String nameOf(JsonNode definition, String nodeId) {
        return nodes(definition).stream().filter(node -> nodeId.equals(node.path("id").asText()))
                .map(node -> node.path("data").path("name").asText(""))
                .filter(name -> !name.isBlank()).findFirst().map(name -> " (" + name + ")").orElse("");
    }

    /** The branch a result takes: "true"/"false" for a condition's {@code output.result}, null for any other node. */
    private static String branch(NodeResult result) {
        if ("condition".equals(result.type()) && result.output() instanceof java.util.Map<?, ?> output) {
            return String.valueOf(Boolean.TRUE.equals(output.get("result")));
        }
        return null;
    }

    private static List<String> successors(JsonNode definition, String nodeId, String branch) {
        return StreamSupport.stream(definition.path("edges").spliterator(), false)
                .filter(edge -> nodeId.equals(edge.path("source").asText()))
                .filter(edge -> branch == null || branch.equals(edge.path("sourceHandle").asText(null)))
                .map(edge -> edge.path("target").asText())
                .toList();
    }

    private static List<JsonNode> nodes(JsonNode definition) {
        return StreamSupport.stream(definition.path("nodes").spliterator(), false).toList();
    }
}
