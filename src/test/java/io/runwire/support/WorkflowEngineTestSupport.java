package io.runwire.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;

/**
 * The workflow engine's tests: workflows and their executions written straight into the database (the definitions API
 * is built beside this), started through the engine's entry point. The webhook action is a scripted stand-in here,
 * on an application context of its own so no other test meets it: {@code config.script} names the outcomes of its
 * attempts ("COMPLETED", "RETRY", "RETRY:<retryAfterMs>", "FAILED", "THROW", "BLOCK" until {@link #release}).
 */
@TestPropertySource(properties = "runwire.test.scripted-webhook-action=true")
public abstract class WorkflowEngineTestSupport extends WorkflowTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();

    /** Outcomes by script name, one per attempt (the last one repeats). */
    protected static final Map<String, List<String>> SCRIPTS = new ConcurrentHashMap<>();
    /** Calls by script name: "executionId nodeId attempt". */
    protected static final Map<String, List<String>> CALLS = new ConcurrentHashMap<>();
    /** The template context of each call, by script name. */
    protected static final Map<String, List<Map<String, Object>>> CONTEXTS = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    @BeforeEach
    void scriptTheWebhookAction() throws Exception {
        synchronized (WorkflowEngineTestSupport.class) {
            if (camelContext.getRoute("scripted-action-webhook") != null) {
                return;
            }
            camelContext.getRouteController().stopRoute("action-webhook");
            camelContext.removeRoute("action-webhook");
            camelContext.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:action-webhook").routeId("scripted-action-webhook").routeConfigurationId("background")
                            .process(exchange -> {
                                Map<?, ?> config = exchange.getVariable("actionConfig", Map.class);
                                String script = String.valueOf(config.get("script"));
                                int attempt = exchange.getVariable("actionAttempt", Integer.class);
                                CALLS.computeIfAbsent(script, s -> new CopyOnWriteArrayList<>()).add(
                                        exchange.getVariable("workflowExecutionId") + " "
                                                + exchange.getVariable("workflowNodeId") + " " + attempt);
                                @SuppressWarnings("unchecked")
                                Map<String, Object> context = exchange.getVariable("templateContext", Map.class);
                                CONTEXTS.computeIfAbsent(script, s -> new CopyOnWriteArrayList<>()).add(context);
                                List<String> outcomes = SCRIPTS.getOrDefault(script, List.of("COMPLETED"));
                                String outcome = outcomes.get(Math.min(attempt, outcomes.size()) - 1);
                                if (outcome.equals("THROW")) {
                                    throw new IllegalStateException("scripted action " + script + " threw");
                                }
                                if (outcome.equals("BLOCK")) {
                                    GATES.computeIfAbsent(script, s -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
                                    outcome = "COMPLETED";
                                }
                                String[] parts = outcome.split(":");
                                Map<String, Object> result = new java.util.LinkedHashMap<>();
                                result.put("outcome", parts[0]);
                                if (parts[0].equals("COMPLETED")) {
                                    result.put("output", Map.of("script", script, "attempt", attempt));
                                } else {
                                    result.put("error", "scripted " + parts[0] + " on attempt " + attempt);
                                }
                                if (parts.length > 1) {
                                    result.put("retryAfterMs", Long.parseLong(parts[1]));
                                }
                                exchange.setVariable("actionResult", result);
                            });
                }
            });
        }
    }

    protected static String script(String name, String... outcomes) {
        String script = unique(name);
        SCRIPTS.put(script, outcomes.length == 0 ? List.of("COMPLETED") : Arrays.asList(outcomes));
        return script;
    }

    protected static List<String> calls(String script) {
        return CALLS.getOrDefault(script, List.of());
    }

    protected static void release(String script) {
        GATES.computeIfAbsent(script, s -> new CountDownLatch(1)).countDown();
    }

    /** An enabled workflow of the team with {@code nodes} and {@code edges} (JSON arrays) and a manual trigger. */
    protected String insertGraph(String teamId, String nodes, String edges, String timeout) {
        return insertGraph(teamId, nodes, edges, timeout, "{\"type\": \"manual\"}");
    }

    /** An enabled workflow of the team with {@code nodes}, {@code edges} and {@code trigger} (JSON). */
    protected String insertGraph(String teamId, String nodes, String edges, String timeout, String trigger) {
        String definition = """
                {"nodes": %s, "edges": %s, "trigger": %s, "settings": {"timeout": "%s"}}"""
                .formatted(nodes, edges, trigger, timeout);
        return jdbc.queryForObject("""
                INSERT INTO workflows (team_id, name, definition, enabled) VALUES (CAST(? AS uuid), ?, CAST(? AS jsonb), true)
                RETURNING id""", String.class, teamId, unique("graph"), definition);
    }

    /** A PENDING execution of the workflow for the incident, as the dispatcher writes one, handed to the engine. */
    protected String start(String workflowId, String incidentId) {
        String id = insertExecution(workflowId, incidentId, "0 seconds");
        producer.sendBody("direct:workflow-execution-start", id);
        return id;
    }

    /** A PENDING execution created {@code age} ago (an interval), not queued: the due-time poller finds it. */
    protected String insertExecution(String workflowId, String incidentId, String age) {
        return jdbc.queryForObject("""
                INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, incident_id,
                                                 triggered_by, trigger_event, status, created_at)
                SELECT w.id, w.version, w.definition, i.id, 'event', incident_event_payload('incident_created', i),
                       'PENDING', now() - CAST(? AS interval)
                FROM workflows w, incidents i WHERE w.id = CAST(? AS uuid) AND i.id = CAST(? AS uuid)
                RETURNING id""", String.class, age, workflowId, incidentId);
    }

    protected String status(String executionId) {
        return jdbc.queryForObject("SELECT status FROM workflow_executions WHERE id = CAST(? AS uuid)", String.class,
                executionId);
    }

    protected String awaitFinal(String executionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("COMPLETED", "FAILED", "CANCELLED")
                .contains(status(executionId)));
        return status(executionId);
    }

    protected JsonNode nodeResults(String executionId) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT node_results::text FROM workflow_executions WHERE id = CAST(? AS uuid)", String.class, executionId));
    }

    /** "nodeId STATUS" of each node result, in the order they finished. */
    protected List<String> ran(String executionId) throws Exception {
        List<String> ran = new java.util.ArrayList<>();
        nodeResults(executionId).forEach(result -> ran.add(result.path("nodeId").asText() + " " + result.path("status").asText()));
        return ran;
    }

    protected String error(String executionId) {
        return jdbc.queryForObject("SELECT error FROM workflow_executions WHERE id = CAST(? AS uuid)", String.class,
                executionId);
    }

    protected static String trigger() {
        return "{\"id\": \"t\", \"type\": \"trigger\", \"position\": {\"x\": 0, \"y\": 0}, \"data\": {}}";
    }

    protected static String condition(String id, String field, String operator, String valueJson) {
        return "{\"id\": \"%s\", \"type\": \"condition\", \"data\": {\"field\": \"%s\", \"operator\": \"%s\", \"value\": %s}}"
                .formatted(id, field, operator, valueJson);
    }

    protected static String delay(String id, int seconds) {
        return "{\"id\": \"%s\", \"type\": \"delay\", \"data\": {\"durationSeconds\": %d}}".formatted(id, seconds);
    }

    /** An action node; {@code extra} is more of its data as JSON members (retry, continueOnError), or empty. */
    protected static String action(String id, String actionType, String configJson, String extra) {
        return "{\"id\": \"%s\", \"type\": \"action\", \"data\": {\"actionType\": \"%s\", \"name\": \"%s action\", \"config\": %s%s}}"
                .formatted(id, actionType, id, configJson, extra.isEmpty() ? "" : ", " + extra);
    }

    protected static String webhook(String id, String script, String extra) {
        return action(id, "webhook", "{\"script\": \"" + script + "\"}", extra);
    }

    protected static String edge(String source, String target) {
        return "{\"id\": \"%s-%s\", \"source\": \"%s\", \"target\": \"%s\"}".formatted(source, target, source, target);
    }

    protected static String edge(String source, String target, String handle) {
        return "{\"id\": \"%s-%s\", \"source\": \"%s\", \"target\": \"%s\", \"sourceHandle\": \"%s\"}"
                .formatted(source, target, source, target, handle);
    }

    protected static String list(String... items) {
        return "[" + String.join(", ", items) + "]";
    }
}
