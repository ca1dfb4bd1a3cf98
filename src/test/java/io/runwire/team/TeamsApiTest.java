package io.runwire.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TeamsApiTest extends ApiTestSupport {

    @Test
    void adminCreatesTeamAndItIsAudited() {
        String name = unique("payments");

        ApiResponse response = admin.post("/api/teams", Map.of("name", name, "slackChannel", "#payments-oncall"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("/team/name")).isEqualTo(name);
        assertThat(response.text("/team/slackChannel")).isEqualTo("#payments-oncall");
        assertThat(response.body().at("/team/members").isArray()).isTrue();
        String teamId = response.text("/team/id");
        assertThat(auditActions(teamId)).containsExactly("team.created");
        assertThat(admin.get("/api/teams").body().path("teams").findValuesAsText("name")).contains(name);
        assertThat(admin.get("/api/teams/" + teamId).text("/team/name")).isEqualTo(name);
    }

    @Test
    void duplicateTeamNameIs409() {
        String name = unique("dup");
        assertThat(admin.post("/api/teams", Map.of("name", name)).status()).isEqualTo(201);

        ApiResponse again = admin.post("/api/teams", Map.of("name", name));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("A team with this name already exists");
    }

    @Test
    void onlyPlatformAdminsCreateTeams() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");

        ApiResponse response = teamAdmin.api().post("/api/teams", Map.of("name", unique("mine")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("Only platform admins can create teams");
    }

    @Test
    void unknownTeamIs404() {
        assertThat(admin.get("/api/teams/" + UUID.randomUUID()).error()).isEqualTo("Team not found");
        assertThat(admin.get("/api/teams/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void membershipsAreAddedChangedRemovedAndAudited() {
        String teamId = createTeam();
        TestUser user = createUser();

        ApiResponse added = admin.put("/api/teams/" + teamId + "/members/" + user.id(), Map.of("role", "RESPONDER"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().at("/team/members/0/userId").asText()).isEqualTo(user.id());
        assertThat(added.body().at("/team/members/0/role").asText()).isEqualTo("RESPONDER");

        ApiResponse changed = admin.put("/api/teams/" + teamId + "/members/" + user.id(), Map.of("role", "OBSERVER"));
        assertThat(changed.body().at("/team/members/0/role").asText()).isEqualTo("OBSERVER");
        assertThat(user.api().get("/api/users/me").body().at("/user/memberships/0/role").asText()).isEqualTo("OBSERVER");

        assertThat(admin.delete("/api/teams/" + teamId + "/members/" + user.id()).status()).isEqualTo(204);
        assertThat(admin.get("/api/teams/" + teamId).body().at("/team/members").size()).isZero();

        assertThat(auditActions(teamId)).containsExactly(
                "team.created", "team.member_added", "team.member_role_changed", "team.member_removed");
    }

    @Test
    void teamAdminManagesOwnTeamMembers() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        TestUser newcomer = createUser();

        ApiResponse response = teamAdmin.api().put("/api/teams/" + teamId + "/members/" + newcomer.id(),
                Map.of("role", "RESPONDER"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void respondersObserversAndOtherTeamsAdminsCannotManageMembers() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser observer = createMember(teamId, "OBSERVER");
        TestUser otherTeamAdmin = createMember(createTeam(), "TEAM_ADMIN");
        TestUser newcomer = createUser();
        String path = "/api/teams/" + teamId + "/members/" + newcomer.id();

        ApiResponse byResponder = responder.api().put(path, Map.of("role", "RESPONDER"));
        ApiResponse byObserver = observer.api().put(path, Map.of("role", "RESPONDER"));
        ApiResponse byOtherAdmin = otherTeamAdmin.api().put(path, Map.of("role", "RESPONDER"));
        ApiResponse removeByResponder = responder.api().delete("/api/teams/" + teamId + "/members/" + observer.id());

        assertThat(byResponder.status()).isEqualTo(403);
        assertThat(byResponder.error()).isEqualTo("Your role in this team is RESPONDER; only TEAM_ADMIN can manage its members");
        assertThat(byObserver.status()).isEqualTo(403);
        assertThat(byOtherAdmin.status()).isEqualTo(403);
        assertThat(byOtherAdmin.error()).isEqualTo("You are not a member of this team, so you cannot manage its members");
        assertThat(removeByResponder.status()).isEqualTo(403);
        assertThat(admin.get("/api/teams/" + teamId).body().at("/team/members").size()).isEqualTo(2);
    }

    @Test
    void membershipNeedsAKnownUserAndAValidRole() {
        String teamId = createTeam();
        TestUser user = createUser();

        ApiResponse unknownUser = admin.put("/api/teams/" + teamId + "/members/" + UUID.randomUUID(),
                Map.of("role", "RESPONDER"));
        ApiResponse badRole = admin.put("/api/teams/" + teamId + "/members/" + user.id(), Map.of("role", "BOSS"));
        ApiResponse unknownTeam = admin.put("/api/teams/" + UUID.randomUUID() + "/members/" + user.id(),
                Map.of("role", "RESPONDER"));
        ApiResponse notMember = admin.delete("/api/teams/" + teamId + "/members/" + user.id());

        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.error()).isEqualTo("User not found");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().at("/details/0").asText()).startsWith("role: ");
        assertThat(unknownTeam.error()).isEqualTo("Team not found");
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(notMember.error()).isEqualTo("The user is not a member of this team");
    }
}
