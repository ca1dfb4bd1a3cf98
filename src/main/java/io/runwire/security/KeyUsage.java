package io.runwire.security;

import io.runwire.db.SqlFiles;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Records that an API key was used ({@code lastUsedAt}), at most once a minute per key: see {@link KeyUseThrottle}. */
@Component
public class KeyUsage {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final KeyUseThrottle throttle = new KeyUseThrottle(INTERVAL.toMillis());

    public KeyUsage(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void used(UUID keyId) {
        long now = System.currentTimeMillis();
        if (!throttle.claim(keyId, now)) {
            return;
        }
        try {
            jdbc.update(SqlFiles.load("api-key-touch"), Map.of("keyId", keyId));
        } catch (DataAccessException e) {
            // the request itself goes on: a missed mark of use is written by the key's next request
            throttle.release(keyId, now);
            LOG.warn("Could not record the use of API key {}: {}", keyId, e.getMostSpecificCause().getMessage());
        }
    }
}
