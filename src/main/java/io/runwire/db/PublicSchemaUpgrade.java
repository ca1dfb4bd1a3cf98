package io.runwire.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runwire before {@link EmbeddedDatabaseLayout} kept its tables, views, functions and Flyway's history in schema
 * public, owned by the superuser. Found at start, that schema becomes schema {@value EmbeddedDatabaseLayout#SCHEMA},
 * so the data and the migration history carry over with no manual step.
 */
final class PublicSchemaUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(PublicSchemaUpgrade.class);

    private PublicSchemaUpgrade() {
    }

    /** Moves an earlier version's layout, if there is one; returns whether it did. */
    static boolean moveIfPresent(Connection superuser) throws SQLException {
        if (!exists(superuser, "public.flyway_schema_history")) {
            return false;
        }
        if (exists(superuser, EmbeddedDatabaseLayout.SCHEMA + ".flyway_schema_history")) {
            LOG.warn("Schema public holds the tables of an earlier Runwire beside schema {}, which is the one in use; "
                    + "public is left as it is", EmbeddedDatabaseLayout.SCHEMA);
            return false;
        }
        EmbeddedDatabaseLayout.run(superuser, "upgrade-from-public");
        LOG.info("Moved the database of an earlier Runwire from schema public into schema {}, owned by {}",
                EmbeddedDatabaseLayout.SCHEMA, EmbeddedDatabaseLayout.OWNER);
        return true;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
