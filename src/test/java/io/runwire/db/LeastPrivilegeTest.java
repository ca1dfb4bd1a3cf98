package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runwire.support.ApiTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the embedded default the service's own DataSource logs in as a role that may read and write rows and nothing
 * more, so a SQL injection cannot run OS commands, change the schema or rewrite the audit trail.
 */
class LeastPrivilegeTest extends ApiTestSupport {

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    LeastPrivilegeCheck leastPrivilegeCheck;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theServiceRunsOnEmbeddedPostgres17() {
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17.");
    }

    @Test
    void theServiceLogsInAsTheAppRoleWhichIsNoSuperuser() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("runwire_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .isFalse();
        assertThat(jdbc.queryForObject("SELECT rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = current_user",
                Boolean.class)).isFalse();
        assertThat(leastPrivilegeCheck.powers().beyondRows()).isEmpty();
    }

    @Test
    void theAppRoleOwnsNothingAndIsMemberOfNoRole() {
        assertThat(jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)
                     + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
                     + (SELECT count(*) FROM pg_type WHERE typowner = r.oid)
                     + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)
                     + (SELECT count(*) FROM pg_auth_members WHERE member = r.oid)
                FROM pg_roles r WHERE rolname = current_user
                """, Long.class)).isZero();
    }

    @Test
    void theTablesLiveInSchemaRunwireOwnedByTheOwnerRole() {
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("runwire");
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class
                WHERE relnamespace = 'runwire'::regnamespace
                """, String.class)).containsExactly("runwire_owner");
        assertThat(jdbc.queryForObject("SELECT to_regclass('runwire.flyway_schema_history') IS NOT NULL",
                Boolean.class)).isTrue();
    }

    @Test
    void theAppRoleCannotCreateATableInAnySchema() {
        assertThatThrownBy(() -> jdbc.execute("CREATE TABLE planted (x int)"))
                .rootCause().hasMessageContaining("permission denied for schema runwire");
        assertThatThrownBy(() -> jdbc.execute("CREATE TABLE public.planted (x int)"))
                .rootCause().hasMessageContaining("permission denied for schema public");
    }

    @Test
    void theAppRoleCannotDropOrAlterTheSchema() {
        assertThatThrownBy(() -> jdbc.execute("DROP SCHEMA runwire CASCADE"))
                .rootCause().hasMessageContaining("must be owner of schema runwire");
        assertThatThrownBy(() -> jdbc.execute("DROP TABLE incidents"))
                .rootCause().hasMessageContaining("must be owner of table incidents");
        assertThatThrownBy(() -> jdbc.execute("ALTER TABLE audit_events DISABLE TRIGGER ALL"))
                .rootCause().hasMessageContaining("must be owner of table audit_events");
    }

    @Test
    void theAppRoleMayAppendAuditEventsButNotChangeOrRemoveThem() {
        String teamId = createTeam();

        assertThat(auditActions(teamId)).isNotEmpty();
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_events SET action = 'x' WHERE team_id = ?::uuid", teamId))
                .rootCause().hasMessageContaining("permission denied for table audit_events");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_events WHERE team_id = ?::uuid", teamId))
                .rootCause().hasMessageContaining("permission denied for table audit_events");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_events"))
                .rootCause().hasMessageContaining("permission denied for table audit_events");
    }

    @Test
    void theAppRoleMayTakeTheLockTheFirstStartTakesBeforeCreatingTheAdmin() {
        // BootstrapAdmin without RUNWIRE_BOOTSTRAP_ADMIN_TOKEN; the test profile sets the token, so it runs here
        Boolean locked = transaction.execute(status -> {
            jdbc.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
            status.setRollbackOnly();
            return true;
        });
        assertThat(locked).isTrue();
    }

    @Test
    void theAppRoleCannotRunOperatingSystemCommands() {
        assertThatThrownBy(() -> jdbc.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                .rootCause().hasMessageContaining("permission denied").hasMessageContaining("pg_execute_server_program");
    }

    @Test
    void evenTheOwnerRoleCannotChangeAnAuditEventForTheTriggerRefusesIt() throws SQLException {
        String teamId = createTeam();

        try (Connection owner = postgres.getDatabase(EmbeddedDatabaseLayout.OWNER, EmbeddedDatabaseLayout.DATABASE)
                .getConnection();
             PreparedStatement update = owner.prepareStatement(
                     "UPDATE audit_events SET action = 'x' WHERE team_id = ?::uuid")) {
            assertThat(owner.getMetaData().getUserName()).isEqualTo("runwire_owner");
            update.setString(1, teamId);
            assertThatThrownBy(update::executeUpdate).hasMessageContaining("append-only");
        }
    }
}
