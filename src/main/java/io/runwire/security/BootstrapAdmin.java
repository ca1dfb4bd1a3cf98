package io.runwire.security;

import io.runwire.db.SqlFiles;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Someone has to hold the first key. With {@code RUNWIRE_BOOTSTRAP_ADMIN_TOKEN} set, a platform admin holding exactly
 * that key exists after every start (a restart or a second replica just finds it). Without it, an empty database
 * gets one admin whose new key is printed once.
 */
@Component
public class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
    static final String ADMIN_EMAIL = "admin@runwire.local";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String configuredToken;

    public BootstrapAdmin(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                          @Value("${runwire.bootstrap-admin-token:}") String configuredToken) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.configuredToken = configuredToken;
    }

    /** Runs after the schema is migrated and before the web server takes its first request. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!configuredToken.isBlank()) {
            transaction.executeWithoutResult(status -> ensureKey(configuredToken));
            LOG.info("Bootstrap admin {} holds the key from RUNWIRE_BOOTSTRAP_ADMIN_TOKEN", ADMIN_EMAIL);
            return;
        }
        String token = ApiTokens.generate();
        Boolean created = transaction.execute(status -> {
            // one start at a time decides whether the database is empty
            jdbc.getJdbcTemplate().execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
            Long users = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM users", Long.class);
            if (users != null && users > 0) {
                return false;
            }
            ensureKey(token);
            return true;
        });
        if (Boolean.TRUE.equals(created)) {
            LOG.warn("""

                    ==================================================================
                      Runwire created the first platform admin: {}
                      Its API key, shown this once (keep it; only its hash is stored):

                        {}

                      Try it:  curl -H 'Authorization: Bearer <key>' localhost:8080/api/users/me
                    ==================================================================
                    """, ADMIN_EMAIL, token);
        }
    }

    private void ensureKey(String token) {
        List<UUID> admin = jdbc.queryForList(SqlFiles.load("bootstrap-admin-upsert"), Map.of("email", ADMIN_EMAIL),
                UUID.class);
        jdbc.update(SqlFiles.load("bootstrap-admin-key"), Map.of(
                "userId", admin.get(0),
                "tokenHash", ApiTokens.hash(token),
                "tokenPrefix", ApiTokens.prefix(token)));
    }
}
