package io.runwire.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.ApiResponse;
import io.runwire.support.WorkflowTestSupport;
import java.util.Map;
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

    private JsonNode payload(String incidentId, String kind) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT payload::text FROM incident_events WHERE incident_id = CAST(? AS uuid) AND kind = ?",
                String.class, incidentId, kind));
    }
}
