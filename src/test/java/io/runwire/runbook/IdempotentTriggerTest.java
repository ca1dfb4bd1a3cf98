package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A trigger sent again with the same Idempotency-Key runs once and gets its first answer back. */
class IdempotentTriggerTest extends RunbookTestSupport {

    private String incidentId;
    private String runbookId;

    @BeforeEach
    void approvedRunbook() {
        target.stubFor(post("/once").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        incidentId = createIncident(teamId);
        runbookId = createApprovedRunbook(runbook(teamId, "/once", Map.of("parameters", Map.of("type", "object",
                "properties", Map.of("replicas", Map.of("type", "integer"))))));
    }

    @Test
    void sameKeyTwiceCreatesOneExecutionAndReplaysTheFirstAnswer() {
        ApiClient client = admin.withHeader("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");

        ApiResponse first = execute(client, incidentId, runbookId, Map.of("replicas", 3));
        ApiResponse second = execute(client, incidentId, runbookId, Map.of("replicas", 3));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422AndCreatesNothingMore() {
        ApiClient client = admin.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        assertThat(execute(client, incidentId, runbookId, Map.of("replicas", 3)).status()).isEqualTo(201);

        ApiResponse other = execute(client, incidentId, runbookId, Map.of("replicas", 4));

        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.error()).isEqualTo("This Idempotency-Key was already used for a different request");
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesFromSixteenThreadsCreateExactlyOneExecution() throws Exception {
        ApiClient client = admin.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                return execute(client, incidentId, runbookId, Map.of("replicas", 3));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiResponse> answer : answers) {
            statuses.add(answer.get(30, TimeUnit.SECONDS).status());
        }
        threads.shutdown();

        assertThat(executions()).isEqualTo(1);
        assertThat(statuses).isSubsetOf(201, 409).contains(201);
    }

    @Test
    void keyFromAnotherCallerIsAnotherKey() {
        String key = UUID.randomUUID().toString();
        TestUser responder = createMember(teamOf(incidentId), "RESPONDER");

        ApiResponse mine = execute(admin.withHeader("Idempotency-Key", key), incidentId, runbookId, Map.of());
        ApiResponse theirs = execute(responder.api().withHeader("Idempotency-Key", key), incidentId, runbookId, Map.of());

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.text("/execution/id")).isNotEqualTo(mine.text("/execution/id"));
        assertThat(executions()).isEqualTo(2);
    }

    @Test
    void refusedTriggerLeavesTheKeyFreeForTheNextTry() {
        ApiClient client = admin.withHeader("Idempotency-Key", UUID.randomUUID().toString());

        ApiResponse refused = execute(client, incidentId, runbookId, Map.of("replicas", "three"));
        ApiResponse fixed = execute(client, incidentId, runbookId, Map.of("replicas", 3));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void keyThatIsNotPrintableAsciiIsRefused() {
        ApiResponse response = execute(admin.withHeader("Idempotency-Key", "x".repeat(300)), incidentId, runbookId, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid Idempotency-Key header");
        assertThat(executions()).isZero();
    }

    @Test
    void withoutTheHeaderEveryTriggerRuns() {
        execute(admin, incidentId, runbookId, Map.of());
        execute(admin, incidentId, runbookId, Map.of());

        assertThat(executions()).isEqualTo(2);
    }

    private long executions() {
        return jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = CAST(? AS uuid)",
                Long.class, runbookId);
    }

    private String teamOf(String incident) {
        return admin.get("/api/incidents/" + incident).text("/incident/teamId");
    }
}
