package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.crypto.SecretPlace;
import io.runwire.http.RetryPolicy;
import io.runwire.signing.SigningKey;
import java.util.List;
import java.util.Map;

/**
 * One claimed execution, read from its snapshot: where to send what, how, and how patiently. The auth stays
 * encrypted until the moment the request is made, and decrypts only in {@code authPlace}; the parameters include
 * their decrypted secrets. {@code signingKeys}: the signing secrets valid when the call was planned (the claim of
 * this attempt), encrypted; none: the call is not signed.
 */
public record ExecutionPlan(String executionId, String runbookId, String runbookName, int runbookVersion,
                            String url, String method, Map<String, String> headers, String authCiphertext,
                            SecretPlace authPlace,
                            String template, int timeoutSeconds, RetryPolicy retry, JsonNode parameters,
                            List<SigningKey> signingKeys) {

    public long timeoutMillis() {
        return timeoutSeconds * 1000L;
    }

    public boolean hasTemplate() {
        return template != null && !template.isBlank();
    }
}
