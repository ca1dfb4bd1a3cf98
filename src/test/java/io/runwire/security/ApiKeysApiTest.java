package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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

    @Test
    void keyShowsWhenItWasLastUsed() {
        TestUser user = createUser();
        ApiResponse created = user.api().post("/api/keys", Map.of("name", "deploy bot"));
        String keyId = created.text("/key/id");
        assertThat(created.body().path("key").path("lastUsedAt").isNull()).as(created.toString()).isTrue();

        assertThat(client(created.text("/key/token")).get("/api/users/me").status()).isEqualTo(200);

        JsonNode listed = keyListed(user, keyId);
        assertThat(listed.path("lastUsedAt").asText()).isNotBlank();
        OffsetDateTime lastUsed = OffsetDateTime.parse(listed.path("lastUsedAt").asText());
        assertThat(lastUsed).isAfter(OffsetDateTime.now().minusMinutes(1));
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinutePerKey() {
        TestUser user = createUser();
        assertThat(user.api().get("/api/users/me").status()).isEqualTo(200);
        jdbc.update("UPDATE api_keys SET last_used_at = '2000-01-01T00:00:00Z' WHERE id = ?::uuid", user.keyId());

        for (int i = 0; i < 3; i++) {
            assertThat(user.api().get("/api/users/me").status()).isEqualTo(200);
        }

        // this node wrote the key's use less than a minute ago, so it did not write again, whatever the row says
        assertThat(lastUsedAt(user.keyId())).isEqualTo(OffsetDateTime.parse("2000-01-01T00:00:00Z"));
    }

    @Test
    void aUseAnotherNodeWroteWithinTheMinuteIsNotWrittenAgain() {
        TestUser user = createUser();
        String token = user.api().post("/api/keys", Map.of("name", "fresh")).text("/key/token");
        String keyId = jdbc.queryForObject("SELECT id::text FROM api_keys WHERE token_hash = ?", String.class,
                ApiTokens.hash(token));
        jdbc.update("UPDATE api_keys SET last_used_at = now() - interval '30 seconds' WHERE id = ?::uuid", keyId);
        OffsetDateTime writtenElsewhere = lastUsedAt(keyId);

        assertThat(client(token).get("/api/users/me").status()).isEqualTo(200);

        assertThat(lastUsedAt(keyId)).isEqualTo(writtenElsewhere);
    }

    @Test
    void keyMayCarryAnExpiryAndWorksUntilThen() {
        TestUser user = createUser();
        String expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();

        ApiResponse created = user.api().post("/api/keys", Map.of("name", "contractor", "expiresAt", expiresAt));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(Instant.parse(created.text("/key/expiresAt"))).isEqualTo(Instant.parse(expiresAt));
        assertThat(client(created.text("/key/token")).get("/api/users/me").status()).isEqualTo(200);
        assertThat(Instant.parse(keyListed(user, created.text("/key/id")).path("expiresAt").asText()))
                .isEqualTo(Instant.parse(expiresAt));
    }

    @Test
    void expiredKeyIsRefusedWith401SayingWhen() {
        TestUser user = createUser();
        ApiResponse created = user.api().post("/api/keys",
                Map.of("name", "short-lived", "expiresAt", Instant.now().plus(Duration.ofHours(1)).toString()));
        String keyId = created.text("/key/id");
        // an hour passes
        jdbc.update("UPDATE api_keys SET expires_at = '2020-05-01T12:00:00Z' WHERE id = ?::uuid", keyId);

        ApiResponse refused = client(created.text("/key/token")).get("/api/users/me");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("API key expired at 2020-05-01T12:00:00Z; create a new key");
        assertThat(lastUsedAt(keyId)).as("a refused key was not used").isNull();
        assertThat(user.api().get("/api/users/me").status()).isEqualTo(200);
    }

    @Test
    void expiryMustBeADateTimeInTheFuture() {
        ApiResponse past = admin.post("/api/keys", Map.of("name", "x", "expiresAt", "2020-01-01T00:00:00Z"));
        ApiResponse malformed = admin.post("/api/keys", Map.of("name", "x", "expiresAt", "next tuesday"));

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().path("details")).extracting(JsonNode::asText)
                .containsExactly("expiresAt: must be in the future");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("details")).extracting(JsonNode::asText)
                .singleElement().asString().startsWith("expiresAt: ");
    }

    private JsonNode keyListed(TestUser user, String keyId) {
        for (JsonNode key : user.api().get("/api/keys").body().path("keys")) {
            if (key.path("id").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError("key " + keyId + " is not listed");
    }

    private OffsetDateTime lastUsedAt(String keyId) {
        return jdbc.queryForObject("SELECT last_used_at FROM api_keys WHERE id = ?::uuid", OffsetDateTime.class,
                keyId);
    }
}
