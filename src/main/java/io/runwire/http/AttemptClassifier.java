package io.runwire.http;

import io.runwire.crypto.SecretCipherException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Clock;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What one attempt of an outgoing call means for the execution: done, try again (after how long), or give up.
 * Connection errors, timeouts, 5xx and 429 are worth another attempt; other 4xx and refused targets are not.
 */
public class AttemptClassifier {

    public enum Verdict { SUCCESS, RETRY, FAILED, TIMED_OUT }

    /** The decision, with the wait before the next attempt and, when it failed, why, in words. */
    public record Outcome(Verdict verdict, long delayMs, String error) {
        public boolean retry() {
            return verdict == Verdict.RETRY;
        }
    }

    private final Duration longestRetryAfter;
    private final Clock clock;

    public AttemptClassifier(Duration longestRetryAfter, Clock clock) {
        this.longestRetryAfter = longestRetryAfter;
        this.clock = clock;
    }

    /** An attempt that got a response with {@code statusCode}. */
    public Outcome response(int statusCode, String retryAfter, int attempt, RetryPolicy policy) {
        if (statusCode >= 200 && statusCode < 300) {
            return new Outcome(Verdict.SUCCESS, 0, null);
        }
        String error = "Target answered HTTP " + statusCode;
        boolean retryable = statusCode == 429 || statusCode >= 500;
        if (!retryable) {
            return new Outcome(Verdict.FAILED, 0, error + " (not retried)");
        }
        if (attempt >= policy.attempts()) {
            return new Outcome(Verdict.FAILED, 0, error + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s"));
        }
        long delay = policy.backoffBefore(attempt + 1);
        Long askedFor = retryAfterMillis(retryAfter);
        if (askedFor != null) {
            if (askedFor > longestRetryAfter.toMillis()) {
                return new Outcome(Verdict.FAILED, 0, error + " asking to retry after " + askedFor / 1000
                        + " s, longer than Runwire waits (" + longestRetryAfter.toSeconds() + " s)");
            }
            delay = askedFor;
        }
        return new Outcome(Verdict.RETRY, delay, error);
    }

    /** An attempt that got no response because of {@code failure}. */
    public Outcome failure(Throwable failure, String target, int attempt, int timeoutSeconds, RetryPolicy policy) {
        Throwable cause = rootIo(failure);
        if (cause instanceof TargetRefusedException refused) {
            return new Outcome(Verdict.FAILED, 0, refused.getMessage());
        }
        // the credentials did not decrypt in their place: nothing was sent, and no later attempt would fare better
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SecretCipherException unreadable) {
                return new Outcome(Verdict.FAILED, 0, "Not sent: " + unreadable.getMessage());
            }
        }
        boolean timedOut = cause instanceof SocketTimeoutException && !(cause instanceof ConnectTimeoutException);
        String error = describe(cause, target, timeoutSeconds);
        if (!(cause instanceof IOException)) {
            return new Outcome(Verdict.FAILED, 0, error);
        }
        if (attempt >= policy.attempts()) {
            String finalError = error + " (attempt " + attempt + " of " + policy.attempts() + ")";
            return new Outcome(timedOut ? Verdict.TIMED_OUT : Verdict.FAILED, 0, finalError);
        }
        return new Outcome(Verdict.RETRY, policy.backoffBefore(attempt + 1), error);
    }

    private static String describe(Throwable cause, String target, int timeoutSeconds) {
        if (cause instanceof ConnectTimeoutException) {
            return "Could not connect to " + target + " in time";
        }
        if (cause instanceof SocketTimeoutException) {
            // a target silent for the whole timeout and one trickling past the deadline both gave no answer in time
            return "No complete answer from " + target + " within " + timeoutSeconds + " s";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "Connection refused by " + target;
        }
        if (cause instanceof UnknownHostException) {
            return "Unknown host in " + target;
        }
        if (cause instanceof InterruptedIOException) {
            return "Call to " + target + " was interrupted";
        }
        String message = cause.getMessage();
        return "Call to " + target + " failed: " + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message);
    }

    /** What an attempt's failure really was: the innermost IOException of its chain, else the failure itself. */
    public static Throwable cause(Throwable failure) {
        return rootIo(failure);
    }

    /** The innermost IOException of a chain (Camel and HttpClient wrap them), else the original. */
    private static Throwable rootIo(Throwable failure) {
        Throwable found = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException) {
                found = t;
            }
        }
        return found;
    }

    Long retryAfterMillis(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(clock.instant(), at.toInstant()).toMillis());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
