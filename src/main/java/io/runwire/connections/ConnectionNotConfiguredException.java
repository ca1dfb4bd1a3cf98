package io.runwire.connections;

/** A jira or linear action without a connection to use; the message is the node's error as it stands. */
public class ConnectionNotConfiguredException extends RuntimeException {

    public ConnectionNotConfiguredException(String message) {
        super(message, null, false, false);
    }
}
