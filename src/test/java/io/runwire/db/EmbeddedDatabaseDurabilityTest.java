package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The embedded default must keep data like a real server: fsync and synchronous commit on. */
class EmbeddedDatabaseDurabilityTest {

    @Test
    void serviceConfigurationRunsEmbeddedPostgresWithFsyncAndSynchronousCommitOn(@TempDir Path dataDirectory)
            throws Exception {
        EmbeddedDatabaseProperties configured = serviceConfiguration();
        assertThat(configured.durable()).isTrue();
        assertThat(configured.dataDirectory()).isEqualTo(Path.of("data", "postgres"));

        EmbeddedDatabaseProperties inTempDirectory = new EmbeddedDatabaseProperties(
                dataDirectory, configured.durable(), configured.port(), configured.startupWait());
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(inTempDirectory);
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    /** runwire.database.embedded.* exactly as the packaged application.yaml sets it (no test profile). */
    private static EmbeddedDatabaseProperties serviceConfiguration() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("runwire.database.embedded", EmbeddedDatabaseProperties.class)
                .orElseGet(EmbeddedDatabaseProperties::defaults);
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
