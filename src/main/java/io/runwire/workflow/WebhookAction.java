package io.runwire.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls {@code url} with {@code method} (GET, POST, PUT, PATCH or DELETE; POST when left out), {@code headers} and
 * {@code body}, each attempt given {@code timeoutSeconds} (1–900; null: {@code runwire.workflows.webhook-timeout-seconds});
 * url (its path and query: scheme and host are written out), header values and body are Velocity templates over the
 * runbook template context. {@code auth} is {@code {type: none|bearer|basic|headers|oauth2, ...}} in a request; in a
 * stored definition it is the ciphertext of that object (null for none), for
 * {@link io.runwire.http.TargetAuthentication#apply}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAction(String url, String method, Map<String, String> headers, String body, JsonNode auth,
                            Integer timeoutSeconds) implements ActionData {

    public WebhookAction {
        method = method == null ? "POST" : method;
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The stored auth's ciphertext; null when there is none (or this is a request's plain auth). */
    public String authCiphertext() {
        return auth != null && auth.isTextual() ? auth.textValue() : null;
    }

    WebhookAction withAuth(JsonNode newAuth) {
        return new WebhookAction(url, method, headers, body, newAuth, timeoutSeconds);
    }
}
