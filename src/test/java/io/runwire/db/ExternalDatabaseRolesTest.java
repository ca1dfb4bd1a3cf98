package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runwire.RunwireApplication;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With {@code SPRING_DATASOURCE_URL} Runwire needs no superuser: on a PostgreSQL prepared with the roles script that
 * docker-compose.yml mounts (and README gives an operator), Flyway migrates as runwire_owner through
 * {@code spring.flyway.user} and the service runs as runwire_app.
 */
class ExternalDatabaseRolesTest {

    private static final String ADMIN_TOKEN = "external-admin-token";

    @Test
    void onAnOperatorsDatabaseFlywayMigratesAsTheOwnerAndTheServiceRunsAsTheAppRole(@TempDir Path dataDirectory)
            throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(
                new EmbeddedDatabaseProperties(dataDirectory, false, 0, null))) {
            runAsSuperuser(postgres, operatorsRolesScript());

            try (ConfigurableApplicationContext runwire = start(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres")) {
                JdbcTemplate jdbc = runwire.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("runwire_app");
                assertThat(runwire.getBean(LeastPrivilegeCheck.class).powers().beyondRows()).isEmpty();
                assertThat(jdbc.queryForList("SELECT DISTINCT installed_by FROM flyway_schema_history", String.class))
                        .containsExactly("runwire_owner");
                assertThat(jdbc.queryForObject("SELECT to_regclass('runwire.runbook_executions') IS NOT NULL",
                        Boolean.class)).isTrue();
                assertThatThrownBy(() -> jdbc.execute("CREATE TABLE planted (x int)"))
                        .rootCause().hasMessageContaining("permission denied for schema runwire");

                ApiClient admin = new ApiClient(
                        "http://127.0.0.1:" + runwire.getEnvironment().getProperty("local.server.port"), ADMIN_TOKEN);
                ApiResponse created = admin.post("/api/teams", Map.of("name", "on-an-external-database"));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThatThrownBy(() -> jdbc.update("UPDATE audit_events SET action = 'x'"))
                        .rootCause().hasMessageContaining("permission denied for table audit_events");
            }
        }
    }

    /** docker/postgres/runwire-roles.sql, with the passwords psql would read from the environment filled in. */
    private static String operatorsRolesScript() throws Exception {
        return Files.readAllLines(Path.of("docker", "postgres", "runwire-roles.sql")).stream()
                .filter(line -> !line.startsWith("\\getenv"))
                .map(line -> line.replace(":'owner_password'", "'owner-pw-4471'").replace(":'app_password'", "'app-pw-8812'"))
                .collect(Collectors.joining("\n"));
    }

    private static void runAsSuperuser(EmbeddedPostgres postgres, String script) throws Exception {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection();
             Statement statement = superuser.createStatement()) {
            statement.execute(script);
        }
    }

    private static ConfigurableApplicationContext start(String jdbcUrl) {
        return new SpringApplicationBuilder(RunwireApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=runwire_app",
                        "--spring.datasource.password=app-pw-8812",
                        "--spring.flyway.user=runwire_owner",
                        "--spring.flyway.password=owner-pw-4471",
                        "--runwire.encryption.key=" + Base64.getEncoder().encodeToString(new byte[32]),
                        "--runwire.bootstrap-admin-token=" + ADMIN_TOKEN,
                        "--server.port=0");
    }
}
