package io.runwire.runbook;

import java.util.HashMap;
import java.util.Map;

/**
 * Where an execution stands after an attempt: {@code retry} after {@code delayMs}, or done with a final
 * {@code status} (SUCCESS, FAILED, TIMED_OUT), its {@code error} in words and its result as JSON text; with what the
 * attempt itself got (HTTP status, or the class of error) and how long it took, for the attempt's record.
 */
public record ExecutionOutcome(boolean retry, long delayMs, String status, String error, String resultJson,
                               Integer statusCode, String errorClass, long durationMs) {

    /**
     * The named parameters of runbook-execution-finish.sql and runbook-execution-retry-later.sql ({@code :#status},
     * ...), as a map camel-sql reads from the body directly.
     */
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("status", status);
        parameters.put("error", error);
        parameters.put("resultJson", resultJson);
        parameters.put("statusCode", statusCode);
        parameters.put("errorClass", errorClass);
        parameters.put("durationMs", durationMs);
        parameters.put("delayMs", delayMs);
        return parameters;
    }
}
