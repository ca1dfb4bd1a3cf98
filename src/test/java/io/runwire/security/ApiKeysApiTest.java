package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysApiTest extends ApiTestSupport {

    @Test
    void keyIsShownOnceAndStoredOnlyAsHash() {
        TestUser user = createUser();

        ApiResponse created = user.api().post("/api/keys", Map.of("name", "laptop"));

        assertThat(created.status()).isEqualTo(201);
        String token = created.text("/key/token");
        assertThat(token).startsWith("rw_");
        assertThat(created.text("/key/prefix")).isEqualTo(token.substring(0, 10));
        assertThat(created.text("/key/userId")).isEqualTo(user.id());
        String keyId = created.text("/key/id");

        Map<String, Object> row = jdbc.queryForMap("SELECT token_hash, token_prefix FROM api_keys WHERE id = ?::uuid", keyId);
        assertThat(row.get("token_hash")).isEqualTo(ApiTokens.hash(token)).isNotEqualTo(token);
        assertThat(client(token).get("/api/users/me").text("/user/id")).isEqualTo(user.id());

        ApiResponse listed = user.api().get("/api/keys");
        assertThat(listed.rawBody()).doesNotContain(token);
        assertThat(listed.body().path("keys").findValuesAsText("id")).contains(keyId, user.keyId());
        assertThat(auditActions(keyId)).containsExactly("api_key.created");
    }

    @Test
    void revokedKeyStopsWorkingAndRevocationIsAudited() {
        TestUser user = createUser();
        String token = user.api().post("/api/keys", Map.of("name", "ci")).text("/key/token");
        String keyId = client(token).get("/api/keys").body().path("keys").findValuesAsText("id").stream()
                .filter(id -> !id.equals(user.keyId())).findFirst().orElseThrow();

        assertThat(user.api().delete("/api/keys/" + keyId).status()).isEqualTo(204);

        assertThat(client(token).get("/api/users/me").status()).isEqualTo(401);
        assertThat(user.api().get("/api/users/me").status()).isEqualTo(200);
        assertThat(auditActions(keyId)).containsExactly("api_key.created", "api_key.revoked");
    }

    @Test
    void adminMintsKeysForOthersButUsersCannot() {
        TestUser alice = createUser();
        TestUser bob = createUser();

        ApiResponse byAdmin = admin.post("/api/keys", Map.of("name", "onboarding", "userId", alice.id()));
        ApiResponse byBob = bob.api().post("/api/keys", Map.of("name", "sneaky", "userId", alice.id()));

        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(byAdmin.text("/key/userId")).isEqualTo(alice.id());
        assertThat(byBob.status()).isEqualTo(403);
        assertThat(byBob.error()).isEqualTo("Only platform admins can create API keys for other users");
    }

    @Test
    void usersCannotRevokeOthersKeys() {
        TestUser alice = createUser();
        TestUser bob = createUser();

        ApiResponse response = bob.api().delete("/api/keys/" + alice.keyId());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("You can only manage your own API keys");
        assertThat(alice.api().get("/api/users/me").status()).isEqualTo(200);
    }

    @Test
    void unknownKeysAndUsersAre404() {
        assertThat(admin.delete("/api/keys/" + UUID.randomUUID()).error()).isEqualTo("API key not found");
        assertThat(admin.post("/api/keys", Map.of("name", "x", "userId", UUID.randomUUID().toString())).error())
                .isEqualTo("User not found");
    }

    @Test
    void keyNeedsAName() {
        ApiResponse response = admin.post("/api/keys", Map.of("userId", "not-a-uuid"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details")).extracting(node -> node.asText())
                .contains("name: is required")
                .anyMatch(detail -> detail.startsWith("userId: "));
        assertThat(List.of(response.rawBody())).noneMatch(body -> body.contains("rw_"));
    }
}
