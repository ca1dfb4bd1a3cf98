package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.FreshTestLog;
import io.runwire.support.RunbookTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** A writeOnly parameter a template fails on; SuiteLogHasNoSecretsTest looks for it in every log too. */
    static final String TEMPLATE_SECRET = "template-secret-42";

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

    @Test
    void aSecretParameterTheTemplateFailsOnIsNotInTheErrorTheAuditOrTheLog() throws IOException {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/date-of-secret", Map.of(
                "payloadTemplate", "{\"at\": \"$fn.date($params.secret, 'x')\"}",
                "parameters", Map.of("type", "object", "required", List.of("secret"),
                        "properties", Map.of("secret", Map.of("type", "string", "writeOnly", true))))));

        String executionId = executeAndGetId(incidentId, runbookId, Map.of("secret", TEMPLATE_SECRET));
        JsonNode execution = awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.path("error").asText()).isEqualTo("Not sent: the payload template failed at line 1, "
                + "column 13, date(): the text is not an ISO-8601 date or time");
        List<ApiResponse> responses = List.of(admin.get("/api/runbook-executions/" + executionId),
                admin.get("/api/incidents/" + incidentId + "/runbooks/executions"),
                admin.get("/api/audit?resourceId=" + executionId), admin.get("/api/audit?resourceId=" + runbookId),
                admin.get("/api/audit"));
        assertThat(responses).allSatisfy(response -> assertThat(response.rawBody()).doesNotContain(TEMPLATE_SECRET));
        assertThat(responses.get(2).body().path("events").findValuesAsText("action")).contains("runbook.execution.failed");
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events", String.class))
                .noneMatch(metadata -> metadata.contains(TEMPLATE_SECRET));
        assertThat(jdbc.queryForObject("SELECT error FROM runbook_executions WHERE id = ?::uuid", String.class,
                executionId)).doesNotContain(TEMPLATE_SECRET);
        assertThat(Files.readString(FreshTestLog.LOG, StandardCharsets.UTF_8)).doesNotContain(TEMPLATE_SECRET);
        target.verify(0, anyRequestedFor(anyUrl()));
    }
}
