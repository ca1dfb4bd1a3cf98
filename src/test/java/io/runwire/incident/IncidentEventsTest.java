package io.runwire.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.ApiResponse;
import io.runwire.support.WorkflowTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What happens to an incident is written to the workflow outbox (incident_events) by the statement that changes
 * the incident: both are committed, or neither.
 */
class IncidentEventsTest extends WorkflowTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openingAnIncidentWritesOneIncidentCreatedEventWithItsSnapshot() throws Exception {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");

        ApiResponse created = responder.api().post("/api/incidents", Map.of(
                "teamId", teamId, "title", "Payments failing", "priority", "CRITICAL", "service", "checkout",
                "metadata", Map.of("region", "eu-west-1"), "assignedUserId", responder.id()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String incidentId = created.text("/incident/id");
        assertThat(eventsOf(incidentId)).containsExactly("incident_created");
        JsonNode payload = payload(incidentId, "incident_created");
        assertThat(payload.at("/incident/id").asText()).isEqualTo(incidentId);
        assertThat(payload.at("/incident/priority").asText()).isEqualTo("CRITICAL");
        assertThat(payload.at("/incident/status").asText()).isEqualTo("OPEN");
        assertThat(payload.at("/incident/metadata/region").asText()).isEqualTo("eu-west-1");
        assertThat(payload.at("/incident/teamName").asText()).isEqualTo(created.text("/incident/teamName"));
        assertThat(payload.at("/team/id").asText()).isEqualTo(teamId);
        assertThat(payload.at("/assignee/email").asText()).isEqualTo(responder.email());
        assertThat(jdbc.queryForObject("SELECT team_id FROM incident_events WHERE incident_id = CAST(? AS uuid)",
                String.class, incidentId)).isEqualTo(teamId);
    }

    @Test
    void dispatchedEventsGoAfterTheDaysKeptAndUndispatchedOnesStay() {
        String teamId = createTeam();
        String incidentId = admin.post("/api/incidents", Map.of("teamId", teamId, "title", unique("outbox"),
                "priority", "LOW")).text("/incident/id");
        String old = event(incidentId, "now() - interval '8 days'", "now() - interval '8 days'");
        String recent = event(incidentId, "now() - interval '6 days'", "now() - interval '6 days'");
        String undispatched = event(incidentId, "now() - interval '30 days'", "NULL");

        producer.requestBody("direct:incident-events-expire", (Object) null);

        assertThat(jdbc.queryForList("SELECT id::text FROM incident_events WHERE id IN (CAST(? AS uuid), CAST(? AS uuid),"
                + " CAST(? AS uuid))", String.class, old, recent, undispatched)).containsExactlyInAnyOrder(recent, undispatched);
    }

    private String event(String incidentId, String createdAt, String dispatchedAt) {
        return jdbc.queryForObject("""
                INSERT INTO incident_events (incident_id, team_id, kind, payload, created_at, dispatched_at)
                SELECT i.id, i.team_id, 'escalation', incident_event_payload('escalation', i), %s, %s
                FROM incidents i WHERE i.id = CAST(? AS uuid)
                RETURNING id::text""".formatted(createdAt, dispatchedAt), String.class, incidentId);
    }

    @Test
    void incidentWhoseEventCannotBeWrittenIsNotCreated() {
        String title = unique("event-fails");
        faultsSchema();
        fault(title, "INSERT ON incident_events", "NEW.payload -> 'incident' ->> 'title' = '" + title + "'",
                "RAISE EXCEPTION 'outbox unavailable';");
        String teamId = createTeam();

        ApiResponse response = admin.post("/api/incidents", Map.of("teamId", teamId, "title", title, "priority", "LOW"));

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM incidents WHERE title = ?", Long.class, title)).isZero();
    }

    @Test
    void incidentThatCannotBeWrittenLeavesNoEvent() {
        String title = unique("incident-fails");
        faultsSchema();
        fault(title, "INSERT ON incidents", "NEW.title = '" + title + "'", "RAISE EXCEPTION 'incidents unavailable';");
        String teamId = createTeam();

        ApiResponse response = admin.post("/api/incidents", Map.of("teamId", teamId, "title", title, "priority", "LOW"));

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_events WHERE team_id = CAST(? AS uuid)",
                Long.class, teamId)).isZero();
    }

    @Test
    void eachStatusChangeWritesAStateChangedEventFromTo() throws Exception {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);

        admin.post("/api/incidents/" + incidentId + "/acknowledge");
        admin.post("/api/incidents/" + incidentId + "/resolve");
        ApiResponse illegal = admin.post("/api/incidents/" + incidentId + "/acknowledge");
        admin.post("/api/incidents/" + incidentId + "/close");

        assertThat(illegal.status()).isEqualTo(409);
        assertThat(eventsOf(incidentId)).containsExactly("incident_created", "state_changed OPEN->ACKNOWLEDGED",
                "state_changed ACKNOWLEDGED->RESOLVED", "state_changed RESOLVED->CLOSED");
        assertThat(auditActions(incidentId)).containsExactly(
                "incident.created", "incident.acknowledged", "incident.resolved", "incident.closed");
    }

    @Test
    void escalateWritesAnEscalationEventAndItsAuditEventAndAnswersTheIncident() throws Exception {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String incidentId = createIncident(teamId);

        ApiResponse escalated = responder.api().post("/api/incidents/" + incidentId + "/escalate");

        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
        assertThat(escalated.text("/incident/id")).isEqualTo(incidentId);
        assertThat(escalated.text("/incident/status")).isEqualTo("OPEN");
        assertThat(eventsOf(incidentId)).containsExactly("incident_created", "escalation");
        assertThat(payload(incidentId, "escalation").path("escalatedById").asText()).isEqualTo(responder.id());
        assertThat(auditActions(incidentId)).containsExactly("incident.created", "incident.escalated");
        Map<String, Object> audit = jdbc.queryForMap("""
                SELECT user_id::text AS "userId", metadata ->> 'eventId' AS "eventId" FROM audit_events
                WHERE resource_id = ? AND action = 'incident.escalated'""", incidentId);
        assertThat(audit.get("userId")).isEqualTo(responder.id());
        assertThat(audit.get("eventId")).isEqualTo(jdbc.queryForObject(
                "SELECT id::text FROM incident_events WHERE incident_id = CAST(? AS uuid) AND kind = 'escalation'",
                String.class, incidentId));
    }

    @Test
    void escalatingAnIncidentThatIsOverIs409AndWritesNothing() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        admin.post("/api/incidents/" + incidentId + "/resolve");

        ApiResponse escalated = admin.post("/api/incidents/" + incidentId + "/escalate");

        assertThat(escalated.status()).isEqualTo(409);
        assertThat(escalated.error()).isEqualTo("Incident is RESOLVED; it can be escalated only when it is ACKNOWLEDGED or OPEN");
        assertThat(eventsOf(incidentId)).containsExactly("incident_created", "state_changed OPEN->RESOLVED");
        assertThat(auditActions(incidentId)).containsExactly("incident.created", "incident.resolved");
    }

    @Test
    void observersCannotEscalate() {
        String teamId = createTeam();
        TestUser observer = createMember(teamId, "OBSERVER");
        String incidentId = createIncident(teamId);

        ApiResponse escalated = observer.api().post("/api/incidents/" + incidentId + "/escalate");

        assertThat(escalated.status()).isEqualTo(403);
        assertThat(escalated.error()).isEqualTo(
                "Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can respond to its incidents");
        assertThat(eventsOf(incidentId)).containsExactly("incident_created");
        assertThat(admin.post("/api/incidents/" + UUID.randomUUID() + "/escalate").status()).isEqualTo(404);
    }

    private JsonNode payload(String incidentId, String kind) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT payload::text FROM incident_events WHERE incident_id = CAST(? AS uuid) AND kind = ?",
                String.class, incidentId, kind));
    }
}
