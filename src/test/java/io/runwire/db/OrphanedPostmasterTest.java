package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zonky runs PostgreSQL as a process of its own, so a {@code kill -9} of the JVM leaves it running on the data
 * directory. The next start must stop that orphan and come up with the data intact — and must never touch a server
 * that a live JVM still owns.
 */
class OrphanedPostmasterTest {

    @Test
    void startAfterTheJvmWasKilledStopsTheOrphanAndKeepsTheData(@TempDir Path dataDirectory) throws Exception {
        Process holder = startHolder(dataDirectory);
        long orphanPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("PostgreSQL outlives kill -9").contains(true);

        try (EmbeddedPostgres restarted = EmbeddedDatabase.start(properties(dataDirectory));
             Connection connection = restarted.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM survivors")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("written before the crash");
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aServerOwnedByALiveJvmIsNeverStopped(@TempDir Path dataDirectory) throws Exception {
        Process holder = startHolder(dataDirectory);
        try {
            assertThatThrownBy(() -> OrphanedPostmaster.stopIfPresent(dataDirectory, java.time.Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another running Runwire");
            assertThat(holder.isAlive()).isTrue();
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
            OrphanedPostmaster.stopIfPresent(dataDirectory, java.time.Duration.ofSeconds(30));
        }
    }

    private static Process startHolder(Path dataDirectory) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseHolder.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals("READY")) {
            // zonky's start-up log
        }
        assertThat(line).as("the holder JVM started its database").isEqualTo("READY");
        return holder;
    }

    private static EmbeddedDatabaseProperties properties(Path dataDirectory) {
        return new EmbeddedDatabaseProperties(dataDirectory, false, 0, null);
    }
}
