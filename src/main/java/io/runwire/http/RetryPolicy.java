package io.runwire.http;

import java.util.Map;

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

    /** From a definition's {@code retry} object; missing fields take the defaults. */
    public static RetryPolicy from(Map<String, ?> retry) {
        if (retry == null) {
            return DEFAULT;
        }
        return new RetryPolicy(
                number(retry.get("attempts"), DEFAULT.attempts),
                number(retry.get("initialDelayMs"), DEFAULT.initialDelayMs),
                number(retry.get("maxDelayMs"), DEFAULT.maxDelayMs));
    }

    public long backoffBefore(int nextAttempt) {
        int exponent = Math.min(30, Math.max(0, nextAttempt - 2));
        return Math.min(maxDelayMs, initialDelayMs * (1L << exponent));
    }

    private static int number(Object value, long fallback) {
        return value instanceof Number number ? number.intValue() : (int) fallback;
    }
}
