package io.runwire.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** A stand-in for a Runwire JVM: starts the embedded database on a directory, writes a row, then waits to be killed. */
public final class EmbeddedDatabaseHolder {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(Path.of(args[0]), true, 0, null);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(properties);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS survivors (name text)");
            statement.execute("INSERT INTO survivors VALUES ('written before the crash')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
