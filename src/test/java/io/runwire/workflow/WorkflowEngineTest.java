package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.support.WorkflowEngineTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine walks the graph one node per claim, follows only the branch a condition takes, and waits as data. */
class WorkflowEngineTest extends WorkflowEngineTestSupport {

    @Test
    void conditionFollowsOnlyTheBranchItTakes() throws Exception {
        String teamId = createTeam();
        String onTrue = script("on-true");
        String onFalse = script("on-false");
        String workflowId = insertGraph(teamId,
                list(trigger(), condition("c", "priority", "equals", "\"CRITICAL\""),
                        webhook("yes", onTrue, ""), webhook("no", onFalse, ""), webhook("after-no", onFalse, "")),
                list(edge("t", "c"), edge("c", "yes", "true"), edge("c", "no", "false"), edge("no", "after-no")),
                "5min");

        String critical = start(workflowId, createIncident(teamId, "db down", "CRITICAL"));
        String low = start(workflowId, createIncident(teamId, "typo", "LOW"));

        assertThat(awaitFinal(critical)).isEqualTo("COMPLETED");
        assertThat(awaitFinal(low)).isEqualTo("COMPLETED");
        assertThat(ran(critical)).containsExactly("t COMPLETED", "c COMPLETED", "yes COMPLETED");
        assertThat(nodeResults(critical).get(1).path("output").path("result").asBoolean()).isTrue();
        assertThat(ran(low)).containsExactly("t COMPLETED", "c COMPLETED", "no COMPLETED", "after-no COMPLETED");
        assertThat(calls(onTrue)).containsExactly(critical + " yes 1");
        assertThat(calls(onFalse)).containsExactly(low + " no 1", low + " after-no 1");
    }

    @Test
    void createdIncidentStartsItsWorkflowThroughTheOutboxAndTheEngineTakesTheBranchOfItsPriority() throws Exception {
        String teamId = createTeam();
        String onTrue = script("event-critical");
        String onFalse = script("event-other");
        String workflowId = insertGraph(teamId,
                list(trigger(), condition("c", "incident.priority", "equals", "\"CRITICAL\""),
                        webhook("page", onTrue, ""), webhook("ticket", onFalse, "")),
                list(edge("t", "c"), edge("c", "page", "true"), edge("c", "ticket", "false")),
                "5min", "{\"type\": \"incident_created\"}");

        String critical = createIncident(teamId, "payments down", "CRITICAL");
        String low = createIncident(teamId, "slow page", "LOW");
        awaitDispatched(critical);
        awaitDispatched(low);

        String criticalRun = executions(workflowId, critical).get(0);
        String lowRun = executions(workflowId, low).get(0);
        assertThat(awaitFinal(criticalRun)).isEqualTo("COMPLETED");
        assertThat(awaitFinal(lowRun)).isEqualTo("COMPLETED");
        assertThat(calls(onTrue)).containsExactly(criticalRun + " page 1");
        assertThat(calls(onFalse)).containsExactly(lowRun + " ticket 1");
        assertThat(nodeResults(criticalRun).get(0).path("output").path("kind").asText()).isEqualTo("incident_created");
    }

    @Test
    void actionGetsTheContractsVariablesAndItsOutputIsTheNodeResult() throws Exception {
        String teamId = createTeam();
        String hook = script("context");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");
        String incidentId = createIncident(teamId, "checkout slow", "HIGH");

        String executionId = start(workflowId, incidentId);

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        var context = CONTEXTS.get(hook).get(0);
        assertThat(context).containsKeys("incident", "team", "trigger", "workflow");
        assertThat(((java.util.Map<?, ?>) context.get("incident")).get("title")).isEqualTo("checkout slow");
        assertThat(((java.util.Map<?, ?>) context.get("workflow")).get("executionId")).isEqualTo(executionId);
        var result = nodeResults(executionId).get(1);
        assertThat(result.path("output").path("script").asText()).isEqualTo(hook);
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(result.has("startedAt") && result.has("completedAt")).isTrue();
    }

    @Test
    void delayMakesTheExecutionWaitingUntilItsResumeTimeThenCompletes() throws Exception {
        String teamId = createTeam();
        String hook = script("after-delay");
        String workflowId = insertGraph(teamId, list(trigger(), delay("d", 3), webhook("w", hook, "")),
                list(edge("t", "d"), edge("d", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(executionId).equals("WAITING"));
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "d COMPLETED");
        assertThat(jdbc.queryForObject("""
                SELECT resume_at > now() + interval '1 second' FROM workflow_executions WHERE id = CAST(? AS uuid)""",
                Boolean.class, executionId)).isTrue();
        assertThat(calls(hook)).isEmpty();

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "d COMPLETED", "w COMPLETED");
        assertThat(calls(hook)).hasSize(1);
    }

