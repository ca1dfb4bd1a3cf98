package io.runwire.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The service plus a WireMock stand-in on a loopback port as the runbooks' target. */
public abstract class RunbookTestSupport extends ApiTestSupport {

    protected static WireMockServer target;

    @BeforeAll
    static void startTarget() {
        target = silentTarget();
        target.start();
    }

    /** A WireMock on a loopback port, not started; silent: one that printed what it received would log credentials. */
    public static WireMockServer silentTarget() {
        return new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new Notifier() {
            @Override
            public void info(String message) {
            }

            @Override
            public void error(String message) {
            }

            @Override
            public void error(String message, Throwable t) {
            }
        }));
    }

    @AfterAll
    static void stopTarget() {
        target.stop();
    }

    @BeforeEach
    void resetTarget() {
        target.resetAll();
    }

    protected String targetUrl(String path) {
        return "http://127.0.0.1:" + target.port() + path;
    }

    /** A runbook aimed at {@code path} of the stand-in; {@code overrides} replace or add fields. */
    protected Map<String, Object> runbook(String teamId, String path, Map<String, ?> overrides) {
        Map<String, Object> runbook = new LinkedHashMap<>();
        if (teamId != null) {
            runbook.put("teamId", teamId);
        }
        runbook.put("name", unique("restart-service"));
        runbook.put("description", "Restarts the service");
        runbook.put("webhookUrl", targetUrl(path));
        runbook.putAll(overrides);
        return runbook;
    }

    protected String createRunbook(Map<String, Object> runbook) {
        ApiResponse created = admin.post("/api/runbooks", runbook);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/runbook/id");
    }

    protected String createApprovedRunbook(Map<String, Object> runbook) {
        String id = createRunbook(runbook);
        ApiResponse approved = admin.post("/api/runbooks/" + id + "/approve");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return id;
    }

    protected ApiResponse execute(ApiClient client, String incidentId, String runbookId, Map<String, ?> parameters) {
        return client.post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/execute",
                parameters == null ? Map.of() : Map.of("parameters", parameters));
    }

    protected String executeAndGetId(String incidentId, String runbookId, Map<String, ?> parameters) {
        ApiResponse response = execute(admin, incidentId, runbookId, parameters);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("/execution/id");
    }

    /** Waits until the execution reaches one of {@code statuses}; returns it as the API shows it. */
    protected JsonNode awaitStatus(String executionId, String... statuses) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/api/runbook-executions/" + executionId).body().path("execution"),
                        execution -> Arrays.asList(statuses).contains(execution.path("status").asText()));
    }
}
