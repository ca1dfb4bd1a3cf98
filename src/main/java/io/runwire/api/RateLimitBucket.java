package io.runwire.api;

/**
 * A token bucket of the API's rate limits: {@code burst} requests at once, refilled at {@code rate} a second. As a
 * quota policy of the IETF httpapi draft (draft-ietf-httpapi-ratelimit-headers-11, section 3) it is the burst as the
 * quota {@code q} over the seconds a whole burst takes to refill as the window {@code w}.
 */
public record RateLimitBucket(String name, double rate, int burst) {

    public RateLimitBucket {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate limit '" + name + "': the rate must be a positive number, not " + rate);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit '" + name + "': the burst must be at least 1, not " + burst);
        }
    }

    /** The {@code RateLimit-Policy} field value, e.g. {@code "api";q=200;w=2}. */
    public String policyField() {
        return "\"" + name + "\";q=" + burst + ";w=" + secondsFor(burst);
    }

    /** Whole seconds (at least 1) for the bucket to gain {@code tokens}. */
    long secondsFor(double tokens) {
        return Math.max(1, (long) Math.ceil(tokens / rate));
    }

    String describe() {
        String perSecond = rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
        return perSecond + " requests a second, bursts of " + burst;
    }
}
