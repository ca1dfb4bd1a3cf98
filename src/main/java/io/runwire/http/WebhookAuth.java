package io.runwire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.schema.JsonSchemas;
import io.runwire.schema.SchemaErrors;
import io.runwire.security.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How Runwire authenticates to a target ({@code none | bearer | basic | headers | oauth2}) — a runbook's
 * {@code webhookAuth}, a workflow webhook action's {@code auth} — and which of its fields are secrets: those are
 * encrypted at rest and shown as {@code "****"}.
 */
public final class WebhookAuth {

    private static final Set<String> SECRET_FIELDS = Set.of("token", "password", "clientSecret");

    private WebhookAuth() {
    }

    public static String type(JsonNode auth) {
        return auth == null || auth.isNull() ? "none" : auth.path("type").asText("none");
    }

    /** The auth as the API shows it: every secret replaced, every custom header value too. */
    public static ObjectNode masked(ObjectNode auth) {
        ObjectNode masked = auth.deepCopy();
        SECRET_FIELDS.stream().filter(masked::has).forEach(field -> masked.put(field, SecretMasker.MASK));
        if (masked.path("headers").isObject()) {
            ObjectNode headers = (ObjectNode) masked.get("headers");
            headers.fieldNames().forEachRemaining(name -> headers.put(name, SecretMasker.MASK));
        }
        return masked;
    }

    /**
     * What is wrong with a submitted auth, each problem under {@code field} (e.g. {@code webhookAuth.token: is
     * required}): its type's schema, reserved custom headers, an http(s) token URL. Null is type none.
     */
    public static List<String> check(JsonNode auth, String field) {
        if (type(auth).equals("none")) {
            return auth != null && auth.isObject() && auth.size() > 1
                    ? List.of(field + ": type none takes no other fields")
                    : List.of();
        }
        List<String> problems = new ArrayList<>();
        var errors = JsonSchemas.classpath("api/webhook-auth/" + type(auth)).validate(auth);
        SchemaErrors.describe(errors).forEach(problem -> problems.add(field + "." + problem));
        if (type(auth).equals("headers")) {
            auth.path("headers").fieldNames().forEachRemaining(name -> {
                if (ReservedHeaders.isReserved(name)) {
                    problems.add(field + ".headers." + name + ": " + ReservedHeaders.reason(name));
                }
            });
        }
        if (type(auth).equals("oauth2") && auth.hasNonNull("tokenUrl")) {
            TargetRules.httpUrl(auth.get("tokenUrl").asText(), field + ".tokenUrl", field, problems);
        }
        return problems;
    }

    /**
     * A PUT that sends back {@code "****"} means "keep what is stored": those fields take the stored value, provided
     * the stored auth is of the same type. Returns the problems, if any, under {@code field}.
     */
    public static List<String> keepMaskedSecrets(ObjectNode submitted, JsonNode stored, String field) {
        List<String> problems = new ArrayList<>();
        boolean sameType = stored != null && type(stored).equals(type(submitted));
        for (String secret : SECRET_FIELDS) {
            if (SecretMasker.MASK.equals(submitted.path(secret).asText(null))) {
                if (sameType && stored.has(secret)) {
                    submitted.set(secret, stored.get(secret));
                } else {
                    problems.add(field + "." + secret + ": **** keeps the stored secret, but none is stored; send the secret");
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
                        problems.add(field + ".headers." + name
                                + ": **** keeps the stored secret, but none is stored; send the secret");
                    }
                }
            });
        }
        return problems;
    }
}
