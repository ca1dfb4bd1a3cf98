package io.runwire.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which headers cross the API's HTTP boundary. Out: only the few a response needs — never an echo of the request's
 * headers (its Authorization among them). In: nothing that could steer Camel ({@code Camel*}) and no credentials.
 */
@Component("apiHeaderFilterStrategy")
public class ApiHeaderFilterStrategy implements HeaderFilterStrategy {

    private static final Set<String> RESPONSE_HEADERS =
            Set.of("content-type", "location", "retry-after", "cache-control", "x-request-id", "idempotent-replayed");
    private static final Set<String> REFUSED_REQUEST_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.startsWith("camel") || name.startsWith("org.apache.camel") || REFUSED_REQUEST_HEADERS.contains(name);
    }
}
