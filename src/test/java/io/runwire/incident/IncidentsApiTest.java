package io.runwire.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentsApiTest extends ApiTestSupport {

    @Test
    void responderOpensIncident() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");

        ApiResponse response = responder.api().post("/api/incidents", Map.of(
                "teamId", teamId, "title", "Payments failing", "priority", "CRITICAL",
                "service", "checkout", "metadata", Map.of("region", "eu-west-1", "errorRate", 0.42)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("/incident/title")).isEqualTo("Payments failing");
        assertThat(response.text("/incident/status")).isEqualTo("OPEN");
        assertThat(response.text("/incident/priority")).isEqualTo("CRITICAL");
        assertThat(response.text("/incident/teamId")).isEqualTo(teamId);
        assertThat(response.body().at("/incident/metadata/errorRate").asDouble()).isEqualTo(0.42);
        assertThat(response.text("/incident/createdAt")).isNotBlank();
        String incidentId = response.text("/incident/id");
        assertThat(auditActions(incidentId)).containsExactly("incident.created");
        assertThat(admin.get("/api/incidents/" + incidentId).text("/incident/service")).isEqualTo("checkout");
    }

    @Test
    void observersAndOutsidersCannotOpenIncidents() {
        String teamId = createTeam();
        TestUser observer = createMember(teamId, "OBSERVER");
        TestUser outsider = createUser();
        Map<String, Object> incident = Map.of("teamId", teamId, "title", "x", "priority", "LOW");

        ApiResponse byObserver = observer.api().post("/api/incidents", incident);
        ApiResponse byOutsider = outsider.api().post("/api/incidents", incident);

        assertThat(byObserver.status()).isEqualTo(403);
        assertThat(byObserver.error()).isEqualTo("Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can open incidents for it");
        assertThat(byOutsider.status()).isEqualTo(403);
        assertThat(byOutsider.error()).isEqualTo("You are not a member of this team, so you cannot open incidents for it");
    }

    @Test
    void invalidIncidentIs400NamingEachField() {
        ApiResponse missing = admin.post("/api/incidents", Map.of("service", "api"));
        ApiResponse wrongTypes = admin.post("/api/incidents", Map.of(
                "teamId", "not-a-uuid", "title", 7, "priority", "URGENT"));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("details")).extracting(node -> node.asText())
                .containsExactly("priority: is required", "teamId: is required", "title: is required");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.body().path("details")).extracting(node -> node.asText())
                .anyMatch(detail -> detail.startsWith("priority: "))
                .anyMatch(detail -> detail.startsWith("teamId: "))
                .contains("title: integer found, string expected");
    }

    @Test
    void incidentForUnknownTeamIs404() {
        ApiResponse response = admin.post("/api/incidents",
                Map.of("teamId", UUID.randomUUID().toString(), "title", "x", "priority", "LOW"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("Team not found");
    }

    @Test
    void unknownIncidentIs404() {
        assertThat(admin.get("/api/incidents/" + UUID.randomUUID()).error()).isEqualTo("Incident not found");
        assertThat(admin.get("/api/incidents/garbage").status()).isEqualTo(404);
        assertThat(admin.post("/api/incidents/" + UUID.randomUUID() + "/acknowledge").status()).isEqualTo(404);
    }

    @Test
    void incidentMovesThroughItsLifecycleAndEachStepIsAudited() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        String incidentId = createIncident(teamId);

        ApiResponse acknowledged = responder.api().post("/api/incidents/" + incidentId + "/acknowledge");
        ApiResponse resolved = responder.api().post("/api/incidents/" + incidentId + "/resolve");
        ApiResponse closed = responder.api().post("/api/incidents/" + incidentId + "/close");

        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.text("/incident/status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.text("/incident/acknowledgedAt")).isNotBlank();
        assertThat(resolved.text("/incident/status")).isEqualTo("RESOLVED");
        assertThat(resolved.text("/incident/resolvedAt")).isNotBlank();
        assertThat(closed.text("/incident/status")).isEqualTo("CLOSED");
        assertThat(closed.text("/incident/closedAt")).isNotBlank();
        assertThat(auditActions(incidentId)).containsExactly(
                "incident.created", "incident.acknowledged", "incident.resolved", "incident.closed");
    }

    @Test
    void illegalTransitionIs409AndChangesNothing() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);

        ApiResponse closeOpen = admin.post("/api/incidents/" + incidentId + "/close");
        admin.post("/api/incidents/" + incidentId + "/acknowledge");
        ApiResponse acknowledgeTwice = admin.post("/api/incidents/" + incidentId + "/acknowledge");

        assertThat(closeOpen.status()).isEqualTo(409);
        assertThat(closeOpen.error()).isEqualTo("Incident is OPEN; it can be closed only when it is RESOLVED");
        assertThat(acknowledgeTwice.status()).isEqualTo(409);
        assertThat(acknowledgeTwice.error()).isEqualTo("Incident is ACKNOWLEDGED; it can be acknowledged only when it is OPEN");
        assertThat(admin.get("/api/incidents/" + incidentId).text("/incident/status")).isEqualTo("ACKNOWLEDGED");
        assertThat(auditActions(incidentId)).containsExactly("incident.created", "incident.acknowledged");
    }

    @Test
    void observersAndOutsidersCannotChangeIncidents() {
        String teamId = createTeam();
        TestUser observer = createMember(teamId, "OBSERVER");
        TestUser otherTeamResponder = createMember(createTeam(), "RESPONDER");
        String incidentId = createIncident(teamId);

        ApiResponse byObserver = observer.api().post("/api/incidents/" + incidentId + "/acknowledge");
        ApiResponse byOutsider = otherTeamResponder.api().post("/api/incidents/" + incidentId + "/resolve");

        assertThat(byObserver.status()).isEqualTo(403);
        assertThat(byObserver.error()).isEqualTo("Your role in this team is OBSERVER; only RESPONDER or TEAM_ADMIN can respond to its incidents");
        assertThat(byOutsider.status()).isEqualTo(403);
        assertThat(observer.api().get("/api/incidents/" + incidentId).status()).isEqualTo(200);
        assertThat(admin.get("/api/incidents/" + incidentId).text("/incident/status")).isEqualTo("OPEN");
    }

    @Test
    void listFiltersByTeamAndStatusNewestFirstAndPages() {
        String teamId = createTeam();
        String first = createIncident(teamId);
        String second = createIncident(teamId);
        String third = createIncident(teamId);
        createIncident(createTeam());
        admin.post("/api/incidents/" + second + "/acknowledge");

        ApiResponse all = admin.get("/api/incidents?teamId=" + teamId);
        ApiResponse open = admin.get("/api/incidents?teamId=" + teamId + "&status=OPEN");
        ApiResponse page = admin.get("/api/incidents?teamId=" + teamId + "&limit=1&offset=1");

        assertThat(all.body().path("incidents").findValuesAsText("id")).containsExactly(third, second, first);
        assertThat(all.body().path("total").asInt()).isEqualTo(3);
        assertThat(open.body().path("incidents").findValuesAsText("id")).containsExactly(third, first);
        assertThat(page.body().path("incidents").findValuesAsText("id")).containsExactly(second);
        assertThat(page.body().path("total").asInt()).isEqualTo(3);
        assertThat(page.body().path("limit").asInt()).isEqualTo(1);
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
    }

    @Test
    void invalidListParametersAre400() {
        List<String> paths = List.of("/api/incidents?status=SLEEPING", "/api/incidents?limit=0",
                "/api/incidents?limit=abc", "/api/incidents?teamId=nope", "/api/incidents?offset=-1");

        for (String path : paths) {
            ApiResponse response = admin.get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.error()).as(path).isEqualTo("Invalid query parameter");
        }
    }
}
