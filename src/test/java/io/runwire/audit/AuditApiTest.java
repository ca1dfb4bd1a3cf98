package io.runwire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditApiTest extends ApiTestSupport {

    @Test
    void adminFiltersByActionResourceAndTeam() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        admin.post("/api/incidents/" + incidentId + "/acknowledge");

        ApiResponse byResource = admin.get("/api/audit?resourceType=incident&resourceId=" + incidentId);
        ApiResponse byAction = admin.get("/api/audit?action=incident.acknowledged&teamId=" + teamId);
        ApiResponse byTeam = admin.get("/api/audit?teamId=" + teamId);

        assertThat(byResource.body().path("events").findValuesAsText("action"))
                .containsExactly("incident.acknowledged", "incident.created");
        assertThat(byAction.body().path("events").findValuesAsText("resourceId")).containsExactly(incidentId);
        assertThat(byTeam.body().path("events").findValuesAsText("action"))
                .containsExactly("incident.acknowledged", "incident.created", "team.created");
        assertThat(byResource.body().at("/events/0/userId").asText()).isEqualTo(admin.get("/api/users/me").text("/user/id"));
        assertThat(byResource.body().at("/events/0/ipAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(byResource.body().at("/events/0/userAgent").asText()).isNotBlank();
    }

    @Test
    void sinceFiltersOlderEventsOut() {
        String teamId = createTeam();
        Instant between = Instant.now();
        String incidentId = createIncident(teamId);

        ApiResponse response = admin.get("/api/audit?teamId=" + teamId + "&since=" + between);

        assertThat(response.body().path("events").findValuesAsText("resourceId")).containsExactly(incidentId);
    }

    @Test
    void teamAdminReadsOnlyTheirTeamsEvents() {
        String teamId = createTeam();
        String otherTeamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        createIncident(teamId);
        createIncident(otherTeamId);

        ApiResponse own = teamAdmin.api().get("/api/audit?limit=200");
        ApiResponse other = teamAdmin.api().get("/api/audit?teamId=" + otherTeamId);

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("events").findValuesAsText("teamId")).isNotEmpty().allMatch(teamId::equals);
        assertThat(other.status()).isEqualTo(403);
    }

    @Test
    void respondersObserversAndPlainUsersCannotReadTheAuditLog() {
        String teamId = createTeam();

        for (TestUser user : new TestUser[] {createMember(teamId, "RESPONDER"), createMember(teamId, "OBSERVER"), createUser()}) {
            ApiResponse response = user.api().get("/api/audit");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.error()).isEqualTo("Only platform admins and team admins can read the audit log");
        }
    }

    @Test
    void invalidSinceIs400() {
        ApiResponse response = admin.get("/api/audit?since=yesterday");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/details/0").asText()).startsWith("since: ");
    }
}
