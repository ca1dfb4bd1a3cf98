package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRateLimitsTest {

    private final ApiRateLimits limits = new ApiRateLimits(true, 100, 200, 20, 100);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/incidents/1/runbooks/2/execute, execute",
            "POST, /api/runbook-executions/1/rerun, execute",
            "POST, /api/workflows/1/execute, execute",
            "POST, /api/incidents/1/runbooks/2/preview, execute",
            "POST, /api/workflows/1/preview, execute",
            "post, /api/workflows/1/execute/, execute",
            "GET, /api/incidents/1/runbooks/executions, api",
            "GET, /api/workflows/1/execute, api",
            "POST, /api/incidents, api",
            "POST, /api/runbook-executions/1/cancel, api",
            "POST, /api/execute, api",
            "GET, /api/users/me, api"})
    void executeRerunAndPreviewPostsTakeFromTheExecuteBucket(String method, String path, String bucket) {
        assertThat(limits.bucketFor(method, path).name()).isEqualTo(bucket);
    }

    @Test
    void switchedOffThereIsNoBucket() {
        assertThat(new ApiRateLimits(false, 100, 200, 20, 100).bucketFor("GET", "/api/users/me")).isNull();
    }

    @Test
    void aPolicyIsTheBurstOverTheSecondsItTakesToRefill() {
        assertThat(new RateLimitBucket("api", 100, 200).policyField()).isEqualTo("\"api\";q=200;w=2");
        assertThat(new RateLimitBucket("execute", 3, 10).policyField()).isEqualTo("\"execute\";q=10;w=4");
        assertThat(new RateLimitBucket("slow", 0.5, 1).policyField()).isEqualTo("\"slow\";q=1;w=2");
    }

    @Test
    void anAllowedRequestSaysWhatIsLeftAndWhenTheBucketIsFull() {
        RateLimitBucket bucket = new RateLimitBucket("api", 50, 50);
        assertThat(new RateLimitState(bucket, true, 49).rateLimitField()).isEqualTo("\"api\";r=49;t=1");
        assertThat(new RateLimitState(bucket, true, 0.4).rateLimitField()).isEqualTo("\"api\";r=0;t=1");
        assertThat(new RateLimitState(new RateLimitBucket("api", 1, 10), true, 4.5).rateLimitField())
                .isEqualTo("\"api\";r=4;t=6");
        assertThat(new RateLimitState(bucket, true, 50).resetSeconds()).isZero();
    }

    @Test
    void aRefusedRequestWaitsUntilOneTokenIsBackAndSaysSoTwice() {
        RateLimitState refused = new RateLimitState(new RateLimitBucket("execute", 0.25, 5), false, 0.5);
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
        assertThat(refused.rateLimitField()).isEqualTo("\"execute\";r=0;t=2");
        assertThat(new RateLimitState(new RateLimitBucket("api", 50, 50), false, 0.99).retryAfterSeconds())
                .as("never 0: Retry-After is whole seconds").isEqualTo(1);
        RateLimitExceededException exceeded = new RateLimitExceededException(refused);
        assertThat(exceeded.status()).isEqualTo(429);
        assertThat(exceeded.retryAfterSeconds()).isEqualTo(2);
        assertThat(exceeded.getMessage())
                .isEqualTo("Rate limit exceeded for this API key (execute: 0.25 requests a second, bursts of 5); retry in 2 s");
    }

    @Test
    void aBucketNeedsAPositiveRateAndABurstOfAtLeastOne() {
        assertThatThrownBy(() -> new RateLimitBucket("api", 0, 10)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RateLimitBucket("api", 10, 0)).hasMessageContaining("at least 1");
    }
}
