package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.db.SqlFiles;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A claim's token decides who may record: a runner that lost its lease records nothing over the one that took over,
 * a database blip while recording is retried, and a trigger's execution and audit event commit together or not at all.
 */
class OneClaimOneRunnerTest extends RunbookTestSupport {

    @Test
    void runnerThatLostItsLeaseRecordsNothingOverTheRunnerThatTookOver() {
        target.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/slow", Map.of()));
        String executionId = executeAndGetId(incidentId, runbookId, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> target.findAll(postRequestedFor(urlEqualTo("/slow"))).size() == 1);

        // the lease runs out while the call is in flight (a pause longer than the lease), and the reclaim poller
        // hands the execution back: the same node claims it again, under a new token
        List<Map<String, Object>> reclaimed = expireLeaseAndReclaim(executionId);
        assertThat(reclaimed).extracting(row -> row.get("status")).containsExactly("PENDING");

        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText()).isEqualTo("SUCCESS");
        // the first runner's answer arrives after all this; what it would record must never show up
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(15)).until(() ->
                attemptOutcomes(executionId).equals(List.of("1 RETRY NodeLost", "2 SUCCESS null"))
                        && auditActions(executionId).equals(List.of("runbook.execution.succeeded")));
        assertThat(target.findAll(postRequestedFor(urlEqualTo("/slow")))).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT attempts FROM runbook_executions WHERE id = CAST(? AS uuid)",
                Integer.class, executionId)).isEqualTo(2);
    }

    @Test
    void finishThatFailsOnceOnADatabaseErrorIsRetriedAndTheExecutionEndsFinal() {
        String name = unique("finish-fails-once");
        String sequence = FAULTS + "." + name.replace('-', '_') + "_seq";
        faultsSchema();
        superuser().execute("CREATE SEQUENCE " + sequence);
        fault(name, "UPDATE ON runbook_executions",
                "NEW.status = 'SUCCESS' AND NEW.definition_snapshot ->> 'name' = '" + name + "'",
                "IF nextval('" + sequence + "') = 1 THEN RAISE EXCEPTION 'database blip'; END IF; RETURN NEW;");
        target.stubFor(post("/finish").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/finish", Map.of("name", name)));

        String executionId = executeAndGetId(incidentId, runbookId, null);

        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText()).isEqualTo("SUCCESS");
        assertThat(superuser().queryForObject("SELECT last_value FROM " + sequence, Long.class)).isEqualTo(2);
        assertThat(attemptOutcomes(executionId)).containsExactly("1 SUCCESS null");
        assertThat(auditActions(executionId)).containsExactly("runbook.execution.succeeded");
        assertThat(target.findAll(postRequestedFor(urlEqualTo("/finish")))).hasSize(1);
    }

    @Test
    void triggerWhoseAuditWriteFailsLeavesNoExecutionAndAnswersAnError() {
        String name = unique("audit-fails");
        faultsSchema();
        fault(name, "INSERT ON audit_events",
                "NEW.action = 'runbook.manual_trigger' AND NEW.metadata ->> 'runbookName' = '" + name + "'",
                "RAISE EXCEPTION 'audit store unavailable';");
        target.stubFor(post("/audited").willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/audited", Map.of("name", name)));

        ApiResponse response = execute(admin, incidentId, runbookId, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.error()).as(response.toString()).isEqualTo("Internal error");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = CAST(? AS uuid)",
                Long.class, runbookId)).isZero();
        assertThat(target.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private List<Map<String, Object>> expireLeaseAndReclaim(String executionId) {
        return jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try (var expire = connection.prepareStatement(
                    "UPDATE runbook_executions SET lease_until = now() - interval '1 second' WHERE id = CAST(? AS uuid)")) {
                expire.setString(1, executionId);
                expire.executeUpdate();
            }
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            try (var reclaim = connection.prepareStatement(SqlFiles.load("runbook-execution-reclaim"));
                 ResultSet result = reclaim.executeQuery()) {
                while (result.next()) {
                    if (result.getString("id").equals(executionId)) {
                        rows.add(Map.of("status", result.getString("status")));
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            return rows;
        });
    }

    private List<String> attemptOutcomes(String executionId) {
        return jdbc.queryForList("""
                SELECT number || ' ' || outcome || ' ' || coalesce(error_class, 'null') FROM runbook_execution_attempts
                WHERE execution_id = CAST(? AS uuid) ORDER BY number""", String.class, executionId);
    }
}
