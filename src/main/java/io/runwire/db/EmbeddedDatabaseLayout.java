package io.runwire.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Least privilege on the embedded database, set up at every start by the cluster's superuser: schema
 * {@value #SCHEMA} owned by {@value #OWNER}, the login Flyway migrates with; {@value #APP}, the login of everything
 * else, owns nothing and may only read and write rows. An earlier version's layout is moved in first
 * ({@link PublicSchemaUpgrade}). Every step is idempotent and all of them commit together.
 *
 * <p>The cluster trusts every connection from loopback (zonky's initdb), where it alone listens. Passwords on these
 * two logins would not stop anyone who can reach it, since the superuser needs none either; what limits a SQL
 * injection is which role the session runs as.
 */
public final class EmbeddedDatabaseLayout {

    public static final String DATABASE = "postgres";
    public static final String SCHEMA = "runwire";
    public static final String OWNER = "runwire_owner";
    public static final String APP = "runwire_app";

    private EmbeddedDatabaseLayout() {
    }

    public static void prepare(EmbeddedPostgres postgres) throws SQLException {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection()) {
            superuser.setAutoCommit(false);
            try {
                run(superuser, "roles");
                PublicSchemaUpgrade.moveIfPresent(superuser);
                run(superuser, "layout");
                superuser.commit();
            } catch (SQLException | RuntimeException e) {
                superuser.rollback();
                throw e;
            }
        }
    }

    /** Runs {@code db/embedded/<name>.sql} whole; the driver splits the statements, dollar quotes included. */
    static void run(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script(name));
        }
    }

    private static String script(String name) {
        String path = "db/embedded/" + name + ".sql";
        try (InputStream in = EmbeddedDatabaseLayout.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
