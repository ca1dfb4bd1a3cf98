package io.runwire.http;

import java.net.UnknownHostException;

/**
 * A call Runwire will not make because its host resolves to an internal address. An {@link UnknownHostException}
 * so HttpClient passes it through untouched and never retries it; its own type so a retry policy can tell it from a
 * DNS hiccup: it is permanent until the configuration changes.
 */
public class TargetRefusedException extends UnknownHostException {

    private final String host;
    private final String reason;

    public TargetRefusedException(String host, String reason) {
        super("Refused to call " + host + ": " + reason + ". Outgoing calls to private, loopback and link-local "
                + "addresses are disabled; set RUNWIRE_HTTP_ALLOW_PRIVATE=true or list the host in "
                + "RUNWIRE_HTTP_ALLOWED_HOSTS");
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public String reason() {
        return reason;
    }
}
