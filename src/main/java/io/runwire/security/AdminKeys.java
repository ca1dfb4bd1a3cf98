package io.runwire.security;

import io.runwire.db.SqlFiles;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Whether a key a session was opened with still speaks for a platform admin (not revoked, not expired, still ADMIN). */
@Component
public class AdminKeys {

    private final NamedParameterJdbcTemplate jdbc;

    public AdminKeys(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean stillValid(UUID keyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(SqlFiles.load("api-key-admin-still-valid"),
                Map.of("keyId", keyId), Boolean.class));
    }
}
