package io.runwire.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.api.ApiException;
import io.runwire.api.RateLimitBucket;
import io.runwire.api.RateLimitState;
import io.runwire.db.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Resolves a bearer token to the {@link Principal} it belongs to, or nothing when it is unknown or revoked; an expired
 * key is refused saying so. A key that passes is marked used ({@link KeyUsage}).
 */
@Component
public class ApiKeyAuthenticator {

    private static final TypeReference<Map<String, String>> ROLES = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final KeyUsage keyUsage;

    public ApiKeyAuthenticator(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper, KeyUsage keyUsage) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.keyUsage = keyUsage;
    }

    /** The caller behind {@code token}, and what it found in its key's {@code bucket} (one statement). */
    public record Authenticated(Principal principal, RateLimitState rateLimit) {
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<Principal> found = jdbc.query(SqlFiles.load("api-key-authenticate"),
                Map.of("tokenHash", ApiTokens.hash(token)), (rs, row) -> principal(rs));
        return markUsed(found.stream().findFirst());
    }

    /**
     * As {@link #authenticate(String)}, and takes a token from the key's {@code bucket} in the same statement (the
     * request path's one round trip); whether it got one is for the caller to act on.
     */
    public Optional<Authenticated> authenticate(String token, RateLimitBucket bucket) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<Authenticated> found = jdbc.query(SqlFiles.load("api-key-authenticate-limited"),
                Map.of("tokenHash", ApiTokens.hash(token), "bucket", bucket.name(), "rate", bucket.rate(),
                        "burst", bucket.burst()),
                (rs, row) -> new Authenticated(principal(rs),
                        new RateLimitState(bucket, rs.getBoolean("allowed"), rs.getDouble("tokens"))));
        Optional<Authenticated> caller = found.stream().findFirst();
        markUsed(caller.map(Authenticated::principal));
        return caller;
    }

    private Optional<Principal> markUsed(Optional<Principal> principal) {
        principal.ifPresent(caller -> keyUsage.used(caller.apiKeyId()));
        return principal;
    }

    private Principal principal(ResultSet rs) throws SQLException {
        if (rs.getBoolean("expired")) {
            throw ApiException.unauthorized("API key expired at "
                    + rs.getObject("expires_at", OffsetDateTime.class).toInstant()
                    + "; create a new key");
        }
        return new Principal(
                rs.getObject("user_id", UUID.class),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                PlatformRole.valueOf(rs.getString("platform_role")),
                teamRoles(rs.getString("team_roles")),
                rs.getObject("key_id", UUID.class));
    }

    private Map<UUID, TeamRole> teamRoles(String json) {
        try {
            Map<UUID, TeamRole> roles = new HashMap<>();
            objectMapper.readValue(json, ROLES)
                    .forEach((team, role) -> roles.put(UUID.fromString(team), TeamRole.valueOf(role)));
            return roles;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("team roles from the database are not JSON", e);
        }
    }
}
