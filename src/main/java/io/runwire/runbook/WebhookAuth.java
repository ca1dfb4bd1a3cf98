package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.security.SecretMasker;
import java.util.Set;

/**
 * How Runwire authenticates to a runbook's target ({@code none | bearer | basic | headers | oauth2}), and which of
 * its fields are secrets: those are encrypted at rest and shown as {@code "****"}.
 */
final class WebhookAuth {

    private static final Set<String> SECRET_FIELDS = Set.of("token", "password", "clientSecret");

    private WebhookAuth() {
    }

    static String type(JsonNode auth) {
        return auth == null || auth.isNull() ? "none" : auth.path("type").asText("none");
    }

    /** The auth as the API shows it: every secret replaced, every custom header value too. */
    static ObjectNode masked(ObjectNode auth) {
        ObjectNode masked = auth.deepCopy();
        SECRET_FIELDS.stream().filter(masked::has).forEach(field -> masked.put(field, SecretMasker.MASK));
        if (masked.path("headers").isObject()) {
            ObjectNode headers = (ObjectNode) masked.get("headers");
            headers.fieldNames().forEachRemaining(name -> headers.put(name, SecretMasker.MASK));
        }
        return masked;
    }

    /**
     * A PUT that sends back {@code "****"} means "keep what is stored": those fields take the stored value, provided
     * the stored auth is of the same type. Returns the problems, if any.
     */
    static java.util.List<String> keepMaskedSecrets(ObjectNode submitted, JsonNode stored) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        boolean sameType = stored != null && type(stored).equals(type(submitted));
        for (String field : SECRET_FIELDS) {
            if (SecretMasker.MASK.equals(submitted.path(field).asText(null))) {
                if (sameType && stored.has(field)) {
                    submitted.set(field, stored.get(field));
                } else {
                    problems.add("webhookAuth." + field + ": **** keeps the stored secret, but none is stored; send the secret");
                }
            }
        }
        if (submitted.path("headers").isObject()) {
            ObjectNode headers = (ObjectNode) submitted.get("headers");
            headers.fieldNames().forEachRemaining(name -> {
                if (SecretMasker.MASK.equals(headers.path(name).asText(null))) {
                    JsonNode kept = sameType ? stored.path("headers").get(name) : null;
                    if (kept != null) {
                        headers.set(name, kept);
                    } else {
                        problems.add("webhookAuth.headers." + name
                                + ": **** keeps the stored secret, but none is stored; send the secret");
                    }
                }
            });
        }
        return problems;
    }
}
