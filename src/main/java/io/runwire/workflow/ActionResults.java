package io.runwire.workflow;

import io.runwire.api.ApiError;
import io.runwire.api.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * What an action sub-route ({@code direct:action-<type>}) hands back to the workflow engine, as the variable
 * {@code actionResult}: {@code {outcome: COMPLETED | RETRY | FAILED, output?, error?, retryAfterMs?}}. RETRY means the
 * failure is worth another attempt (the node's retry config decides whether there is one).
 */
@Component("actionResults")
public class ActionResults {

    public static final String COMPLETED = "COMPLETED";
    public static final String RETRY = "RETRY";
    public static final String FAILED = "FAILED";

    public Map<String, Object> completed(Map<String, Object> output) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", COMPLETED);
        result.put("output", output);
        return result;
    }

    public Map<String, Object> failed(String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", FAILED);
        result.put("error", error);
        return result;
    }

    public Map<String, Object> retry(String error, Long retryAfterMs) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", RETRY);
        result.put("error", error);
        result.put("retryAfterMs", retryAfterMs);
        return result;
    }

    /** The action could not be prepared (a template that fails, a bad url): nothing was sent. */
    public Map<String, Object> notSent(Exchange exchange) {
        return failed("Not sent: " + describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    /** What one of the API's own routes answered: its error (with details), or the node's output. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fromApiAnswer(Object body) {
        if (body instanceof ApiError refused) {
            return failed(withDetails(refused.error(), refused.details()));
        }
        if (body instanceof Map<?, ?> output) {
            return completed((Map<String, Object>) output);
        }
        return failed("unexpected answer: " + body);
    }

    /** An exception as its node's error: for the API's own refusals the very message it answers with, and details. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        if (failure instanceof ApiException refused) {
            return withDetails(refused.getMessage(), refused.details());
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String withDetails(String message, List<String> details) {
        return details == null || details.isEmpty() ? message : message + ": " + String.join("; ", details);
    }
}
