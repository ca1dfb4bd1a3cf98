package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersApiTest extends ApiTestSupport {

    @Test
    void adminCreatesUserAndItIsAudited() {
        String email = unique("grace") + "@example.com";

        ApiResponse response = admin.post("/api/users", Map.of("email", email, "firstName", "Grace", "lastName", "Hopper"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("/user/email")).isEqualTo(email);
        assertThat(response.text("/user/firstName")).isEqualTo("Grace");
        assertThat(response.text("/user/platformRole")).isEqualTo("USER");
        assertThat(auditActions(response.text("/user/id"))).containsExactly("user.created");
        assertThat(admin.get("/api/users").body().path("users").findValuesAsText("email")).contains(email);
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        String email = unique("dup") + "@example.com";
        admin.post("/api/users", Map.of("email", email, "firstName", "A", "lastName", "B"));

        ApiResponse again = admin.post("/api/users", Map.of("email", email.toUpperCase(), "firstName", "A", "lastName", "B"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("A user with this email already exists");
    }

    @Test
    void onlyPlatformAdminsCreateUsers() {
        TestUser plain = createUser();

        ApiResponse response = plain.api().post("/api/users",
                Map.of("email", unique("x") + "@example.com", "firstName", "X", "lastName", "Y"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("Only platform admins can create users");
    }

    @Test
    void invalidEmailIs400() {
        ApiResponse response = admin.post("/api/users", Map.of("email", "not-an-email", "firstName", "A", "lastName", "B"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/details/0").asText()).startsWith("email: ");
    }

    @Test
    void meShowsTheCallerAndTheirMemberships() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");

        ApiResponse me = responder.api().get("/api/users/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("/user/id")).isEqualTo(responder.id());
        assertThat(me.text("/user/email")).isEqualTo(responder.email());
        assertThat(me.body().at("/user/memberships/0/teamId").asText()).isEqualTo(teamId);
        assertThat(me.body().at("/user/memberships/0/role").asText()).isEqualTo("RESPONDER");
    }

    @Test
    void everyAuthenticatedUserMayListUsers() {
        TestUser plain = createUser();

        ApiResponse users = plain.api().get("/api/users");

        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body().path("users").findValuesAsText("id")).contains(plain.id());
    }
}
