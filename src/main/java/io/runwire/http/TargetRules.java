package io.runwire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.security.SecretMasker;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Save-time rules of an outgoing call's target, the same for a runbook and a workflow's webhook action: an absolute
 * http(s) URL without credentials in it, and headers that steer nothing of Runwire's and carry no credential (those
 * belong in the auth, where they are encrypted). Each problem is added as {@code "<field>: <what is wrong>"}.
 */
public final class TargetRules {

    /** An HTTP field name (RFC 9110 token). */
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private TargetRules() {
    }

    /** {@code value}, trimmed; {@code authField} names where credentials belong instead. */
    public static String httpUrl(String value, String field, String authField, List<String> problems) {
        try {
            URI uri = new URI(value.trim());
            String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(field + ": must be an absolute http or https URL");
            } else if (uri.getUserInfo() != null) {
                problems.add(field + ": must not carry credentials; put them in " + authField
                        + ", where they are encrypted");
            }
        } catch (URISyntaxException e) {
            problems.add(field + ": is not a valid URL (" + e.getReason() + ")");
        }
        return value.trim();
    }

    /** The headers as text values; each one that breaks a rule is named under {@code field}. */
    public static ObjectNode headers(JsonNode headers, String field, String authField, List<String> problems) {
        ObjectNode accepted = JsonNodeFactory.instance.objectNode();
        if (headers == null || !headers.isObject()) {
            return accepted;
        }
        headers.fields().forEachRemaining(header -> {
            String name = header.getKey();
            String where = field + "." + name;
            if (!name.matches(HEADER_NAME)) {
                problems.add(where + ": is not a valid header name");
            } else if (ReservedHeaders.isReserved(name)) {
                problems.add(where + ": " + ReservedHeaders.reason(name));
            } else if (name.equalsIgnoreCase("authorization") || SecretMasker.isSecretKey(name)) {
                problems.add(where + ": carries a credential; put it in " + authField
                        + " (type headers), where it is encrypted");
            } else if (header.getValue().asText().matches(".*[\\r\\n].*")) {
                problems.add(where + ": must not contain line breaks");
            }
            accepted.put(name, header.getValue().asText());
        });
        return accepted;
    }
}
