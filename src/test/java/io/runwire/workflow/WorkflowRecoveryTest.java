package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.db.SqlFiles;
import io.runwire.runbook.ExecutionRelease;
import io.runwire.support.WorkflowEngineTestSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A workflow execution is as durable as its row: a wait holds no thread, a node that lost its lease records nothing
 * over the runner that took over, and however often an execution is queued, each step is claimed once.
 */
class WorkflowRecoveryTest extends WorkflowEngineTestSupport {

    @Autowired
    ExecutionRelease executionRelease;

    @Test
    void shuttingDownReleasesTheStepsThisNodeRunsAndNoOtherNodesSoNoneWaitsForItsLease() throws Exception {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String hook = script("at-shutdown", "BLOCK");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");
        String mine = start(workflowId, incidentId);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(hook).size() == 1);
        String theirs = insertExecution(workflowId, incidentId, "0 seconds");
        jdbc.update("""
                UPDATE workflow_executions SET status = 'RUNNING', claimed_by = 'another-node',
                       claim_token = gen_random_uuid(), lease_until = now() + interval '1 hour'
                WHERE id = CAST(? AS uuid)""", theirs);
        try {
            // what the bean does when the context closes, after Camel's grace period
            executionRelease.destroy();

            assertThat(status(mine)).isEqualTo("PENDING");
            assertThat(claimToken(mine)).isNull();
            assertThat(status(theirs)).isEqualTo("RUNNING");
        } finally {
            jdbc.update("UPDATE workflow_executions SET status = 'CANCELLED' WHERE id = CAST(? AS uuid)", theirs);
            release(hook);
        }
        // the step runs again (at least once); the released runner's record is refused
        assertThat(awaitFinal(mine)).isEqualTo("COMPLETED");
        assertThat(ran(mine)).containsExactly("t COMPLETED", "w COMPLETED");
    }

    @Test
    void waitingExecutionHoldsNoThreadAndResumesAfterTheEngineWasDownThroughItsResumeTime() throws Exception {
        String teamId = createTeam();
        String hook = script("resumes");
        String workflowId = insertGraph(teamId, list(trigger(), delay("d", 3), webhook("w", hook, "")),
                list(edge("t", "d"), edge("d", "w")), "5min");
        String executionId = start(workflowId, createIncident(teamId));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(executionId).equals("WAITING"));
        assertThat(camelContext.getInflightRepository().size("workflow-worker")).isZero();

        // the engine is down (no worker, no poller) while the wait runs out
        camelContext.getRouteController().stopRoute("workflow-requeue-due");
        camelContext.getRouteController().stopRoute("workflow-worker");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT resume_at < now() FROM workflow_executions WHERE id = CAST(? AS uuid)", Boolean.class,
                    executionId));
            assertThat(status(executionId)).isEqualTo("WAITING");
        } finally {
            camelContext.getRouteController().startRoute("workflow-worker");
            camelContext.getRouteController().startRoute("workflow-requeue-due");
        }

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "d COMPLETED", "w COMPLETED");
        assertThat(calls(hook)).containsExactly(executionId + " w 1");
    }

    @Test
    void stepWhoseRunnerLostItsLeaseRunsAgainAndOnlyTheNewRunnerRecordsIt() throws Exception {
        String teamId = createTeam();
        String hook = script("slow", "BLOCK");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");
        String executionId = start(workflowId, createIncident(teamId));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(hook).size() == 1);
        String firstToken = claimToken(executionId);

        // the lease runs out while the action is in flight (a pause longer than the lease): the reclaim hands the
        // execution back and a new runner claims the same step under a new token
        assertThat(expireLeaseAndReclaim(executionId)).containsExactly(executionId);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(hook).size() == 2);
        assertThat(claimToken(executionId)).isNotNull().isNotEqualTo(firstToken);

        release(hook);

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                ran(executionId).equals(List.of("t COMPLETED", "w COMPLETED")));
        assertThat(calls(hook)).containsExactly(executionId + " w 1", executionId + " w 1");
    }

    @Test
    void leaseOfAStepInFlightIsRenewedSoNoOtherRunnerTakesItOver() throws Exception {
        String teamId = createTeam();
        String hook = script("long-call", "BLOCK");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", hook, "")), list(edge("t", "w")), "5min");
        String executionId = start(workflowId, createIncident(teamId));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(hook).size() == 1);
        String token = claimToken(executionId);

        // a lease about to run out: this node's renewal (every second here) moves it forward again
        jdbc.update("UPDATE workflow_executions SET lease_until = now() + interval '2 seconds' WHERE id = CAST(? AS uuid)",
                executionId);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT lease_until > now() + interval '10 seconds' FROM workflow_executions WHERE id = CAST(? AS uuid)",
                Boolean.class, executionId));
        assertThat(claimToken(executionId)).isEqualTo(token);
        release(hook);

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(calls(hook)).containsExactly(executionId + " w 1");
    }

    @Test
    void executionQueuedManyTimesAtOnceRunsEachStepOnce() throws Exception {
        String teamId = createTeam();
        String first = script("first");
        String second = script("second");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("a", first, ""), webhook("b", second, "")),
                list(edge("t", "a"), edge("a", "b")), "5min");
        String executionId = insertExecution(workflowId, createIncident(teamId), "0 seconds");

        // every consumer (and the pollers) race for the same row
        for (int i = 0; i < 30; i++) {
            producer.sendBody("direct:workflow-execution-start", executionId);
        }

        assertThat(awaitFinal(executionId)).isEqualTo("COMPLETED");
        assertThat(ran(executionId)).containsExactly("t COMPLETED", "a COMPLETED", "b COMPLETED");
        assertThat(calls(first)).containsExactly(executionId + " a 1");
        assertThat(calls(second)).containsExactly(executionId + " b 1");
        assertThat(jdbc.queryForObject("SELECT attempts FROM workflow_executions WHERE id = CAST(? AS uuid)",
                Integer.class, executionId)).isEqualTo(3);
    }

    private String claimToken(String executionId) {
        return jdbc.queryForObject("SELECT claim_token::text FROM workflow_executions WHERE id = CAST(? AS uuid)",
                String.class, executionId);
    }

    private List<String> expireLeaseAndReclaim(String executionId) {
        return jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try (var expire = connection.prepareStatement(
                    "UPDATE workflow_executions SET lease_until = now() - interval '1 second' WHERE id = CAST(? AS uuid)")) {
                expire.setString(1, executionId);
                expire.executeUpdate();
            }
            List<String> ids = new ArrayList<>();
            try (var reclaim = connection.prepareStatement(SqlFiles.load("workflow-execution-reclaim"));
                 ResultSet result = reclaim.executeQuery()) {
                while (result.next()) {
                    if (result.getString("id").equals(executionId)) {
                        ids.add(result.getString("id"));
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            return ids;
        });
    }
}
