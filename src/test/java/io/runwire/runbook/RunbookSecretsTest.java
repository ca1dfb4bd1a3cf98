package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A runbook's bearer token {@value #SECRET} travels to its target and nowhere else: no API response shows it, the
 * database holds it encrypted, the audit log never has it (and SuiteLogHasNoSecretsTest reads the service log).
 */
class RunbookSecretsTest extends RunbookTestSupport {

    static final String SECRET = "s3cr3t-XYZ";

    @Test
    void bearerTokenReachesTheTargetAndNoResponse() {
        target.stubFor(post("/with-token").willReturn(aResponse().withStatus(500)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        List<ApiResponse> responses = new ArrayList<>();

        ApiResponse created = admin.post("/api/runbooks", runbook(teamId, "/with-token", Map.of(
                "webhookAuth", Map.of("type", "bearer", "token", SECRET), "retry", Map.of("initialDelayMs", 10))));
        responses.add(created);
        String runbookId = created.text("/runbook/id");
        responses.add(admin.post("/api/runbooks/" + runbookId + "/approve"));
        responses.add(admin.get("/api/runbooks/" + runbookId));
        responses.add(admin.get("/api/runbooks"));
        responses.add(admin.put("/api/runbooks/" + runbookId, runbook(teamId, "/with-token", Map.of(
                "webhookAuth", Map.of("type", "bearer", "token", "****"), "retry", Map.of("initialDelayMs", 10)))));
        responses.add(admin.get("/api/runbooks/" + runbookId + "/versions"));
        responses.add(admin.post("/api/runbooks/" + runbookId + "/approve"));
        ApiResponse triggered = execute(admin, incidentId, runbookId, null);
        responses.add(triggered);
        String executionId = triggered.text("/execution/id");
        awaitStatus(executionId, "FAILED");
        responses.add(admin.get("/api/runbook-executions/" + executionId));
        responses.add(admin.get("/api/incidents/" + incidentId + "/runbooks/executions"));
        responses.add(admin.get("/api/audit?resourceId=" + runbookId));
        responses.add(admin.get("/api/audit?resourceId=" + executionId));

        target.verify(3, postRequestedFor(urlEqualTo("/with-token")).withHeader("Authorization", equalTo("Bearer " + SECRET)));
        assertThat(responses).allSatisfy(response -> assertThat(response.rawBody()).doesNotContain(SECRET));
        assertThat(created.text("/runbook/webhookAuth/token")).isEqualTo("****");
        assertThat(jdbc.queryForList("SELECT definition_snapshot::text FROM runbook_executions WHERE runbook_id = ?::uuid",
                String.class, runbookId)).isNotEmpty().noneMatch(snapshot -> snapshot.contains(SECRET));
        assertThat(jdbc.queryForList("SELECT definition::text FROM runbook_versions WHERE runbook_id = ?::uuid",
                String.class, runbookId)).isNotEmpty().noneMatch(definition -> definition.contains(SECRET));
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events", String.class))
                .noneMatch(metadata -> metadata.contains(SECRET));
    }
}
