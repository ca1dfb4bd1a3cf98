package io.runwire.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.drill.StandInTarget;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.InstancesOnOneDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, per-runbook concurrency across replicas: two Runwire instances on one database, the executions triggered
 * on both in turn, each instance claiming what it can. Only the database decides who may start.
 */
class RunbookConcurrencyAcrossInstancesTest {

    private static final String ADMIN_TOKEN = "concurrency-admin-token";

    @RegisterExtension
    static final InstancesOnOneDatabase INSTANCES = new InstancesOnOneDatabase(2, ADMIN_TOKEN);

    @Test
    void twoInstancesTogetherKeepALimitOfTwoAndAllTenSucceed() throws Exception {
        ApiClient onA = INSTANCES.admin(0);
        ApiClient onB = INSTANCES.admin(1);
        try (StandInTarget slow = StandInTarget.start(2000, 2000, 16)) {
            String teamId = created(onA.post("/api/teams", Map.of("name", "team-" + UUID.randomUUID())), "/team/id");
            String incidentId = created(onB.post("/api/incidents",
                    Map.of("teamId", teamId, "title", "Checkout is down", "priority", "HIGH")), "/incident/id");
            String runbookId = created(onA.post("/api/runbooks", Map.of("teamId", teamId, "name", "hold-2s",
                    "webhookUrl", slow.url("/hold"), "timeoutSeconds", 30,
                    "concurrency", Map.of("limit", 2))), "/runbook/id");
            assertThat(onB.post("/api/runbooks/" + runbookId + "/approve").status()).isEqualTo(200);

            List<String> executions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ApiClient on = i % 2 == 0 ? onA : onB;
                executions.add(created(on.post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/execute",
                        Map.of()), "/execution/id"));
            }

            JdbcTemplate jdbc = INSTANCES.instance(0).getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM runbook_executions WHERE runbook_id = ?::uuid AND completed_at IS NOT NULL",
                    Integer.class, runbookId) == 10);

            for (String execution : executions) {
                assertThat(onA.get("/api/runbook-executions/" + execution).text("/execution/status"))
                        .isEqualTo("SUCCESS");
            }
            assertThat(slow.calls().peak()).as("calls in flight at the target at once").isEqualTo(2);
            assertThat(slow.requests()).isEqualTo(10);
            assertThat(jdbc.queryForList("SELECT DISTINCT claimed_by FROM runbook_executions WHERE runbook_id = ?::uuid",
                    String.class, runbookId)).as("both instances ran some of them").hasSize(2);
        }
    }

    private static String created(ApiResponse response, String idPointer) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return response.text(idPointer);
    }
}
