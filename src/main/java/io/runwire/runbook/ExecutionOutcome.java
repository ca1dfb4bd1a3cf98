package io.runwire.runbook;

/**
 * Where an execution stands after an attempt: {@code retry} after {@code delayMs}, or done with a final
 * {@code status} (SUCCESS, FAILED, TIMED_OUT), its {@code error} in words and its result as JSON text.
 */
public record ExecutionOutcome(boolean retry, long delayMs, String status, String error, String resultJson) {
}
