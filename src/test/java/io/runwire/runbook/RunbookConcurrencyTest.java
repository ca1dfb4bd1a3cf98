package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.drill.StandInTarget;
import io.runwire.metrics.PrometheusScrape;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14, per-runbook concurrency: a runbook's {@code concurrency {limit, scope}} holds its executions to that many
 * calls at the target at once — counted by the target itself — while the others wait PENDING, in order, and start
 * as places come free. Across instances: {@link RunbookConcurrencyAcrossInstancesTest}.
 */
class RunbookConcurrencyTest extends RunbookTestSupport {

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aLimitOfTwoKeepsTenExecutionsToTwoCallsAtTheTargetAndAllTenSucceedInTheirOrder() throws Exception {
        try (StandInTarget slow = StandInTarget.start(2000, 2000, 16)) {
            String teamId = createTeam();
            String incidentId = createIncident(teamId);
            String runbookId = createApprovedRunbook(limited(teamId, slow, Map.of("limit", 2)));

            List<String> executions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                executions.add(executeAndGetId(incidentId, runbookId, null));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.calls().now() == 2);
            assertThat(statusCount(runbookId, "PENDING")).as("the other eight wait as data").isEqualTo(8);
            ApiResponse waiting = admin.get("/api/runbook-executions/" + executions.get(9));
            assertThat(waiting.text("/execution/status")).isEqualTo("PENDING");
            assertThat(waiting.body().at("/execution/concurrency").toString())
                    .isEqualTo("{\"limit\":2,\"scope\":\"global\"}");
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                    .until(() -> waitingForAPlace() >= 4);

            for (String execution : executions) {
                awaitStatus(execution, "SUCCESS", "FAILED", "TIMED_OUT");
            }
            assertThat(statusCount(runbookId, "SUCCESS")).isEqualTo(10);
            assertThat(slow.calls().peak()).as("calls in flight at the target at once").isEqualTo(2);
            assertThat(slow.requests()).as("one call each: a refused claim is no attempt").isEqualTo(10);
            for (int i = 0; i + 2 < executions.size(); i++) {
                assertThat(slow.firstReceivedAt(executions.get(i)))
                        .as("execution %d reached the target before execution %d", i + 1, i + 3)
                        .isLessThan(slow.firstReceivedAt(executions.get(i + 2)));
            }
            assertThat(jdbc.queryForObject("SELECT max(attempts) FROM runbook_executions WHERE runbook_id = ?::uuid",
                    Integer.class, runbookId)).isEqualTo(1);
        }
    }

    @Test
    void scopeIncidentLimitsEachIncidentOnItsOwn() throws Exception {
        try (StandInTarget slow = StandInTarget.start(700, 700, 16)) {
            String teamId = createTeam();
            String first = createIncident(teamId);
            String second = createIncident(teamId);
            String runbookId = createApprovedRunbook(limited(teamId, slow, Map.of("limit", 1, "scope", "incident")));

            List<String> ofFirst = new ArrayList<>();
            List<String> ofSecond = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ofFirst.add(executeAndGetId(first, runbookId, null));
                ofSecond.add(executeAndGetId(second, runbookId, null));
            }
            for (String execution : ofFirst) {
                awaitStatus(execution, "SUCCESS");
            }
            for (String execution : ofSecond) {
                awaitStatus(execution, "SUCCESS");
            }
            assertOneAtATime(slow, ofFirst);
            assertOneAtATime(slow, ofSecond);
            assertThat(slow.calls().peak()).as("the two incidents' calls ran beside each other").isEqualTo(2);
        }
    }

    @Test
    void aWaitingExecutionCanBeCancelledAndTheNextTakesItsPlace() throws Exception {
        try (StandInTarget slow = StandInTarget.start(1500, 1500, 4)) {
            String teamId = createTeam();
            String incidentId = createIncident(teamId);
            String runbookId = createApprovedRunbook(limited(teamId, slow, Map.of("limit", 1)));

            String running = executeAndGetId(incidentId, runbookId, null);
            String waiting = executeAndGetId(incidentId, runbookId, null);
            String last = executeAndGetId(incidentId, runbookId, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.calls().now() == 1);

            ApiResponse cancelled = admin.post("/api/runbook-executions/" + waiting + "/cancel");
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.text("/execution/status")).isEqualTo("CANCELLED");

            awaitStatus(running, "SUCCESS");
            awaitStatus(last, "SUCCESS");
            assertThat(slow.receptions(waiting)).as("the cancelled one was never sent").isZero();
            assertThat(slow.calls().peak()).isEqualTo(1);
        }
    }

    /**
     * The race the tests above cannot force: two claims of one line at the same moment, the last place free. The
     * second waits for the first to commit, then sees it RUNNING and is refused; without the lock both would see room.
     */
    @Test
    void twoClaimsOfOneLineTakeTurnsSoOnlyOneGetsTheLastPlace() throws Exception {
        target.stubFor(post("/done")
                .willReturn(ok()));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String executionId = executeAndGetId(incidentId, createApprovedRunbook(runbook(teamId, "/done", Map.of())), null);
        awaitStatus(executionId, "SUCCESS");
        String line = unique("line");

        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService claims = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = claims.submit(() -> transaction.execute(status -> {
                int claimed = jdbc.update("UPDATE runbook_executions SET status = 'RUNNING', concurrency_key = ?,"
                        + " concurrency_limit = 1 WHERE id = ?::uuid"
                        + " AND runwire_concurrency_admits(id, ?, 1, created_at)", line, executionId, line);
                firstClaimed.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> commitFirst.getCount() == 0);
                return claimed;
            }));
            assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = claims.submit(() -> jdbc.queryForObject(
                    "SELECT runwire_concurrency_admits(gen_random_uuid(), ?, 1, now())", Boolean.class, line));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second claim waits for the first to commit").isFalse();
            commitFirst.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS)).as("the place is taken").isFalse();
        } finally {
            commitFirst.countDown();
            claims.shutdownNow();
            jdbc.update("UPDATE runbook_executions SET status = 'SUCCESS', concurrency_key = NULL, concurrency_limit = NULL"
                    + " WHERE id = ?::uuid", executionId);
        }
    }

    @Test
    void theLimitIsPartOfTheDefinitionAndBadOnesAreRefused() {
        String teamId = createTeam();
        String runbookId = createRunbook(runbook(teamId, "/limited", Map.of("concurrency", Map.of("limit", 3))));
        ApiResponse shown = admin.get("/api/runbooks/" + runbookId);
        assertThat(shown.body().at("/runbook/concurrency").toString()).isEqualTo("{\"limit\":3,\"scope\":\"global\"}");

        for (Object bad : List.of(Map.of("limit", 0), Map.of("scope", "incident"), Map.of("limit", 2, "scope", "team"),
                Map.of("limit", 2, "queue", 5), "2")) {
            ApiResponse refused = admin.post("/api/runbooks", runbook(teamId, "/limited", Map.of("concurrency", bad)));
            assertThat(refused.status()).as("%s: %s", bad, refused).isEqualTo(400);
            assertThat(refused.rawBody()).contains("concurrency");
        }

        Map<String, Object> unlimited = runbook(teamId, "/limited", Map.of());
        unlimited.put("concurrency", null);
        ApiResponse replaced = admin.put("/api/runbooks/" + runbookId, unlimited);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.body().at("/runbook/concurrency").isNull()).isTrue();
        ApiResponse versions = admin.get("/api/runbooks/" + runbookId + "/versions");
        assertThat(versions.rawBody()).contains("\"concurrency\":{\"limit\":3,\"scope\":\"global\"}");
    }

    private Map<String, Object> limited(String teamId, StandInTarget slow, Map<String, Object> concurrency) {
        Map<String, Object> runbook = runbook(teamId, "/", Map.of("concurrency", concurrency, "timeoutSeconds", 30));
        runbook.put("webhookUrl", slow.url("/hold"));
        return runbook;
    }

    private int statusCount(String runbookId, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = ?::uuid AND status = ?",
                Integer.class, runbookId, status);
    }

    /** runwire_executions_waiting{kind="runbook-concurrency"}, as Prometheus scrapes it. */
    private double waitingForAPlace() {
        return PrometheusScrape.parse(admin.get("/actuator/prometheus").rawBody())
                .value("runwire_executions_waiting", "kind", "runbook-concurrency");
    }

    /** No two of {@code executions} were at the target at the same time. */
    private static void assertOneAtATime(StandInTarget target, List<String> executions) {
        for (String one : executions) {
            for (String other : executions) {
                if (!one.equals(other) && target.firstReceivedAt(one) < target.firstReceivedAt(other)) {
                    assertThat(target.firstAnsweredAt(one)).as("%s was answered before %s arrived", one, other)
                            .isLessThanOrEqualTo(target.firstReceivedAt(other));
                }
            }
        }
    }
}