    @Test
    void executionPastItsTimeoutEndsCancelled() throws Exception {
        String teamId = createTeam();
        String hook = script("too-late");
        // the 1min timeout is 58 s spent: the 30 s delay's resume time is capped by the deadline, 2 s ahead
        String workflowId = insertGraph(teamId, list(trigger(), delay("d", 30), webhook("w", hook, "")),
                list(edge("t", "d"), edge("d", "w")), "1min");

        String executionId = insertExecution(workflowId, createIncident(teamId), "58 seconds");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(executionId).equals("WAITING"));
        assertThat(awaitFinal(executionId)).isEqualTo("CANCELLED");
        assertThat(error(executionId)).isEqualTo("Timed out after 1min");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "d COMPLETED");
        assertThat(calls(hook)).isEmpty();
    }

    @Test
    void unknownActionTypeFailsTheNodeAndTheExecution() throws Exception {
        String teamId = createTeam();
        String workflowId = insertGraph(teamId, list(trigger(), action("x", "pagerduty", "{}", "")),
                list(edge("t", "x")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        assertThat(awaitFinal(executionId)).isEqualTo("FAILED");
        assertThat(nodeResults(executionId).get(1).path("error").asText()).isEqualTo("Unknown actionType 'pagerduty'");
        assertThat(error(executionId)).isEqualTo("Node 'x' (x action) failed: Unknown actionType 'pagerduty'");
        assertThat(auditActions(executionId)).containsExactly("workflow.execution.failed");
    }

    @Test
    void jiraAndLinearFailUntilTheyAreConfiguredAndContinueOnErrorWalksOn() throws Exception {
        String teamId = createTeam();
        String hook = script("after-errors");
        String workflowId = insertGraph(teamId,
                list(trigger(), action("j", "jira", "{}", "\"continueOnError\": true"),
                        action("l", "linear", "{}", "\"continueOnError\": true"), webhook("w", hook, "")),
                list(edge("t", "j"), edge("j", "l"), edge("l", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "j FAILED", "l FAILED", "w COMPLETED");
        assertThat(nodeResults(executionId).get(1).path("error").asText()).isEqualTo("Jira is not configured");
        assertThat(nodeResults(executionId).get(2).path("error").asText()).isEqualTo("Linear is not configured");
        assertThat(calls(hook)).hasSize(1);
    }

    @Test
    void failedNodeWithoutContinueOnErrorStopsTheWalk() throws Exception {
        String teamId = createTeam();
        String hook = script("never");
        String workflowId = insertGraph(teamId, list(trigger(), action("j", "jira", "{}", ""), webhook("w", hook, "")),
                list(edge("t", "j"), edge("j", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        assertThat(awaitFinal(executionId)).isEqualTo("FAILED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "j FAILED");
        assertThat(error(executionId)).isEqualTo("Node 'j' (j action) failed: Jira is not configured");
        assertThat(calls(hook)).isEmpty();
    }

    @Test
    void retryableFailureIsRetriedWithBackoffAsWaitingThenFailsAfterItsAttempts() throws Exception {
        String teamId = createTeam();
        String hook = script("flaky", "RETRY", "RETRY:1500", "RETRY");
        String workflowId = insertGraph(teamId, list(trigger(),
                        webhook("w", hook, "\"retry\": {\"attempts\": 3, \"backoff\": \"exponential\", \"initialDelayMs\": 500}")),
                list(edge("t", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        await().atMost(Duration.ofSeconds(10)).until(() -> calls(hook).size() >= 1 && status(executionId).equals("WAITING"));
        assertThat(awaitFinal(executionId)).isEqualTo("FAILED");
        assertThat(calls(hook)).containsExactly(executionId + " w 1", executionId + " w 2", executionId + " w 3");
        var result = nodeResults(executionId).get(1);
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("attempts").asInt()).isEqualTo(3);
        assertThat(result.path("error").asText()).isEqualTo("scripted RETRY on attempt 3");
    }

    @Test
    void retryThatSucceedsCompletesTheNodeOnce() throws Exception {
        String teamId = createTeam();
        String hook = script("recovers", "RETRY", "COMPLETED");
        String workflowId = insertGraph(teamId, list(trigger(),
                        webhook("w", hook, "\"retry\": {\"attempts\": 3, \"initialDelayMs\": 200}")),
                list(edge("t", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "w COMPLETED");
        assertThat(nodeResults(executionId).get(1).path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void actionThatThrowsFailsTheNodeWithTheExceptionsMessage() throws Exception {
        String teamId = createTeam();
        String hook = script("throws", "THROW");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");

        String executionId = start(workflowId, createIncident(teamId));

        assertThat(awaitFinal(executionId)).isEqualTo("FAILED");
        assertThat(nodeResults(executionId).get(1).path("error").asText()).isEqualTo("scripted action " + hook + " threw");
    }

    @Test
    void pendingExecutionNoQueueHoldsIsFoundByThePoller() throws Exception {
        String teamId = createTeam();
        String workflowId = insertGraph(teamId, list(trigger()), list(), "5min");

        String executionId = insertExecution(workflowId, createIncident(teamId), "0 seconds");

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).isEqualTo(List.of("t COMPLETED"));
    }
}
