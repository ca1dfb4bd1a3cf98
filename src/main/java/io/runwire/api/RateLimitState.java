package io.runwire.api;

/**
 * What one request found in its key's bucket: whether it took a token, and the tokens left (after its own, or, when it
 * was refused, as many as there are — less than one).
 */
public record RateLimitState(RateLimitBucket bucket, boolean allowed, double tokens) {

    /** Whole requests the key may still send at once. */
    public long remaining() {
        return allowed ? Math.max(0, (long) Math.floor(tokens)) : 0;
    }

    /** Seconds until the next request would be taken: for {@code Retry-After} of a refused one. */
    public long retryAfterSeconds() {
        return bucket.secondsFor(1 - Math.max(0, tokens));
    }

    /**
     * Seconds until the bucket is full again; for a refused request the same as {@link #retryAfterSeconds()} (the draft
     * wants Retry-After to be no earlier than the end of the window).
     */
    public long resetSeconds() {
        if (!allowed) {
            return retryAfterSeconds();
        }
        double missing = bucket.burst() - tokens;
        return missing <= 0 ? 0 : bucket.secondsFor(missing);
    }

    /** The {@code RateLimit} field value, e.g. {@code "api";r=150;t=1} (draft-ietf-httpapi-ratelimit-headers-11, 4). */
    public String rateLimitField() {
        return "\"" + bucket.name() + "\";r=" + remaining() + ";t=" + resetSeconds();
    }
}
