package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.RunbookTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database row is the truth: an execution whose queue entry was lost, or whose node died mid-call, still runs —
 * or fails with a clear error once its attempts are spent. The crash itself is simulated the way it looks from the
 * database: the in-memory queue emptied, the row claimed by a node that no longer renews its lease.
 */
class ExecutionRecoveryTest extends RunbookTestSupport {

    @Autowired
    CamelContext camelContext;

    @Test
    void pendingExecutionWhoseQueueEntryWasLostStillRuns() throws Exception {
        target.stubFor(post("/recover").willReturn(aResponse().withStatus(200)));
        String executionId = triggerAndLoseTheQueue("/recover", null);

        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("SUCCESS");
        target.verify(1, postRequestedFor(urlEqualTo("/recover")).withHeader("Idempotency-Key", equalTo(executionId)));
    }

    @Test
    void executionOfADeadNodeIsRetriedWithTheSameIdempotencyKey() throws Exception {
        target.stubFor(post("/takeover").willReturn(aResponse().withStatus(200)));
        String executionId = triggerAndLoseTheQueue("/takeover", DIED_DURING_ATTEMPT.formatted(1));

        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(execution.path("attempts").asInt()).isEqualTo(2);
        target.verify(1, postRequestedFor(urlEqualTo("/takeover")).withHeader("Idempotency-Key", equalTo(executionId)));
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM runbook_executions WHERE id = ?::uuid", String.class,
                executionId)).isNotEqualTo("dead-node");
    }

    @Test
    void executionOfADeadNodeWithNoAttemptsLeftFailsSayingTheNodeWasLost() throws Exception {
        target.stubFor(post("/spent").willReturn(aResponse().withStatus(200)));
        String executionId = triggerAndLoseTheQueue("/spent", DIED_DURING_ATTEMPT.formatted(3));

        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED");

        assertThat(execution.path("status").asText()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText())
                .isEqualTo("Node dead-node was lost while running this execution; 3 of 3 attempts spent");
        target.verify(0, postRequestedFor(urlEqualTo("/spent")));
        assertThat(auditActions(executionId)).containsExactly("runbook.execution.failed");
    }

    @Test
    void aLongCallKeepsItsLease() {
        target.stubFor(post("/long-call").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, "/long-call", Map.of()));
        String executionId = executeAndGetId(createIncident(teamId), runbookId, null);
        awaitStatus(executionId, "RUNNING");
        Timestamp first = lease(executionId);

        await().atMost(Duration.ofSeconds(3)).until(() -> {
            Timestamp now = lease(executionId);
            return now != null && now.after(first);
        });
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED").path("status").asText()).isEqualTo("SUCCESS");
        assertThat(lease(executionId)).as("a finished execution holds no lease").isNull();
    }

    /** What a node that died during its attempt n leaves behind: the row claimed, its lease run out. */
    private static final String DIED_DURING_ATTEMPT = """
            UPDATE runbook_executions SET status = 'RUNNING', claimed_by = 'dead-node', attempts = %d,
                   started_at = now(), lease_until = now() - interval '1 second', queued_until = NULL
            WHERE id = ?::uuid""";

    /**
     * Triggers with the worker stopped, then loses the in-memory queue and leaves the row as {@code crash} says
     * (null: still PENDING), as a crash of the node would; then lets any node work again.
     */
    private String triggerAndLoseTheQueue(String path, String crash) throws Exception {
        String teamId = createTeam();
        String runbookId = createApprovedRunbook(runbook(teamId, path, Map.of()));
        camelContext.getRouteController().stopRoute("runbook-worker");
        camelContext.getRouteController().stopRoute("runbook-requeue-pending");
        try {
            String executionId = executeAndGetId(createIncident(teamId), runbookId, null);
            camelContext.getEndpoint("seda:runbook-executions", SedaEndpoint.class).getQueue().clear();
            if (crash != null) {
                jdbc.update(crash, executionId);
            }
            return executionId;
        } finally {
            camelContext.getRouteController().startRoute("runbook-requeue-pending");
            camelContext.getRouteController().startRoute("runbook-worker");
        }
    }

    private Timestamp lease(String executionId) {
        return jdbc.queryForObject("SELECT lease_until FROM runbook_executions WHERE id = ?::uuid", Timestamp.class,
                executionId);
    }
}
