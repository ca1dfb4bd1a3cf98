package io.runwire.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.runwire.runbook.RunbookAttempts;
import io.runwire.support.ApiResponse;
import io.runwire.support.RecordedSpans;
import io.runwire.support.RunbookTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.TraceProcessorsInterceptStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A trigger is one trace: the API request's span, the queue hop and the worker's span for each attempt (the second
 * one queued by the due-time poller from the stored execution), and each attempt's call, whose span the target
 * receives as its W3C traceparent.
 */
class ExecutionTraceTest extends RunbookTestSupport {

    private static final AttributeKey<String> EXECUTION_ID = AttributeKey.stringKey("runwire.execution.id");
    private static final AttributeKey<String> ATTEMPT = AttributeKey.stringKey("runwire.attempt");

    @Autowired
    RecordedSpans spans;

    @Autowired
    CamelContext camelContext;

    private final ListAppender<ILoggingEvent> attemptLog = new ListAppender<>();

    @BeforeEach
    void record() {
        spans.start();
        attemptLog.start();
        ((Logger) LoggerFactory.getLogger(RunbookAttempts.class)).addAppender(attemptLog);
    }

    @AfterEach
    void stopRecording() {
        ((Logger) LoggerFactory.getLogger(RunbookAttempts.class)).detachAppender(attemptLog);
        spans.stop();
    }

    @Test
    void triggerIsOneTraceFromTheApiRequestThroughEachWorkerToEachAttemptWhichTheTargetCanJoin() {
        target.stubFor(post(urlPathEqualTo("/traced")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        target.stubFor(post(urlPathEqualTo("/traced")).inScenario("t").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        Map<String, Object> definition = runbook(teamId, "/traced",
                Map.of("retry", Map.of("attempts", 2, "initialDelayMs", 50)));
        definition.put("webhookUrl", definition.get("webhookUrl") + "?token=s3cret");
        String runbookId = createApprovedRunbook(definition);

        String executionId = executeAndGetId(incidentId, runbookId, null);
        assertThat(awaitStatus(executionId, "SUCCESS", "FAILED", "TIMED_OUT").path("status").asText())
                .isEqualTo("SUCCESS");

        List<LoggedRequest> calls = target.findAll(postRequestedFor(urlPathEqualTo("/traced")));
        assertThat(calls).hasSize(2);
        List<TraceParent> received = calls.stream().map(call -> TraceParent.parse(call.getHeader("traceparent")))
                .toList();
        String traceId = received.get(0).traceId();
        assertThat(received).extracting(TraceParent::traceId).as("both attempts in one trace").containsOnly(traceId);
        assertThat(received).extracting(TraceParent::sampled).containsOnly(true);

        // the last span (the worker's) ends after the target answered: wait for the trace to be complete
        Map<String, SpanData> trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.ofTrace(traceId).stream().collect(Collectors.toMap(SpanData::getSpanId,
                        Function.identity())), all -> all.values().stream().filter(this::isWorker).count() == 2);

        SpanData api = only(trace, span -> span.getName().equals("/api/incidents/{id}/runbooks/{runbookId}/execute"));
        assertThat(api.getParentSpanContext().isValid()).as("the API request starts the trace").isFalse();
        assertThat(api.getAttributes().get(AttributeKey.stringKey("http.method"))).isEqualTo("POST");

        List<SpanData> workers = trace.values().stream().filter(this::isWorker).toList();
        assertThat(workers).allSatisfy(worker -> {
            assertThat(worker.getAttributes().get(EXECUTION_ID)).isEqualTo(executionId);
            assertThat(worker.getAttributes().get(AttributeKey.stringKey("runwire.runbook.id"))).isEqualTo(runbookId);
            assertThat(worker.getAttributes().get(AttributeKey.stringKey("runwire.incident.id"))).isEqualTo(incidentId);
            assertThat(ancestors(trace, worker)).as("the worker's span descends from the API request's")
                    .contains(api.getSpanId());
        });
        assertThat(workers).extracting(worker -> worker.getAttributes().get(AttributeKey.longKey("runwire.attempt")))
                .containsExactlyInAnyOrder(1L, 2L);

        // one span per attempt: the one each call carried as its parent, a child of that attempt's worker span
        List<SpanData> attempts = received.stream().map(call -> trace.get(call.parentId())).toList();
        assertThat(attempts).doesNotContainNull();
        assertThat(attempts).extracting(SpanData::getName).containsOnly("POST");
        assertThat(attempts).extracting(attempt -> attempt.getAttributes().get(ATTEMPT)).containsExactly("1", "2");
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.getAttributes().get(EXECUTION_ID)).isEqualTo(executionId);
            assertThat(trace.get(attempt.getParentSpanId())).isIn(workers);
        });
        assertThat(attempts.get(0).getAttributes().get(AttributeKey.stringKey("http.status_code"))).isEqualTo("503");
        assertThat(attempts.get(0).getAttributes().get(AttributeKey.stringKey("http.url")))
                .as("a token in the target's query does not leave for the collector").isEqualTo(targetUrl("/traced"));

