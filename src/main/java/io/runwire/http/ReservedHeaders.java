package io.runwire.http;

import java.util.Locale;
import java.util.Set;

/**
 * Header names a runbook definition may not set. {@code Camel*} names are Camel's own controls — a
 * {@code CamelSqlQuery} header replaces the statement of the next {@code sql:} step, {@code CamelHttpUri} the URL
 * of the next call — and the rest are set by Runwire itself or belong to HTTP.
 */
public final class ReservedHeaders {

    private static final Set<String> OWNED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "idempotency-key", "x-runwire-execution-id", "expect", "upgrade", "te", "trailer", "keep-alive",
            "proxy-authorization", "proxy-connection", "cookie",
            // the signature of a signed call (io.runwire.signing.RequestSigner)
            "runwire-signature", "runwire-timestamp",
            // W3C trace context: the call's own span, when traced, so a target can join it to Runwire's trace
            "traceparent", "tracestate");

    private ReservedHeaders() {
    }

    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || OWNED.contains(lower);
    }

    /** Why a definition may not set this header, as the rest of a sentence about it. */
    public static String reason(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("camel")
                ? "is reserved: names starting with Camel steer Runwire's own integration steps"
                : "is set by Runwire or by HTTP itself";
    }
}
