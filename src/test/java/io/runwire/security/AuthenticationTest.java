package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends ApiTestSupport {

    @Test
    void requestWithoutKeyIsRefusedWith401() {
        ApiResponse response = client(null).get("/api/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("Missing API key: send Authorization: Bearer <key>");
    }

    @Test
    void requestWithUnknownKeyIsRefusedWith401() {
        ApiResponse response = client("rw_not-a-real-key").get("/api/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("Invalid or revoked API key");
    }

    @Test
    void requestWithRevokedKeyIsRefusedWith401() {
        TestUser user = createUser();
        assertThat(user.api().get("/api/users/me").status()).isEqualTo(200);

        assertThat(user.api().delete("/api/keys/" + user.keyId()).status()).isEqualTo(204);

        ApiResponse response = user.api().get("/api/users/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("Invalid or revoked API key");
    }

    @Test
    void requestWithAnotherSchemeIsRefusedWith401() {
        ApiResponse response = client(null).withHeader("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("Authorization must use the Bearer scheme with an API key");
    }

    @Test
    void unauthenticatedRequestToUnknownPathIsStill401() {
        assertThat(client(null).get("/api/no-such-thing").status()).isEqualTo(401);
    }

    @Test
    void clientHeadersCannotChangeWhoTheCallerIs() {
        TestUser plain = createUser();
        String adminId = admin.get("/api/users/me").text("/user/id");

        var forged = plain.api()
                .withHeader("principal", adminId)
                .withHeader("Principal", "ADMIN")
                .withHeader("CamelHttpUri", "http://127.0.0.1:9/api/teams")
                .withHeader("CamelHttpPath", "/api/teams")
                .withHeader("CamelHttpMethod", "DELETE")
                .withHeader("X-Runwire-User", adminId);

        ApiResponse me = forged.get("/api/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("/user/id")).isEqualTo(plain.id());
        assertThat(me.text("/user/platformRole")).isEqualTo("USER");

        ApiResponse createTeam = forged.post("/api/teams", Map.of("name", unique("forged")));
        assertThat(createTeam.status()).isEqualTo(403);
        assertThat(createTeam.error()).isEqualTo("Only platform admins can create teams");
    }

    @Test
    void responsesDoNotEchoRequestHeaders() {
        ApiResponse response = admin.withHeader("X-Echo-Me", "hello").get("/api/users/me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().map().keySet())
                .noneMatch(name -> name.equalsIgnoreCase("authorization"))
                .noneMatch(name -> name.equalsIgnoreCase("x-echo-me"))
                .noneMatch(name -> name.toLowerCase().startsWith("camel"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void keyUseIsRecorded() {
        TestUser user = createUser();
        user.api().get("/api/users/me");

        Object lastUsed = jdbc.queryForObject("SELECT last_used_at FROM api_keys WHERE id = ?::uuid", Object.class,
                user.keyId());
        assertThat(lastUsed).isNotNull();
    }
}
