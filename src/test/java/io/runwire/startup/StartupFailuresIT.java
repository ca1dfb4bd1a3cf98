package io.runwire.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.db.EmbeddedDatabase;
import io.runwire.db.EmbeddedDatabaseProperties;
import io.runwire.drill.RunwireProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each way a start fails that a user can cause, tried on the packaged jar: the output ends with one sentence saying
 * what is wrong and what to do, and the process exits non-zero. Only loopback is ever connected to; the external
 * database is an embedded PostgreSQL this test starts.
 */
class StartupFailuresIT {

    private static final Path JAR = Path.of(System.getProperty("runwire.jar", "target/runwire-0.1.0-SNAPSHOT.jar"));
    private static final Path WORK = Path.of("target", "startup-it");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static EmbeddedPostgres externalDatabase;

    @BeforeAll
    static void startAnExternalDatabase() throws IOException {
        assertThat(JAR).as("these tests start the packaged jar; run them with mvn -B verify").isRegularFile();
        externalDatabase = EmbeddedDatabase.start(new EmbeddedDatabaseProperties(
                WORK.resolve("external-" + UUID.randomUUID()), false, 0, null));
    }

    @AfterAll
    static void stopTheExternalDatabase() throws IOException {
        if (externalDatabase != null) {
            externalDatabase.close();
        }
    }

    @Test
    void theJarStartsWhereThereIsNoSourceTreeWithTheRoutesItCarries() throws IOException {
        Path elsewhere = WORK.resolve("elsewhere").toAbsolutePath();
        try (RunwireProcess runwire = RunwireProcess.of("elsewhere", JAR, WORK.resolve("logs"), elsewhere.resolve("data"),
                RunwireProcess.freePort(), "startup-it-token", Map.of(), List.of()).workingIn(elsewhere)) {
            runwire.start();
            runwire.awaitHealthy(Duration.ofSeconds(90));
            assertThat(Files.exists(elsewhere.resolve("routes"))).isFalse();
            assertThat(String.join("\n", runwire.lastLines(100000))).contains("Started action-jira", "Started action-webhook");
        }
    }

    @Test
    void missingEncryptionKeyWithAnExternalDatabase() throws IOException {
        RunwireProcess runwire = process("no-key", RunwireProcess.freePort(), external("postgres"));

        assertFailsSaying(runwire, "RUNWIRE_ENCRYPTION_KEY is not set, and with an external database "
                + "(SPRING_DATASOURCE_URL) every replica must decrypt what the others encrypted: set it to the same "
                + "key on all of them (generate one with: openssl rand -base64 32).");
    }

    @Test
    void malformedEncryptionKey() throws IOException {
        Map<String, String> environment = new HashMap<>(external("postgres"));
        environment.put("RUNWIRE_ENCRYPTION_KEY", "not base64!");
        RunwireProcess runwire = process("bad-key", RunwireProcess.freePort(), environment);

        assertFailsSaying(runwire, "RUNWIRE_ENCRYPTION_KEY is not valid base64; generate one with: "
                + "openssl rand -base64 32.");
    }

    @Test
    void portInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RunwireProcess runwire = process("port-in-use", taken.getLocalPort(), Map.of());

            assertFailsSaying(runwire, "Port " + taken.getLocalPort() + " is already in use by another process: stop "
                    + "that process, or start Runwire on another port with PORT=<port>.");
        }
    }

    @Test
    void databaseUnreachable() throws IOException {
        int closedPort = RunwireProcess.freePort();
        RunwireProcess runwire = process("db-unreachable", RunwireProcess.freePort(), Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/runwire?connectTimeout=5",
                "SPRING_DATASOURCE_USERNAME", "runwire",
                "RUNWIRE_ENCRYPTION_KEY", KEY));

        assertFailsSaying(runwire, "The database at jdbc:postgresql://127.0.0.1:" + closedPort + "/runwire cannot be "
                + "reached (connection refused): start PostgreSQL there, or point SPRING_DATASOURCE_URL at a running "
                + "one.");
    }

    @Test
    void databaseRefusesTheLogin() throws IOException {
        Map<String, String> environment = new HashMap<>(external("no_such_login"));
        environment.put("RUNWIRE_ENCRYPTION_KEY", KEY);
        RunwireProcess runwire = process("login-refused", RunwireProcess.freePort(), environment);

        assertFailsSaying(runwire, "The database at " + environment.get("SPRING_DATASOURCE_URL") + " refused the login "
                + "(role \"no_such_login\" does not exist): set SPRING_DATASOURCE_USERNAME and "
                + "SPRING_DATASOURCE_PASSWORD (and SPRING_FLYWAY_USER, SPRING_FLYWAY_PASSWORD for migrations) to "
                + "logins it accepts, as README's External PostgreSQL describes.");
    }

    @Test
    void secondInstanceOnTheSameEmbeddedDataDirectory() throws IOException {
        Path dataDirectory = WORK.resolve("shared-" + UUID.randomUUID());
        try (RunwireProcess first = RunwireProcess.of("first", JAR, WORK.resolve("logs"), dataDirectory,
                RunwireProcess.freePort(), "startup-it-token", Map.of(), List.of())) {
            first.start();
            first.awaitHealthy(PATIENCE);

            RunwireProcess second = RunwireProcess.of("second", JAR, WORK.resolve("logs"), dataDirectory,
                    RunwireProcess.freePort(), "startup-it-token", Map.of(), List.of());

            assertFailsSaying(second, "The embedded database directory "
                    + dataDirectory.resolve("postgres").toAbsolutePath() + " is in use by another running Runwire: "
                    + "stop that one first, or give this one a data directory of its own with RUNWIRE_DATA_DIR.");
            assertThat(first.isAlive()).as("the first instance is left running").isTrue();
        }
    }

    private static Map<String, String> external(String login) {
        return Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + externalDatabase.getPort() + "/postgres",
                "SPRING_DATASOURCE_USERNAME", login);
    }

    private static RunwireProcess process(String name, int port, Map<String, String> environment) throws IOException {
        Path dataDirectory = WORK.resolve(name + "-" + UUID.randomUUID());
        Files.createDirectories(dataDirectory);
        return RunwireProcess.of(name, JAR, WORK.resolve("logs"), dataDirectory, port, "startup-it-token",
                environment, List.of());
    }

    private static void assertFailsSaying(RunwireProcess runwire, String sentence) throws IOException {
        try (runwire) {
            runwire.start();
            int exitCode = runwire.awaitExit(PATIENCE);

            assertThat(exitCode).as(runwire.logTail()).isNotIn(0, -1);
            assertThat(runwire.lastLines(3)).as(runwire.logTail())
                    .anySatisfy(line -> assertThat(line).endsWith("Runwire did not start: " + sentence));
        }
    }
}
