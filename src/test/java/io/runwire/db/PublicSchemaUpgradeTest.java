package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runwire.RunwireApplication;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A user of the version before the least-privilege layout has {@code ./data/postgres} with everything in schema
 * public, owned by the superuser, and Flyway's history there too. This version starts on it with no manual step,
 * keeps every row, and runs as the app role on them.
 */
class PublicSchemaUpgradeTest {

    private static final String ADMIN_TOKEN = "upgrade-admin-token";

    @Test
    void startingOnAnEarlierVersionsDatabaseMovesItIntoSchemaRunwireAndKeepsEveryRow(@TempDir Path dataDirectory)
            throws Exception {
        Path postgresDirectory = dataDirectory.resolve("postgres");
        UUID teamId = layOutAsTheEarlierVersionDid(postgresDirectory);

        try (ConfigurableApplicationContext runwire = start(postgresDirectory)) {
            JdbcTemplate jdbc = runwire.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("runwire_app");
            assertThat(jdbc.queryForObject("SELECT name FROM teams WHERE id = ?", String.class, teamId))
                    .isEqualTo("kept-from-before");
            assertThat(jdbc.queryForList("SELECT action FROM audit_events WHERE resource_id = ?", String.class,
                    teamId.toString())).containsExactly("team.created");
            assertThat(jdbc.queryForList("""
                    SELECT version FROM flyway_schema_history
                    WHERE installed_by = 'postgres' AND version IS NOT NULL ORDER BY installed_rank
                    """, String.class)).as("the earlier version's history, not a second run of V1").contains("1", "2");
            assertThat(jdbc.queryForObject("SELECT to_regclass('public.teams') IS NULL", Boolean.class)).isTrue();
            assertThat(jdbc.queryForList("""
                    SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'runwire'::regnamespace
                    UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'runwire'::regnamespace
                    """, String.class)).containsExactly("runwire_owner");
            assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_events WHERE resource_id = ?", teamId.toString()))
                    .rootCause().hasMessageContaining("permission denied for table audit_events");

            ApiClient admin = new ApiClient("http://127.0.0.1:" + runwire.getEnvironment().getProperty("local.server.port"),
                    ADMIN_TOKEN);
            ApiResponse teams = admin.get("/api/teams");
            assertThat(teams.status()).as(teams.toString()).isEqualTo(200);
            assertThat(teams.body().findValuesAsText("name")).contains("kept-from-before");
            ApiResponse created = admin.post("/api/teams", Map.of("name", "made-after-the-upgrade"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }

        try (EmbeddedPostgres restarted = EmbeddedDatabase.start(properties(postgresDirectory))) {
            EmbeddedDatabaseLayout.prepare(restarted);
            JdbcTemplate superuser = new JdbcTemplate(restarted.getPostgresDatabase());
            assertThat(superuser.queryForList("SELECT name FROM teams ORDER BY name", String.class))
                    .as("a later start changes nothing; psql as postgres still finds the tables by name")
                    .containsExactly("kept-from-before", "made-after-the-upgrade");
        }
    }

    /**
     * Flyway as the superuser into public, as Runwire did before, and a team with its audit event. Only that version's
     * migrations, V1 and V2: today's repeatable views read columns of later ones.
     */
    private static UUID layOutAsTheEarlierVersionDid(Path postgresDirectory) throws Exception {
        Path earlierMigrations = Files.createDirectories(postgresDirectory.resolveSibling("earlier-migrations"));
        for (String migration : new String[] {"V1__schema.sql", "V2__execution_queueing.sql"}) {
            Files.copy(Path.of("src/main/resources/db/migration", migration), earlierMigrations.resolve(migration));
        }
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(properties(postgresDirectory))) {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("filesystem:" + earlierMigrations)
                    .skipDefaultCallbacks(true)
                    .load()
                    .migrate();
            JdbcTemplate superuser = new JdbcTemplate(postgres.getPostgresDatabase());
            assertThat(superuser.queryForObject("SELECT to_regclass('public.teams') IS NOT NULL", Boolean.class))
                    .isTrue();
            UUID teamId = superuser.queryForObject(
                    "INSERT INTO teams (name) VALUES ('kept-from-before') RETURNING id", UUID.class);
            superuser.update("""
                    INSERT INTO audit_events (action, team_id, resource_type, resource_id)
                    VALUES ('team.created', ?, 'team', ?)
                    """, teamId, teamId.toString());
            return teamId;
        }
    }

    private static ConfigurableApplicationContext start(Path postgresDirectory) {
        return new SpringApplicationBuilder(RunwireApplication.class)
                .profiles("test")
                .run("--runwire.database.embedded.data-directory=" + postgresDirectory,
                        "--runwire.bootstrap-admin-token=" + ADMIN_TOKEN,
                        "--server.port=0");
    }

    private static EmbeddedDatabaseProperties properties(Path postgresDirectory) {
        return new EmbeddedDatabaseProperties(postgresDirectory, false, 0, null);
    }
}
