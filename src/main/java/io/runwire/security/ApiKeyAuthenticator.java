package io.runwire.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.api.ApiException;
import io.runwire.db.SqlFiles;
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

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<Principal> found = jdbc.query(SqlFiles.load("api-key-authenticate"),
                Map.of("tokenHash", ApiTokens.hash(token)),
                (rs, row) -> {
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
                });
        Optional<Principal> principal = found.stream().findFirst();
        principal.ifPresent(caller -> keyUsage.used(caller.apiKeyId()));
        return principal;
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
