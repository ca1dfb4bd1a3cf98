package io.runwire.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The few calls of Runwire's API the drill makes, over plain HTTP with the bootstrap admin's key. */
public final class DrillApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String token;

    public DrillApi(String token) {
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** What the triggers need: an incident of a fresh team and an approved runbook aimed at the stand-in target. */
    public record Setup(UUID teamId, UUID incidentId, UUID runbookId) {
    }

    public record Answer(int status, JsonNode body) {
    }

    public Setup prepare(String baseUrl, String drillName, String targetUrl) throws IOException {
        return prepare(baseUrl, drillName, targetUrl, 10);
    }

    /** The same, with the runbook's call timeout: a target that holds a call longer than 10 s needs more. */
    public Setup prepare(String baseUrl, String drillName, String targetUrl, int timeoutSeconds) throws IOException {
        String suffix = drillName + "-" + UUID.randomUUID().toString().substring(0, 8);
        String teamId = created(post(baseUrl, "/api/teams", Map.of("name", "drill-" + suffix)), "/team/id");
        String incidentId = created(post(baseUrl, "/api/incidents", Map.of(
                "teamId", teamId, "title", "Reliability drill " + suffix, "priority", "HIGH")), "/incident/id");
        String runbookId = created(post(baseUrl, "/api/runbooks", Map.of(
                "teamId", teamId, "name", "drill-" + suffix, "webhookUrl", targetUrl,
                "timeoutSeconds", timeoutSeconds)), "/runbook/id");
        Answer approved = post(baseUrl, "/api/runbooks/" + runbookId + "/approve", null);
        if (approved.status() != 200) {
            throw new IllegalStateException("approving the drill's runbook answered " + approved);
        }
        return new Setup(UUID.fromString(teamId), UUID.fromString(incidentId), UUID.fromString(runbookId));
    }

    /** One manual trigger; an IOException when the service is not there to answer. */
    public Answer execute(String baseUrl, Setup setup) throws IOException {
        return post(baseUrl, "/api/incidents/" + setup.incidentId() + "/runbooks/" + setup.runbookId() + "/execute",
                Map.of());
    }

    /** One manual trigger with an {@code Idempotency-Key}. */
    public Answer execute(String baseUrl, Setup setup, String idempotencyKey) throws IOException {
        HttpRequest request = request(baseUrl, "/api/incidents/" + setup.incidentId() + "/runbooks/"
                + setup.runbookId() + "/execute")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "\"" + idempotencyKey + "\"")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return send(request);
    }

    /** The incident's executions as the API lists them. */
    public JsonNode executions(String baseUrl, Setup setup) throws IOException {
        return get(baseUrl, "/api/incidents/" + setup.incidentId() + "/runbooks/executions").body().path("executions");
    }

    /** GET /api/runbook-executions/{id}: the execution with its {@code attemptHistory}. */
    public Answer execution(String baseUrl, String executionId) throws IOException {
        return get(baseUrl, "/api/runbook-executions/" + executionId);
    }

    /**
     * A manual workflow of the setup's team: trigger → webhook "first" → delay of {@code delaySeconds} → webhook
     * "second", both calls to {@code targetUrl}; returns its id.
     */
    public String manualWorkflow(String baseUrl, Setup setup, String targetUrl, int delaySeconds) throws IOException {
        Map<String, Object> call = Map.of("url", targetUrl, "method", "POST",
                "body", "{\"incident\": $fn.json($incident.title)}");
        Map<String, Object> definition = Map.of(
                "nodes", java.util.List.of(
                        Map.of("id", "trigger", "type", "trigger", "data", Map.of()),
                        Map.of("id", "first", "type", "action",
                                "data", Map.of("actionType", "webhook", "name", "first", "config", call)),
                        Map.of("id", "wait", "type", "delay", "data", Map.of("durationSeconds", delaySeconds)),
                        Map.of("id", "second", "type", "action",
                                "data", Map.of("actionType", "webhook", "name", "second", "config", call))),
                "edges", java.util.List.of(
                        Map.of("id", "e1", "source", "trigger", "target", "first"),
                        Map.of("id", "e2", "source", "first", "target", "wait"),
                        Map.of("id", "e3", "source", "wait", "target", "second")),
                "trigger", Map.of("type", "manual"),
                "settings", Map.of("timeout", "15min"));
        return created(post(baseUrl, "/api/workflows", Map.of("name", "drill-" + UUID.randomUUID(),
                "teamId", setup.teamId().toString(), "enabled", true, "definition", definition)), "/workflow/id");
    }

    /** An age workflow of the setup's team: once an incident is {@code minutes} old, one webhook call to {@code targetUrl}. */
    public String ageWorkflow(String baseUrl, Setup setup, String targetUrl, int minutes) throws IOException {
        Map<String, Object> call = Map.of("url", targetUrl, "method", "POST", "body", "{\"incident\": \"$incident.id\"}");
        Map<String, Object> definition = Map.of(
                "nodes", java.util.List.of(
                        Map.of("id", "trigger", "type", "trigger", "data", Map.of()),
                        Map.of("id", "page", "type", "action",
                                "data", Map.of("actionType", "webhook", "name", "page", "config", call))),
                "edges", java.util.List.of(Map.of("id", "e1", "source", "trigger", "target", "page")),
                "trigger", Map.of("type", "age", "ageThresholdMinutes", minutes),
                "settings", Map.of("timeout", "5min"));
        return created(post(baseUrl, "/api/workflows", Map.of("name", "drill-age-" + UUID.randomUUID(),
                "teamId", setup.teamId().toString(), "enabled", true, "definition", definition)), "/workflow/id");
    }

    /** One more OPEN incident of the setup's team; returns its id. */
    public String incident(String baseUrl, Setup setup, String title) throws IOException {
        return created(post(baseUrl, "/api/incidents", Map.of("teamId", setup.teamId().toString(), "title", title,
                "priority", "LOW")), "/incident/id");
    }

    /** POST /api/workflows/{id}/execute for the setup's incident; an IOException when the service is not there. */
    public Answer executeWorkflow(String baseUrl, String workflowId, Setup setup) throws IOException {
        return post(baseUrl, "/api/workflows/" + workflowId + "/execute", Map.of("incidentId", setup.incidentId().toString()));
    }

    private static String created(Answer answer, String idPointer) {
        if (answer.status() != 201) {
            throw new IllegalStateException("expected 201, got " + answer);
        }
        return answer.body().at(idPointer).asText();
    }

    private Answer post(String baseUrl, String path, Object body) throws IOException {
        HttpRequest.Builder request = request(baseUrl, path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return send(request.build());
    }

    private Answer get(String baseUrl, String path) throws IOException {
        return send(request(baseUrl, path).GET().build());
    }

    private HttpRequest.Builder request(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.nullNode() : readOrText(text);
            return new Answer(response.statusCode(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode readOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
