package io.runwire.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;

/** Starts the embedded PostgreSQL with the settings a user's data deserves. */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    public static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) throws IOException {
        Files.createDirectories(properties.dataDirectory());
        OrphanedPostmaster.stopIfPresent(properties.dataDirectory(), properties.startupWait());
        String durability = properties.durable() ? "on" : "off";
        return EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDirectory())
                .setCleanDataDirectory(false)
                // Spring closes it after Camel has finished in-flight work; a JVM hook of its own would race that
                .setRegisterShutdownHook(false)
                .setPort(properties.port())
                .setPGStartupWait(properties.startupWait())
                // zonky passes -F (fsync off) and synchronous_commit=off for test speed; these later settings win
                .setServerConfig("fsync", durability)
                .setServerConfig("synchronous_commit", durability)
                .setServerConfig("full_page_writes", durability)
                .start();
    }
}
