package io.runwire.runbook;

import io.runwire.db.StoredJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * What a preview (routes/previews.yaml) shows: the request runbook-request put on the message — method, URL, headers,
 * body, every credential already {@code "****"} — for an execution that does not exist. Where the real request
 * carries the execution's id (Idempotency-Key, X-Runwire-Execution-Id, a template's {@code $execution.id}), the
 * preview carries {@link #EXECUTION_ID_PLACEHOLDER}.
 */
@Component("runbookPreviews")
public class RunbookPreviews {

    /** Stands for the id of the execution Execute would create (and of the workflow execution a workflow would). */
    public static final String EXECUTION_ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    private final StoredJson storedJson;

    public RunbookPreviews(StoredJson storedJson) {
        this.storedJson = storedJson;
    }

    public String executionIdPlaceholder() {
        return EXECUTION_ID_PLACEHOLDER;
    }

    /** The parameters the preview renders with: validated, defaults applied, write-only values {@code "****"}. */
    public String parameters(@Variable("parameters") RunbookExecutions.Parameters parameters) {
        return storedJson.write(parameters.masked());
    }

    /** The request on the message as runbook-call-target would hand it to the HTTP producer; Camel's own names aside. */
    public Map<String, Object> request(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.toLowerCase(Locale.ROOT).startsWith("camel")) {
                headers.put(name, String.valueOf(value));
            }
        });
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", message.getHeader(Exchange.HTTP_METHOD, String.class));
        request.put("url", message.getHeader(Exchange.HTTP_URI, String.class));
        request.put("headers", headers);
        request.put("body", message.getBody(String.class));
        return request;
    }

    /** Why nothing would be sent, in the words the execution would record (a template that fails, say). */
    public String notSent(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return "Not sent: " + (failure == null ? "unknown error" : failure.getMessage());
    }

    /** The preview of one runbook on one incident: the request, or why there would be none. */
    public Map<String, Object> preview(@Variable("runbook") Map<String, Object> runbook,
                                       @Variable("incidentId") Object incidentId,
                                       @Variable("previewRequest") Map<String, Object> request,
                                       @Variable("previewError") String error) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", String.valueOf(runbook.get("id")));
        shown.put("name", runbook.get("name"));
        shown.put("version", runbook.get("version"));
        shown.put("approvalStatus", runbook.get("approvalStatus"));
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("runbook", shown);
        preview.put("incidentId", String.valueOf(incidentId));
        preview.put("request", request);
        preview.put("error", error);
        preview.put("executionIdPlaceholder", EXECUTION_ID_PLACEHOLDER);
        return preview;
    }
}
