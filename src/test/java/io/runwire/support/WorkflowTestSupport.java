package io.runwire.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Workflows written straight into the database (their API is built beside this), incident events, and the
 * dispatcher: awaited until it has dispatched what a test raised, or held still while a test dispatches by hand.
 */
public abstract class WorkflowTestSupport extends ApiTestSupport {

    @Autowired
    protected CamelContext camelContext;

    @Autowired
    protected ProducerTemplate producer;

    /** An enabled or disabled workflow of {@code teamId} (null: global) whose definition has {@code trigger}. */
    protected String insertWorkflow(String teamId, boolean enabled, String trigger) {
        String definition = """
                {"nodes": [{"id": "t", "type": "trigger", "position": {"x": 0, "y": 0}, "data": {}}],
                 "edges": [], "trigger": %s, "settings": {"timeout": "5min"}}""".formatted(trigger);
        return jdbc.queryForObject("""
                INSERT INTO workflows (team_id, name, definition, enabled) VALUES (CAST(? AS uuid), ?, CAST(? AS jsonb), ?)
                RETURNING id""", String.class, teamId, unique("workflow"), definition, enabled);
    }

    protected String createIncident(String teamId, String title, String priority) {
        ApiResponse response = admin.post("/api/incidents", Map.of("teamId", teamId, "title", title, "priority", priority));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("/incident/id");
    }

    /** The incident's events, oldest first, as "kind" or "kind from->to". */
    protected List<String> eventsOf(String incidentId) {
        return jdbc.queryForList("""
                SELECT kind || coalesce(' ' || (payload ->> 'from') || '->' || (payload ->> 'to'), '')
                FROM incident_events WHERE incident_id = CAST(? AS uuid) ORDER BY created_at, kind""",
                String.class, incidentId);
    }

    /** Waits until the dispatcher has dispatched every event of the incident (its executions are written with that). */
    protected void awaitDispatched(String incidentId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM incident_events WHERE incident_id = CAST(? AS uuid) AND dispatched_at IS NULL""",
                Long.class, incidentId) == 0);
    }

    /** Ids of the workflow's executions for the incident. */
    protected List<String> executions(String workflowId, String incidentId) {
        return jdbc.queryForList("""
                SELECT id FROM workflow_executions WHERE workflow_id = CAST(? AS uuid) AND incident_id = CAST(? AS uuid)
                ORDER BY created_at""", String.class, workflowId, incidentId);
    }

    /** Runs {@code work} with this node's dispatch timer stopped, so the test alone dispatches. */
    protected void withoutDispatchPoller(ThrowingRunnable work) throws Exception {
        camelContext.getRouteController().stopRoute("workflow-dispatch-poll");
        try {
            work.run();
        } finally {
            camelContext.getRouteController().startRoute("workflow-dispatch-poll");
        }
    }

    /** One dispatch batch, as the timer runs it. */
    protected void dispatchOnce() {
        producer.requestBody("direct:workflow-dispatch-events", (Object) null);
    }

    /** One round of the age poller, as the timer runs it. */
    protected void ageEventsOnce() {
        producer.requestBody("direct:workflow-age-events", (Object) null);
    }

    @FunctionalInterface
    protected interface ThrowingRunnable {
        void run() throws Exception;
    }
}
