package io.runwire.db;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL that runs when no {@code SPRING_DATASOURCE_URL} is given.
 *
 * @param dataDirectory where the cluster lives; it survives restarts
 * @param durable       fsync and synchronous_commit on, as a real server; tests may turn it off for speed
 * @param port          0 picks a free port at every start
 * @param startupWait   how long to wait for the server to accept connections
 */
@ConfigurationProperties("runwire.database.embedded")
public record EmbeddedDatabaseProperties(Path dataDirectory, Boolean durable, Integer port, Duration startupWait) {

    public EmbeddedDatabaseProperties {
        dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
        durable = durable == null ? Boolean.TRUE : durable;
        port = port == null ? 0 : port;
        startupWait = startupWait == null ? Duration.ofSeconds(60) : startupWait;
    }

    public static EmbeddedDatabaseProperties defaults() {
        return new EmbeddedDatabaseProperties(null, null, null, null);
    }
}
