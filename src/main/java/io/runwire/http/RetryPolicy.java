package io.runwire.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How often and how patiently an outgoing call is retried: {@code attempts} in all, waiting
 * {@code initialDelayMs * 2^(n-1)} (at most {@code maxDelayMs}) before attempt n+1.
 */
public record RetryPolicy(int attempts, long initialDelayMs, long maxDelayMs) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 500, 30_000);

    public RetryPolicy {
        attempts = Math.max(1, attempts);
        initialDelayMs = Math.max(0, initialDelayMs);
        maxDelayMs = Math.max(initialDelayMs, maxDelayMs);
    }

    /** {@code attempts} in all, the delays from a definition's {@code retry} object (missing ones: the defaults). */
    public static RetryPolicy of(int attempts, JsonNode retry) {
        return new RetryPolicy(attempts,
                retry.path("initialDelayMs").asLong(DEFAULT.initialDelayMs),
                retry.path("maxDelayMs").asLong(DEFAULT.maxDelayMs));
    }

    public long backoffBefore(int nextAttempt) {
        int exponent = Math.min(30, Math.max(0, nextAttempt - 2));
        return Math.min(maxDelayMs, initialDelayMs * (1L << exponent));
    }
}
