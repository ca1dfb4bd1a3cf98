package io.runwire.api;

/** 429: the caller's key has no token left in the bucket this request counts against. */
public class RateLimitExceededException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitExceededException(RateLimitState state) {
        super(429, "Rate limit exceeded for this API key (" + state.bucket().name() + ": "
                + state.bucket().describe() + "); retry in " + state.retryAfterSeconds() + " s", null);
        this.retryAfterSeconds = state.retryAfterSeconds();
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
