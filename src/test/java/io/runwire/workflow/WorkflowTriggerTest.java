package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.support.WorkflowTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Incident events start the enabled workflows of the incident's team and the global ones whose trigger matches —
 * each exactly once, whichever dispatcher (or how many at once) takes the event.
 */
class WorkflowTriggerTest extends WorkflowTestSupport {

    private static final String CRITICAL_ONLY = """
            {"type": "incident_created",
             "conditions": [{"field": "priority", "operator": "equals", "value": "CRITICAL"}]}""";

    @Test
    void matchingWorkflowGetsOnePendingExecutionForACreatedIncident() {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, CRITICAL_ONLY);

        String critical = createIncident(teamId, "Payments failing", "CRITICAL");
        String low = createIncident(teamId, "Slow dashboard", "LOW");
        awaitDispatched(critical);
        awaitDispatched(low);

        assertThat(executions(workflowId, critical)).hasSize(1);
        assertThat(executions(workflowId, low)).isEmpty();
        Map<String, Object> execution = jdbc.queryForMap("""
                SELECT triggered_by, workflow_version, definition_snapshot = w.definition AS snapshot,
                       trigger_event ->> 'kind' AS kind, trigger_event -> 'incident' ->> 'priority' AS priority,
                       trigger_event ->> 'eventId' = (SELECT id::text FROM incident_events WHERE incident_id = e.incident_id)
                           AS "eventId"
                FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
                WHERE e.id = CAST(? AS uuid)""", executions(workflowId, critical).get(0));
        assertThat(execution).containsEntry("triggered_by", "event")
                .containsEntry("workflow_version", 1).containsEntry("snapshot", true)
                .containsEntry("kind", "incident_created").containsEntry("priority", "CRITICAL")
                .containsEntry("eventId", true);
        // handed to the engine, which walks its one-trigger graph to the end
        String executionId = executions(workflowId, critical).get(0);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(
                jdbc.queryForObject("SELECT status FROM workflow_executions WHERE id = CAST(? AS uuid)", String.class,
                        executionId)));
    }

    @Test
    void disabledOtherTeamsAndDeletedWorkflowsAndUnmetConditionsStartNothing() {
        String teamId = createTeam();
        String disabled = insertWorkflow(teamId, false, "{\"type\": \"incident_created\"}");
        String otherTeams = insertWorkflow(createTeam(), true, "{\"type\": \"incident_created\"}");
        String deleted = insertWorkflow(teamId, true, "{\"type\": \"incident_created\"}");
        jdbc.update("UPDATE workflows SET deleted_at = now() WHERE id = CAST(? AS uuid)", deleted);
        String otherKind = insertWorkflow(teamId, true, "{\"type\": \"escalation\"}");
        String unmet = insertWorkflow(teamId, true, """
                {"type": "incident_created",
                 "conditions": [{"field": "priority", "operator": "equals", "value": "CRITICAL"},
                                {"field": "incident.metadata.region", "operator": "equals", "value": "us-east-1"}]}""");

        String incidentId = createIncident(teamId, "Payments failing", "CRITICAL");
        awaitDispatched(incidentId);

        for (String workflowId : List.of(disabled, otherTeams, deleted, otherKind, unmet)) {
            assertThat(executions(workflowId, incidentId)).as(workflowId).isEmpty();
        }
    }

    @Test
    void conditionsReadTheIncidentsMetadata() {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, """
                {"type": "incident_created",
                 "conditions": [{"field": "incident.metadata.region", "operator": "in", "value": ["eu-west-1", "eu-central-1"]},
                                {"field": "priority", "operator": "not_equals", "value": "INFO"}]}""");

        String eu = admin.post("/api/incidents", Map.of("teamId", teamId, "title", "EU down", "priority", "HIGH",
                "metadata", Map.of("region", "eu-west-1"))).text("/incident/id");
        String us = admin.post("/api/incidents", Map.of("teamId", teamId, "title", "US down", "priority", "HIGH",
                "metadata", Map.of("region", "us-east-1"))).text("/incident/id");
        awaitDispatched(eu);
        awaitDispatched(us);

        assertThat(executions(workflowId, eu)).hasSize(1);
        assertThat(executions(workflowId, us)).isEmpty();
    }

    @Test
    void globalWorkflowStartsForIncidentsOfEveryTeam() {
        String title = unique("global");
        // the condition keeps this global workflow to this test's incidents
        String workflowId = insertWorkflow(null, true, """
                {"type": "incident_created",
                 "conditions": [{"field": "title", "operator": "equals", "value": "%s"}]}""".formatted(title));

        String first = createIncident(createTeam(), title, "LOW");
        String second = createIncident(createTeam(), title, "INFO");
        awaitDispatched(first);
        awaitDispatched(second);

        assertThat(executions(workflowId, first)).hasSize(1);
        assertThat(executions(workflowId, second)).hasSize(1);
    }

    @Test
    void stateChangedToResolvedStartsOnResolveOnly() {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true,
                "{\"type\": \"state_changed\", \"stateTransition\": {\"to\": \"RESOLVED\"}}");
        String fromAcknowledged = insertWorkflow(teamId, true,
                "{\"type\": \"state_changed\", \"stateTransition\": {\"from\": \"ACKNOWLEDGED\", \"to\": \"RESOLVED\"}}");
        String incidentId = createIncident(teamId);

        admin.post("/api/incidents/" + incidentId + "/acknowledge");
        awaitDispatched(incidentId);
        assertThat(executions(workflowId, incidentId)).isEmpty();

        admin.post("/api/incidents/" + incidentId + "/resolve");
        admin.post("/api/incidents/" + incidentId + "/close");
        awaitDispatched(incidentId);
        assertThat(executions(workflowId, incidentId)).hasSize(1);
        assertThat(executions(fromAcknowledged, incidentId)).hasSize(1);
        assertThat(jdbc.queryForObject("""
                SELECT trigger_event ->> 'from' || '->' || (trigger_event ->> 'to') FROM workflow_executions
                WHERE workflow_id = CAST(? AS uuid)""", String.class, workflowId)).isEqualTo("ACKNOWLEDGED->RESOLVED");

        String straightFromOpen = createIncident(teamId);
        admin.post("/api/incidents/" + straightFromOpen + "/resolve");
        awaitDispatched(straightFromOpen);
        assertThat(executions(workflowId, straightFromOpen)).hasSize(1);
        assertThat(executions(fromAcknowledged, straightFromOpen)).isEmpty();
    }

    @Test
    void escalationWorkflowStartsOnEscalate() {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, "{\"type\": \"escalation\"}");
        String incidentId = createIncident(teamId);
        awaitDispatched(incidentId);
        assertThat(executions(workflowId, incidentId)).isEmpty();

        assertThat(admin.post("/api/incidents/" + incidentId + "/escalate").status()).isEqualTo(200);
        awaitDispatched(incidentId);

        assertThat(executions(workflowId, incidentId)).hasSize(1);
    }

    @Test
    void ageWorkflowStartsOncePerIncidentHoweverOftenAndFromHowManyPollersItRuns() throws Exception {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, "{\"type\": \"age\", \"ageThresholdMinutes\": 5}");
        String old = createIncident(teamId);
        String oldAcknowledged = createIncident(teamId);
        String oldResolved = createIncident(teamId);
        String young = createIncident(teamId);
        admin.post("/api/incidents/" + oldAcknowledged + "/acknowledge");
        admin.post("/api/incidents/" + oldResolved + "/resolve");
        jdbc.update("UPDATE incidents SET created_at = now() - interval '10 minutes' WHERE id IN (CAST(? AS uuid), "
                + "CAST(? AS uuid), CAST(? AS uuid))", old, oldAcknowledged, oldResolved);

        // four pollers at once, three rounds each, beside this node's own timer
        race(4, () -> {
            for (int round = 0; round < 3; round++) {
                ageEventsOnce();
            }
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> executions(workflowId, old).size() == 1
                && executions(workflowId, oldAcknowledged).size() == 1);
        ageEventsOnce();
        for (String incidentId : List.of(old, oldAcknowledged, oldResolved, young)) {
            awaitDispatched(incidentId);
        }

        assertThat(eventsOf(old)).containsExactly("incident_created", "age");
        assertThat(eventsOf(oldAcknowledged)).containsExactly("incident_created", "state_changed OPEN->ACKNOWLEDGED", "age");
        assertThat(executions(workflowId, old)).hasSize(1);
        assertThat(executions(workflowId, oldAcknowledged)).hasSize(1);
        assertThat(executions(workflowId, oldResolved)).isEmpty();
        assertThat(executions(workflowId, young)).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT trigger_event ->> 'ageThresholdMinutes' FROM workflow_executions
                WHERE workflow_id = CAST(? AS uuid) AND incident_id = CAST(? AS uuid)""", String.class, workflowId, old))
                .isEqualTo("5");
    }

    @Test
    void eventsAreDispatchedOnceWhenDispatchBatchesRace() throws Exception {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, "{\"type\": \"incident_created\"}");
        List<String> incidents = new ArrayList<>();

        withoutDispatchPoller(() -> {
            for (int i = 0; i < 30; i++) {
                incidents.add(createIncident(teamId));
            }
            race(4, () -> {
                while (undispatched(teamId) > 0) {
                    dispatchOnce();
                }
                return null;
            });
        });

        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM workflow_executions WHERE workflow_id = CAST(? AS uuid)""", Long.class, workflowId))
                .isEqualTo(30);
        for (String incidentId : incidents) {
            assertThat(executions(workflowId, incidentId)).as(incidentId).hasSize(1);
        }
    }

    @Test
    void eventHeldByADispatcherThatDiedIsDispatchedOnceItsLeaseRunsOut() throws Exception {
        String teamId = createTeam();
        String workflowId = insertWorkflow(teamId, true, "{\"type\": \"incident_created\"}");

        withoutDispatchPoller(() -> {
            String incidentId = createIncident(teamId);
            // claimed by a node that died before it could dispatch
            jdbc.update("""
                    UPDATE incident_events SET claimed_by = 'lost-node', claim_token = gen_random_uuid(), attempts = 1,
                           lease_until = now() + interval '1 hour'
                    WHERE incident_id = CAST(? AS uuid)""", incidentId);

            dispatchOnce();
            assertThat(undispatched(teamId)).isEqualTo(1);
            assertThat(executions(workflowId, incidentId)).isEmpty();

            jdbc.update("UPDATE incident_events SET lease_until = now() - interval '1 second' WHERE incident_id = CAST(? AS uuid)",
                    incidentId);
            dispatchOnce();
            dispatchOnce();

            assertThat(undispatched(teamId)).isZero();
            assertThat(executions(workflowId, incidentId)).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT attempts FROM incident_events WHERE incident_id = CAST(? AS uuid)",
                    Integer.class, incidentId)).isEqualTo(2);
        });
    }

    private long undispatched(String teamId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM incident_events WHERE team_id = CAST(? AS uuid) AND dispatched_at IS NULL""",
                Long.class, teamId);
    }

    /** {@code work} on {@code threads} threads that start together; rethrows what any of them threw. */
    private static void race(int threads, Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Void>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            for (Future<Void> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