        // the log line about the retry names the execution and the trace
        ILoggingEvent retry = attemptLog.list.stream()
                .filter(event -> event.getFormattedMessage().contains(executionId)).findFirst().orElseThrow();
        assertThat(retry.getMDCPropertyMap()).containsEntry(WorkerContext.EXECUTION_ID, executionId)
                .containsEntry(WorkerContext.TRACE_ID, traceId);
    }

    @Test
    void callersTraceparentMakesTheTriggerPartOfTheCallersTrace() {
        target.stubFor(post(urlPathEqualTo("/joined")).willReturn(aResponse().withStatus(204)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/joined", Map.of()));
        String callersTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

        ApiResponse response = admin.withHeader("traceparent", "00-" + callersTrace + "-00f067aa0ba902b7-01")
                .post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/execute", Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.headers().firstValue("traceparent")).as("no trace header in the answer").isEmpty();
        assertThat(awaitStatus(response.text("/execution/id"), "SUCCESS", "FAILED").path("status").asText())
                .isEqualTo("SUCCESS");

        TraceParent received = TraceParent.parse(target.findAll(postRequestedFor(urlPathEqualTo("/joined")))
                .get(0).getHeader("traceparent"));
        assertThat(received.traceId()).isEqualTo(callersTrace);
        assertThat(received.parentId()).as("Runwire's own span, not the caller's").isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void workflowStartedThroughTheApiIsOneTraceThroughItsStepsToItsWebhookAndRunbookCalls() {
        target.stubFor(post(urlPathEqualTo("/wf-notify")).willReturn(aResponse().withStatus(204)));
        target.stubFor(post(urlPathEqualTo("/wf-restart")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/wf-restart", Map.of()));
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "manual"),
                "nodes", List.of(Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "notify", "type", "action", "data", Map.of("actionType", "webhook",
                                "name", "Notify", "config", Map.of("url", targetUrl("/wf-notify"), "body", "{}"))),
                        Map.of("id", "restart", "type", "action", "data", Map.of("actionType", "runbook",
                                "name", "Restart", "config", Map.of("runbookId", runbookId)))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "notify"),
                        Map.of("id", "e2", "source", "notify", "target", "restart")));
        ApiResponse workflow = admin.post("/api/workflows",
                Map.of("name", unique("traced"), "teamId", teamId, "enabled", true, "definition", definition));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);

        ApiResponse started = admin.post("/api/workflows/" + workflow.text("/workflow/id") + "/execute",
                Map.of("incidentId", incidentId));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String workflowExecutionId = started.text("/execution/id");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> target.findAll(postRequestedFor(urlPathEqualTo("/wf-restart"))).size() == 1);

        TraceParent notified = TraceParent.parse(target.findAll(postRequestedFor(urlPathEqualTo("/wf-notify")))
                .get(0).getHeader("traceparent"));
        TraceParent restarted = TraceParent.parse(target.findAll(postRequestedFor(urlPathEqualTo("/wf-restart")))
                .get(0).getHeader("traceparent"));
        assertThat(restarted.traceId()).as("the runbook the workflow ran, in the workflow's trace")
                .isEqualTo(notified.traceId());
        Map<String, SpanData> trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.ofTrace(notified.traceId()).stream().collect(Collectors.toMap(SpanData::getSpanId,
                        Function.identity())), all -> all.containsKey(notified.parentId())
                        && all.containsKey(restarted.parentId()));

        SpanData api = only(trace, span -> span.getName().equals("/api/workflows/{id}/execute"));
        SpanData webhookCall = trace.get(notified.parentId());
        assertThat(webhookCall.getAttributes().get(AttributeKey.stringKey("runwire.workflow.execution.id")))
                .isEqualTo(workflowExecutionId);
        assertThat(webhookCall.getAttributes().get(AttributeKey.stringKey("runwire.workflow.node.id")))
                .isEqualTo("notify");
        SpanData step = trace.get(webhookCall.getParentSpanId());
        assertThat(step.getName()).isEqualTo("workflow-executions");
        assertThat(step.getAttributes().get(AttributeKey.stringKey("runwire.workflow.execution.id")))
                .isEqualTo(workflowExecutionId);
        assertThat(ancestors(trace, webhookCall)).contains(api.getSpanId());
        assertThat(ancestors(trace, trace.get(restarted.parentId()))).contains(api.getSpanId());
    }

    @Test
    void noProcessorOfAnyRouteIsWrappedForTracing() {
        assertThat(camelContext.getCamelContextExtension().getInterceptStrategies())
                .noneMatch(TraceProcessorsInterceptStrategy.class::isInstance);
        assertThat(camelContext.hasService(CallPathTracer.class)).isNotNull();
    }

    @Test
    void definitionMayNotSetTheTraceHeaders() {
        String teamId = createTeam();
        for (String name : List.of("traceparent", "Tracestate")) {
            ApiResponse created = admin.post("/api/runbooks",
                    runbook(teamId, "/x", Map.of("webhookHeaders", Map.of(name, "00-x-y-01"))));
            assertThat(created.status()).as(created.toString()).isEqualTo(400);
            assertThat(created.toString()).contains(name).contains("is set by Runwire");
        }
    }

    private boolean isWorker(SpanData span) {
        return span.getName().equals("runbook-executions") && span.getAttributes().get(EXECUTION_ID) != null
                && "EVENT_RECEIVED".equals(span.getAttributes().get(AttributeKey.stringKey("op")));
    }

    private static SpanData only(Map<String, SpanData> trace, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = trace.values().stream().filter(which).toList();
        assertThat(found).as(trace.values().toString()).hasSize(1);
        return found.get(0);
    }

    private static List<String> ancestors(Map<String, SpanData> trace, SpanData span) {
        List<String> ancestors = new java.util.ArrayList<>();
        Optional<SpanData> parent = Optional.ofNullable(trace.get(span.getParentSpanId()));
        while (parent.isPresent()) {
            ancestors.add(parent.get().getSpanId());
            parent = Optional.ofNullable(trace.get(parent.get().getParentSpanId()));
        }
        return ancestors;
    }

    record TraceParent(String traceId, String parentId, boolean sampled) {
        static TraceParent parse(String header) {
            assertThat(header).as("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            String[] parts = header.split("-");
            return new TraceParent(parts[1], parts[2], parts[3].equals("01"));
        }
    }
}
