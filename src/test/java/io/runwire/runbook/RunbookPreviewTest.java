package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Preview returns the exact method, URL, headers and body that the following Execute sends": the preview
 * compared field by field with what the stand-in target received from the Execute that follows it — credentials
 * "****" in the preview and real in the call, the execution's id a placeholder in the preview and the id in the call —
 * while the preview itself sent nothing, created no execution, and left an audit event without secrets.
 */
class RunbookPreviewTest extends RunbookTestSupport {

    private static final String TOKEN = "preview-bearer-7f3a";
    private static final String PASSWORD = "preview-param-secret-91";
    private static final String PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
    /** What the HTTP client adds to every request itself; the preview shows what Runwire puts on it. */
    /** What the HTTP client adds itself, and what only the attempt's moment decides (its trace span, its signature). */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection",
            "accept-encoding", "traceparent", "runwire-signature", "runwire-timestamp");
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("service"),
            "properties", Map.of(
                    "service", Map.of("type", "string"),
                    "replicas", Map.of("type", "integer", "default", 3),
                    "password", Map.of("type", "string", "writeOnly", true)));
    /** Every object of the worker's template context, so a preview built from another context would differ. */
    private static final String TEMPLATE = """
            {"incident": $fn.json($incident), "team": $fn.json($team), "assignee": $fn.json($assignee),
             "workflow": $fn.json($workflow), "runbook": $fn.json($runbook),
             "service": $fn.json($params.service), "replicas": $params.replicas, "execution": $fn.json($execution.id),
             "title": $fn.json($fn.upper($incident.title))}""";

    @Test
    void previewShowsExactlyTheRequestTheFollowingExecuteSendsAndSendsNothing() {
        target.stubFor(put(urlEqualTo("/preview-restart?region=eu")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        TestUser assignee = createMember(teamId, "RESPONDER");
        ApiResponse incident = admin.post("/api/incidents", Map.of("teamId", teamId, "title", "Checkout is down",
                "priority", "CRITICAL", "service", "checkout", "metadata", Map.of("region", "eu", "pods", 12),
                "assignedUserId", assignee.id()));
        assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
        String incidentId = incident.text("/incident/id");
        String runbookId = createApprovedRunbook(runbook(teamId, "/preview-restart?region=eu", Map.of(
                "webhookMethod", "PUT",
                "webhookHeaders", Map.of("X-Team", "payments"),
                "webhookAuth", Map.of("type", "bearer", "token", TOKEN),
                "parameters", SCHEMA,
                "payloadTemplate", TEMPLATE)));
        Map<String, Object> parameters = Map.of("service", "checkout", "password", PASSWORD);

        ApiResponse preview = admin.post(previewPath(incidentId, runbookId), Map.of("parameters", parameters));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(target.getAllServeEvents()).as("the preview sent nothing").isEmpty();
        assertThat(executionCount(runbookId)).as("the preview created no execution").isZero();
        assertThat(preview.rawBody()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        List<String> audit = jdbc.queryForList("""
                SELECT metadata::text FROM audit_events WHERE action = 'runbook.preview' AND resource_id = ?""",
                String.class, runbookId);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains(incidentId).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        JsonNode request = preview.body().at("/preview/request");
        assertThat(preview.text("/preview/executionIdPlaceholder")).isEqualTo(PLACEHOLDER);
        assertThat(request.at("/headers/Authorization").asText()).isEqualTo("Bearer ****");

        String executionId = executeAndGetId(incidentId, runbookId, parameters);
        awaitStatus(executionId, "SUCCESS");

        List<LoggedRequest> received = target.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).hasSize(1);
        LoggedRequest sent = received.get(0);
        assertThat(sent.getMethod().value()).isEqualTo(request.path("method").asText()).isEqualTo("PUT");
        assertThat(sent.getAbsoluteUrl()).isEqualTo(request.path("url").asText())
                .isEqualTo(targetUrl("/preview-restart?region=eu"));
        assertThat(sent.getBodyAsString())
                .isEqualTo(request.path("body").asText().replace(PLACEHOLDER, executionId));
        Map<String, String> sentHeaders = headers(sent);
        Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.path("headers").fields().forEachRemaining(header -> shown.put(header.getKey(), header.getValue().asText()));
        // credentials: masked in the preview, real in the call
        assertThat(shown.get("Authorization")).isEqualTo("Bearer ****");
        assertThat(sentHeaders.get("authorization")).isEqualTo("Bearer " + TOKEN);
        // Runwire's per-execution headers: the placeholder in the preview, the execution's id in the call
        assertThat(shown.get("Idempotency-Key")).isEqualTo(PLACEHOLDER);
        assertThat(shown.get("X-Runwire-Execution-Id")).isEqualTo(PLACEHOLDER);
        assertThat(sentHeaders.get("idempotency-key")).isEqualTo(executionId);
        assertThat(sentHeaders.get("x-runwire-execution-id")).isEqualTo(executionId);
        // every other header the preview shows is sent exactly so
        shown.forEach((name, value) -> {
            if (!Set.of("authorization", "idempotency-key", "x-runwire-execution-id").contains(name.toLowerCase(Locale.ROOT))) {
                assertThat(sentHeaders.get(name.toLowerCase(Locale.ROOT))).as(name).isEqualTo(value);
            }
        });
        assertThat(shown).containsEntry("X-Team", "payments").containsEntry("User-Agent", "Runwire")
                .containsEntry("Content-Type", "application/json; charset=UTF-8");
        // and the call carries nothing the preview did not show but what is decided at send time
        Set<String> shownNames = shown.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(sentHeaders.keySet()).filteredOn(name -> !shownNames.contains(name)).isSubsetOf(TRANSPORT_HEADERS);
        assertThat(executionCount(runbookId)).isEqualTo(1);
    }

    @Test
    void aTemplateSeesWriteOnlyParametersMaskedInAPreview() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/preview-secret", Map.of("parameters", SCHEMA,
                "payloadTemplate", "{\"password\": $fn.json($params.password), \"replicas\": $params.replicas}")));

        ApiResponse preview = admin.post(previewPath(incidentId, runbookId),
                Map.of("parameters", Map.of("service", "checkout", "password", PASSWORD)));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.text("/preview/request/body")).isEqualTo("{\"password\": \"****\", \"replicas\": 3}");
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE resource_id = ?", String.class,
                runbookId)).noneMatch(metadata -> metadata.contains(PASSWORD));
    }

    @Test
    void aDraftPreviewsForItsTeamAdminAndIsRefusedToAResponderAsExecuteRefusesIt() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        TestUser responder = createMember(teamId, "RESPONDER");
        String incidentId = createIncident(teamId);
        String runbookId = createRunbook(runbook(teamId, "/preview-draft", Map.of("payloadTemplate", "{\"draft\": true}")));

        ApiResponse byAdmin = teamAdmin.api().post(previewPath(incidentId, runbookId), Map.of());
        ApiResponse byResponder = responder.api().post(previewPath(incidentId, runbookId), Map.of());
        ApiResponse executed = execute(responder.api(), incidentId, runbookId, null);

        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.text("/preview/runbook/approvalStatus")).isEqualTo("DRAFT");
        assertThat(byAdmin.text("/preview/request/body")).isEqualTo("{\"draft\": true}");
        assertThat(byResponder.status()).as(byResponder.toString()).isEqualTo(400).isEqualTo(executed.status());
        assertThat(byResponder.body()).isEqualTo(executed.body());
        assertThat(byResponder.error()).isEqualTo("Runbook is DRAFT, only APPROVED runbooks can be executed");
        assertThat(target.getAllServeEvents()).isEmpty();
        assertThat(executionCount(runbookId)).isZero();
    }

    @Test
    void invalidParametersGetTheSame400AsExecute() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/preview-invalid", Map.of("parameters", SCHEMA)));
        Map<String, Object> parameters = Map.of("replicas", "many", "colour", "blue");

        ApiResponse preview = admin.post(previewPath(incidentId, runbookId), Map.of("parameters", parameters));
        ApiResponse executed = execute(admin, incidentId, runbookId, parameters);

        assertThat(preview.status()).as(preview.toString()).isEqualTo(400);
        assertThat(preview.error()).isEqualTo("Invalid parameters");
        assertThat(preview.body()).isEqualTo(executed.body());
        assertThat(executionCount(runbookId)).isZero();
    }

    private static String previewPath(String incidentId, String runbookId) {
        return "/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/preview";
    }

    private long executionCount(String runbookId) {
        return jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE runbook_id = CAST(? AS uuid)",
                Long.class, runbookId);
    }

    private static Map<String, String> headers(LoggedRequest request) {
        Map<String, String> headers = new TreeMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
        }
        return headers;
    }
}
