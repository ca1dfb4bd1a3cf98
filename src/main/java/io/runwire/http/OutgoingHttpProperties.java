package io.runwire.http;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Runwire calls out over HTTP.
 *
 * @param allowPrivate           {@code RUNWIRE_HTTP_ALLOW_PRIVATE}: allow loopback, private, link-local and metadata
 *                               addresses (tests, the quickstart, an all-internal deployment)
 * @param allowedHosts           {@code RUNWIRE_HTTP_ALLOWED_HOSTS}: host names or IP literals, comma-separated, that
 *                               may be called whatever they resolve to
 * @param connectTimeout         until a connection is established, when a call sets none of its own
 * @param maxConnections         open connections in all, across targets
 * @param maxConnectionsPerRoute open connections to one target
 */
@ConfigurationProperties("runwire.http")
public record OutgoingHttpProperties(Boolean allowPrivate, List<String> allowedHosts, Duration connectTimeout,
                                     Integer maxConnections, Integer maxConnectionsPerRoute) {

    public OutgoingHttpProperties {
        allowPrivate = allowPrivate == null ? Boolean.FALSE : allowPrivate;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        maxConnections = maxConnections == null ? 200 : maxConnections;
        maxConnectionsPerRoute = maxConnectionsPerRoute == null ? 20 : maxConnectionsPerRoute;
    }

    public static OutgoingHttpProperties defaults() {
        return new OutgoingHttpProperties(null, null, null, null, null);
    }

    public TargetAddressGuard guard() {
        return new TargetAddressGuard(allowPrivate, allowedHosts);
    }
}
