package io.runwire.db;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Says so at start when the login the service runs as can do more than read and write rows (DESIGN §5). */
@Component
public class LeastPrivilegeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LeastPrivilegeCheck.class);

    private final JdbcTemplate jdbc;

    public LeastPrivilegeCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public DatabaseLoginPowers powers() {
        return jdbc.queryForObject(SqlFiles.load("database-login-powers"),
                new DataClassRowMapper<>(DatabaseLoginPowers.class));
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnAboutPowersBeyondRows() {
        DatabaseLoginPowers powers = powers();
        List<String> beyondRows = powers.beyondRows();
        if (!beyondRows.isEmpty()) {
            LOG.warn("The database login {} {}: a SQL injection would have that power too. Run the service as a "
                    + "login with row privileges only and migrate with SPRING_FLYWAY_USER (README, External PostgreSQL)",
                    powers.login(), String.join(", ", beyondRows));
        }
    }
}
