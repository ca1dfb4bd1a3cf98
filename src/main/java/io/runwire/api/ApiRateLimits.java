package io.runwire.api;

import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which bucket of its key a request takes a token from: the execute bucket for everything that starts (or renders)
 * a call — {@code POST} of a path ending in {@code /execute}, {@code /rerun} or {@code /preview}, whatever comes
 * before it — and the api bucket for the rest. Each request counts against one bucket only.
 */
@Component
public class ApiRateLimits {

    private static final Pattern EXECUTE_PATHS = Pattern.compile("^/api/.+/(execute|rerun|preview)/?$");

    private final boolean enabled;
    private final RateLimitBucket api;
    private final RateLimitBucket execute;

    public ApiRateLimits(@Value("${runwire.api.rate-limit.enabled:true}") boolean enabled,
                         @Value("${runwire.api.rate-limit.rate:100}") double rate,
                         @Value("${runwire.api.rate-limit.burst:200}") int burst,
                         @Value("${runwire.api.rate-limit.execute.rate:20}") double executeRate,
                         @Value("${runwire.api.rate-limit.execute.burst:100}") int executeBurst) {
        this.enabled = enabled;
        this.api = new RateLimitBucket("api", rate, burst);
        this.execute = new RateLimitBucket("execute", executeRate, executeBurst);
    }

    /** The bucket for {@code method} on {@code path} (below the context path), or null when limits are off. */
    public RateLimitBucket bucketFor(String method, String path) {
        if (!enabled) {
            return null;
        }
        return "POST".equalsIgnoreCase(method) && EXECUTE_PATHS.matcher(path).matches() ? execute : api;
    }
}
