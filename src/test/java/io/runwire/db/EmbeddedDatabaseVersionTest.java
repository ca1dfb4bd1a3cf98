package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runwire.db.DataDirectoryVersion.IncompatibleDataDirectoryException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default is PostgreSQL 17, and a data directory of another major version is refused untouched. */
class EmbeddedDatabaseVersionTest {

    @Test
    void embeddedDefaultRunsPostgres17(@TempDir Path dataDirectory) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(properties(dataDirectory));
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("17.").startsWith(EmbeddedDatabase.POSTGRES_MAJOR + ".");
        }
        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION")).strip()).isEqualTo("17");
    }

    @Test
    void directoryMadeByPostgres14IsRefusedInOneSentenceAndLeftByteForByte(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("postgres");
        Files.createDirectories(dataDirectory.resolve("base/5"));
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "14\n");
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "# made by initdb 14\n");
        Files.write(dataDirectory.resolve("base/5/1259"), new byte[] {0, 1, 2, 3, (byte) 0xff});
        // a pid file of a live process: not even the orphaned-server check may act on it
        Files.writeString(dataDirectory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
        Map<String, String> before = snapshot(parent);

        assertThatThrownBy(() -> EmbeddedDatabase.start(properties(dataDirectory)))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessage("The embedded database directory " + dataDirectory.toAbsolutePath()
                        + " was made by PostgreSQL 14 and this Runwire runs PostgreSQL 17, so it was left untouched;"
                        + " upgrade it with PostgreSQL 17's pg_upgrade, or move it aside (mv "
                        + dataDirectory.toAbsolutePath() + " " + dataDirectory.toAbsolutePath()
                        + "-pg14) to start on an empty database.");

        assertThat(snapshot(parent)).isEqualTo(before);
    }

    @Test
    void directoryOfANewerVersionIsRefusedToo(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "18\n");

        assertThatThrownBy(() -> EmbeddedDatabase.start(properties(dataDirectory)))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining("was made by PostgreSQL 18, newer than the PostgreSQL 17 this Runwire runs");
        assertThat(Files.list(dataDirectory)).extracting(path -> path.getFileName().toString())
                .containsExactly("PG_VERSION");
    }

    private static EmbeddedDatabaseProperties properties(Path dataDirectory) {
        return new EmbeddedDatabaseProperties(dataDirectory, false, 0, null);
    }

    /** Every file and folder under {@code root}: its content (or that it is a folder) and last-modified time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                FileTime modified = Files.getLastModifiedTime(path);
                String content = Files.isDirectory(path) ? "<dir>" : Arrays.toString(Files.readAllBytes(path));
                files.put(root.relativize(path).toString(), content + " @" + modified.toMillis());
            }
        }
        return files;
    }
}
