package io.runwire.runbook;

/**
 * Where an execution stands after an attempt: {@code retry} after {@code delayMs}, or done with a final
 * {@code status} (SUCCESS, FAILED, TIMED_OUT), its {@code error} in words and its result as JSON text; with what the
 * attempt itself got (HTTP status, or the class of error) and how long it took, for the attempt's record.
 */
public record ExecutionOutcome(boolean retry, long delayMs, String status, String error, String resultJson,
                               Integer statusCode, String errorClass, long durationMs) {
}
