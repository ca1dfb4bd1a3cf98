package io.runwire.startup;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** The database could not be reached, or refused the login (or the database): which, where, and what to set. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<PSQLException> {

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PSQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String where = where();
        if (state.equals(PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState())) {
            return new FailureAnalysis("The database" + where + " cannot be reached (" + network(cause) + "): "
                    + "start PostgreSQL there, or point SPRING_DATASOURCE_URL at a running one.", null, cause);
        }
        // 28xxx: the login or its password was refused; 3D000: no such database
        if (state.startsWith("28") || state.equals("3D000")) {
            return new FailureAnalysis("The database" + where + " refused the login (" + serverSays(cause) + "): "
                    + "set SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (and SPRING_FLYWAY_USER, "
                    + "SPRING_FLYWAY_PASSWORD for migrations) to logins it accepts, as README's External PostgreSQL "
                    + "describes.", null, cause);
        }
        return null;
    }

    /** The URL without its query, where a password may be. */
    private String where() {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            return "";
        }
        int query = url.indexOf('?');
        return " at " + (query < 0 ? url : url.substring(0, query));
    }

    private static String network(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
        }
        return "no connection";
    }

    private static String serverSays(PSQLException cause) {
        ServerErrorMessage server = cause.getServerErrorMessage();
        String message = server != null && server.getMessage() != null ? server.getMessage() : cause.getMessage();
        return message.strip();
    }
}
