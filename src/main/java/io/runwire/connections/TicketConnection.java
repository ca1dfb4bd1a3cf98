package io.runwire.connections;

/**
 * Where a jira or linear action sends its request and with which credentials: the default connection from the
 * environment, or a team's named one. {@code email} is Jira's (Basic auth {@code email:secret}); Linear has none.
 */
public record TicketConnection(String kind, String name, String baseUrl, String email, String secret) {

    @Override
    public String toString() {
        return "TicketConnection[kind=" + kind + ", name=" + name + ", baseUrl=" + baseUrl + ", secret=****]";
    }
}
