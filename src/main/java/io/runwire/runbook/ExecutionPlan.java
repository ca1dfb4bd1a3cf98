package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.crypto.SecretPlace;
import io.runwire.http.RetryPolicy;
import java.util.Map;

/**
 * One claimed execution, read from its snapshot: where to send what, how, and how patiently. The auth stays
 * encrypted until the moment the request is made, and decrypts only in {@code authPlace}; the parameters include
 * their decrypted secrets.
 */
public record ExecutionPlan(String executionId, String runbookId, String runbookName, int runbookVersion,
                            String url, String method, Map<String, String> headers, String authCiphertext,
                            SecretPlace authPlace,
                            String template, int timeoutSeconds, RetryPolicy retry, JsonNode parameters) {

    public long timeoutMillis() {
        return timeoutSeconds * 1000L;
    }

    public boolean hasTemplate() {
        return template != null && !template.isBlank();
    }
}
