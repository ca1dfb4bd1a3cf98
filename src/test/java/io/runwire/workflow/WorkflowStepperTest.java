package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.workflow.WorkflowStepper.FrontierEntry;
import io.runwire.workflow.WorkflowStepper.NodeResult;
import io.runwire.workflow.WorkflowStepper.Standing;
import io.runwire.workflow.WorkflowStepper.Walk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowStepperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final WorkflowStepper stepper = new WorkflowStepper();

    /** t -> c; c true -> yes -> join; c false -> no -> join; t -> side. */
    private final JsonNode graph = json("""
            {"nodes": [{"id": "t", "type": "trigger"}, {"id": "c", "type": "condition"},
                       {"id": "yes", "type": "action", "data": {"name": "Page"}}, {"id": "no", "type": "action"},
                       {"id": "join", "type": "action"}, {"id": "side", "type": "delay"},
                       {"id": "soft", "type": "action", "data": {"continueOnError": true}}],
             "edges": [{"source": "t", "target": "c"}, {"source": "t", "target": "side"},
                       {"source": "c", "target": "yes", "sourceHandle": "true"},
                       {"source": "c", "target": "no", "sourceHandle": "false"},
                       {"source": "yes", "target": "join"}, {"source": "no", "target": "join"},
                       {"source": "side", "target": "join"}]}""");

    @Test
    void walkStartsAtTheTriggerDueNow() {
        assertThat(stepper.start(graph).frontier()).containsExactly(new FrontierEntry("t", 1, null, null));
    }

    @Test
    void definitionWithoutExactlyOneTriggerCannotStart() {
        assertThatThrownBy(() -> stepper.start(json("{\"nodes\": [{\"id\": \"a\", \"type\": \"action\"}]}")))
                .hasMessage("A workflow needs exactly one trigger node, this one has 0");
    }

    @Test
    void completedNodesSuccessorsJoinTheFrontier() {
        Walk walk = run(stepper.start(graph), "t", "trigger", Map.of());

        assertThat(walk.frontier()).extracting(FrontierEntry::nodeId).containsExactly("c", "side");
        assertThat(walk.results()).extracting(NodeResult::nodeId).containsExactly("t");
    }

    @ParameterizedTest(name = "condition {0} follows only {1}")
    @CsvSource({"true, yes", "false, no"})
    void conditionFollowsOnlyTheEdgesOfItsBranch(boolean holds, String followed) {
        Walk walk = run(run(stepper.start(graph), "t", "trigger", Map.of()), "c", "condition", Map.of("result", holds));

        assertThat(walk.frontier()).extracting(FrontierEntry::nodeId).containsExactly("side", followed);
    }

    @Test
    void nodeReachedAlongTwoPathsRunsOnce() {
        Walk walk = run(stepper.start(graph), "t", "trigger", Map.of());
        walk = run(walk, "c", "condition", Map.of("result", true));
        walk = run(walk, "yes", "action", Map.of());
        walk = run(walk, "join", "action", Map.of());
        walk = run(walk, "side", "delay", Map.of());

        assertThat(walk.frontier()).isEmpty();
        assertThat(walk.results()).extracting(NodeResult::nodeId).containsExactly("t", "c", "yes", "join", "side");
        assertThat(stepper.standing(graph, walk, NOW, null)).isEqualTo(new Standing("COMPLETED", null, null));
    }

    @Test
    void nodeAlreadyInTheResultsIsNeverNextEvenIfItIsInTheFrontier() {
        Walk walk = new Walk(List.of(new FrontierEntry("t", 1, null, null), new FrontierEntry("c", 1, null, null)),
                List.of(result("t", "trigger", "COMPLETED", Map.of())));

        assertThat(stepper.nextDue(walk, NOW)).contains(new FrontierEntry("c", 1, null, null));
    }

    @Test
    void delaysSuccessorsWaitAndTheExecutionIsWaitingUntilTheEarliestDueTimeCappedByTheDeadline() {
        Walk walk = stepper.finished(graph, new Walk(List.of(new FrontierEntry("side", 1, null, null)), List.of()),
                new FrontierEntry("side", 1, null, null), result("side", "delay", "COMPLETED", Map.of()),
                NOW.plusSeconds(60));

        assertThat(stepper.nextDue(walk, NOW)).isEmpty();
        assertThat(stepper.nextDue(walk, NOW.plusSeconds(60))).map(FrontierEntry::nodeId).contains("join");
        assertThat(stepper.standing(graph, walk, NOW, null)).isEqualTo(new Standing("WAITING", NOW.plusSeconds(60), null));
        assertThat(stepper.standing(graph, walk, NOW, NOW.plusSeconds(10)))
                .isEqualTo(new Standing("WAITING", NOW.plusSeconds(10), null));
    }

    @Test
    void somethingDueNowMakesTheExecutionPending() {
        Walk walk = new Walk(List.of(new FrontierEntry("c", 1, NOW.minusSeconds(1), null),
                new FrontierEntry("side", 1, NOW.plusSeconds(5), null)), List.of());

        assertThat(stepper.standing(graph, walk, NOW, null).status()).isEqualTo("PENDING");
        assertThat(stepper.nextDue(walk, NOW)).map(FrontierEntry::nodeId).contains("c");
    }

    @Test
    void failedNodeEndsTheWalkAndNamesItself() {
        Walk walk = new Walk(List.of(new FrontierEntry("yes", 1, null, null), new FrontierEntry("side", 1, null, null)),
                List.of());
        walk = stepper.finished(graph, walk, new FrontierEntry("yes", 1, null, null),
                new NodeResult("yes", "action", "FAILED", null, "boom", NOW, NOW, 1), null);

        assertThat(walk.frontier()).isEmpty();
        assertThat(stepper.standing(graph, walk, NOW, null))
                .isEqualTo(new Standing("FAILED", null, "Node 'yes' (Page) failed: boom"));
    }

    @Test
    void failedNodeThatContinuesOnErrorLetsTheWalkGoOn() {
        JsonNode soft = json("""
                {"nodes": [{"id": "soft", "type": "action", "data": {"continueOnError": true}}, {"id": "next", "type": "action"}],
                 "edges": [{"source": "soft", "target": "next"}]}""");
        Walk walk = stepper.finished(soft, new Walk(List.of(new FrontierEntry("soft", 1, null, null)), List.of()),
                new FrontierEntry("soft", 1, null, null),
                new NodeResult("soft", "action", "FAILED", null, "boom", NOW, NOW, 1), null);

        assertThat(walk.frontier()).extracting(FrontierEntry::nodeId).containsExactly("next");
        assertThat(stepper.standing(soft, walk, NOW, null).status()).isEqualTo("PENDING");
    }

    @Test
    void retryPutsTheNodeBackForItsNextAttempt() {
        Walk walk = new Walk(List.of(new FrontierEntry("yes", 1, null, null)), List.of());

        Walk retried = stepper.retry(walk, walk.frontier().get(0), "503", NOW.plusSeconds(2));

        assertThat(retried.frontier()).containsExactly(new FrontierEntry("yes", 2, NOW.plusSeconds(2), "503"));
        assertThat(retried.results()).isEmpty();
    }

    @ParameterizedTest(name = "attempts {0}: after attempt {1} another: {2}")
    @CsvSource({"'', 1, false", "1, 1, false", "3, 1, true", "3, 2, true", "3, 3, false"})
    void retryConfigDecidesWhetherThereIsAnotherAttempt(String attempts, int attempt, boolean another) {
        JsonNode node = json(attempts.isEmpty() ? "{\"data\": {}}"
                : "{\"data\": {\"retry\": {\"attempts\": " + attempts + "}}}");

        assertThat(stepper.mayRetry(node, attempt)).isEqualTo(another);
    }

    @ParameterizedTest(name = "initialDelayMs {0}, after attempt {1}, Retry-After {2}: wait {3} ms")
    @CsvSource({"'', 1, , 1000", "500, 1, , 500", "500, 2, , 1000", "500, 3, , 2000", "500, 2, 5000, 5000",
            "500, 3, 100, 2000"})
    void backoffIsExponentialFromTheInitialDelayOrTheLongerRetryAfter(String initial, int attempt, Long retryAfter,
                                                                      long waitMs) {
        JsonNode node = json(initial.isEmpty() ? "{\"data\": {\"retry\": {}}}"
                : "{\"data\": {\"retry\": {\"initialDelayMs\": " + initial + "}}}");

        assertThat(stepper.backoff(node, attempt, retryAfter)).isEqualTo(Duration.ofMillis(waitMs));
    }

    @Test
    void delayNeedsWholeSeconds() {
        assertThat(stepper.delay(json("{\"data\": {\"durationSeconds\": 3}}"))).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> stepper.delay(json("{\"data\": {\"durationSeconds\": \"soon\"}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stepper.delay(json("{\"data\": {}}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private Walk run(Walk walk, String nodeId, String type, Map<String, Object> output) {
        FrontierEntry entry = walk.frontier().stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().orElseThrow();
        return stepper.finished(graph, walk, entry, result(nodeId, type, "COMPLETED", output), null);
    }

    private static NodeResult result(String nodeId, String type, String status, Map<String, Object> output) {
        return new NodeResult(nodeId, type, status, output, null, NOW, NOW, 1);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
