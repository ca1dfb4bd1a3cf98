package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.http.AttemptClassifier.Outcome;
import io.runwire.http.AttemptClassifier.Verdict;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RetryPolicy THREE = new RetryPolicy(3, 500, 30_000);

    private final AttemptClassifier classifier =
            new AttemptClassifier(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "HTTP {0} on attempt {1} -> {2}")
    @CsvSource({
            "200, 1, SUCCESS", "201, 3, SUCCESS", "204, 1, SUCCESS",
            "500, 1, RETRY", "502, 2, RETRY", "503, 3, FAILED", "504, 1, RETRY",
            "429, 1, RETRY", "429, 3, FAILED",
            "400, 1, FAILED", "401, 1, FAILED", "403, 1, FAILED", "404, 1, FAILED", "409, 1, FAILED", "422, 1, FAILED",
            "301, 1, FAILED", "302, 1, FAILED",
    })
    void responsesAreRetriedOnlyWhenTheServerMayRecover(int status, int attempt, Verdict verdict) {
        assertThat(classifier.response(status, null, attempt, THREE).verdict()).isEqualTo(verdict);
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        RetryPolicy policy = new RetryPolicy(10, 500, 3_000);

        assertThat(policy.backoffBefore(2)).isEqualTo(500);
        assertThat(policy.backoffBefore(3)).isEqualTo(1_000);
        assertThat(policy.backoffBefore(4)).isEqualTo(2_000);
        assertThat(policy.backoffBefore(5)).isEqualTo(3_000);
        assertThat(classifier.response(503, null, 2, policy).delayMs()).isEqualTo(1_000);
    }

    @Test
    void retryAfterInSecondsOrAsADateReplacesTheBackoff() {
        assertThat(classifier.response(429, "7", 1, THREE).delayMs()).isEqualTo(7_000);
        assertThat(classifier.response(503, "Wed, 25 Nov 2026 12:00:30 GMT", 1, THREE).delayMs()).isEqualTo(30_000);
        assertThat(classifier.response(429, "soon", 1, THREE).delayMs()).isEqualTo(500);
    }

    @Test
    void retryAfterLongerThanRunwireWaitsFailsAtOnce() {
        Outcome outcome = classifier.response(429, "3600", 1, THREE);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(outcome.error()).isEqualTo(
                "Target answered HTTP 429 asking to retry after 3600 s, longer than Runwire waits (300 s)");
    }

    @Test
    void errorsSayWhatHappened() {
        assertThat(classifier.response(400, null, 1, THREE).error()).isEqualTo("Target answered HTTP 400 (not retried)");
        assertThat(classifier.response(503, null, 3, THREE).error()).isEqualTo("Target answered HTTP 503 after 3 attempts");
    }

    @Test
    void timeoutsAreRetriedAndTheLastOneTimesOut() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");

        assertThat(classifier.failure(timeout, "http://t", 1, 5, THREE).verdict()).isEqualTo(Verdict.RETRY);
        Outcome last = classifier.failure(timeout, "http://t", 3, 5, THREE);
        assertThat(last.verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(last.error()).isEqualTo("No complete answer from http://t within 5 s (attempt 3 of 3)");
    }

    @Test
    void aCallCutOffByItsDeadlineIsATimeoutLikeAnyOther() {
        RuntimeCamelException cutOff = new RuntimeCamelException(new CallDeadlineExceededException(Duration.ofSeconds(5)));

        assertThat(classifier.failure(cutOff, "http://t", 1, 5, THREE).verdict()).isEqualTo(Verdict.RETRY);
        Outcome last = classifier.failure(cutOff, "http://t", 3, 5, THREE);
        assertThat(last.verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(last.error()).isEqualTo("No complete answer from http://t within 5 s (attempt 3 of 3)");
    }

    @Test
    void connectionProblemsAreRetriedThenFail() {
        assertThat(classifier.failure(new ConnectException("refused"), "http://t", 1, 5, THREE).verdict())
                .isEqualTo(Verdict.RETRY);
        assertThat(classifier.failure(new ConnectException("refused"), "http://t", 3, 5, THREE).error())
                .isEqualTo("Connection refused by http://t (attempt 3 of 3)");
        assertThat(classifier.failure(new ConnectTimeoutException("slow"), "http://t", 3, 5, THREE).verdict())
                .as("a connect timeout is a connection failure, not a slow answer").isEqualTo(Verdict.FAILED);
        assertThat(classifier.failure(new UnknownHostException("nowhere"), "http://t", 1, 5, THREE).verdict())
                .isEqualTo(Verdict.RETRY);
    }

    @Test
    void wrappedIoExceptionsAreJudgedByWhatTheyWrap() {
        RuntimeCamelException wrapped = new RuntimeCamelException(new IOException("reset", new ConnectException("refused")));

        assertThat(classifier.failure(wrapped, "http://t", 1, 5, THREE).verdict()).isEqualTo(Verdict.RETRY);
    }

    @Test
    void refusedTargetsAndNonIoFailuresAreNotRetried() {
        TargetRefusedException refused = new TargetRefusedException("localhost", "127.0.0.1 is a loopback address");

        assertThat(classifier.failure(refused, "http://localhost", 1, 5, THREE).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(classifier.failure(refused, "http://localhost", 1, 5, THREE).error()).isEqualTo(refused.getMessage());
        assertThat(classifier.failure(new IllegalStateException("bad token response"), "http://t", 1, 5, THREE).verdict())
                .isEqualTo(Verdict.FAILED);
    }
}
