package io.runwire.connections;

import io.runwire.api.ApiException;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.http.TargetRules;
import io.runwire.security.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of a stored Jira or Linear connection (/api/connections): the body checked, the secret encrypted at rest
 * and never shown ({@code "****"}; sent back on an update it keeps the stored one), kind and team fixed once created.
 */
@Component("connectionDefinitions")
public class ConnectionDefinitions {

    private final RequestBodies requestBody;
    private final SecretCipher cipher;

    public ConnectionDefinitions(RequestBodies requestBody, SecretCipher cipher) {
        this.requestBody = requestBody;
        this.cipher = cipher;
    }

    /**
     * A create ({@code stored} null) or update body as the statement's parameters: checked, the base URL without a
     * trailing slash, the secret as ciphertext.
     */
    public Map<String, Object> request(Object body, Map<String, Object> stored) {
        Map<String, Object> request = requestBody.read("connection", body);
        List<String> problems = new ArrayList<>();
        String baseUrl = TargetRules.httpUrl(String.valueOf(request.get("baseUrl")), "baseUrl", "secret", problems);
        request.put("baseUrl", TicketConnections.trimSlash(baseUrl));
        boolean jira = TicketConnections.JIRA.equals(request.get("kind"));
        if (jira && request.get("email") == null) {
            problems.add("email: is required for a jira connection (Basic auth is email:apiToken)");
        }
        if (!jira && request.get("email") != null) {
            problems.add("email: a linear connection has none (the API key is the whole credential)");
        }
        if (stored != null && !(Objects.equals(stored.get("kind"), request.get("kind"))
                && Objects.equals(text(stored.get("teamId")), text(request.get("teamId"))))) {
            problems.add("kind, teamId: cannot change once the connection exists; create another one");
        }
        // the id is chosen before the insert, so the secret can be bound to its row
        Object id = stored == null ? UUID.randomUUID() : stored.get("id");
        request.put("id", id);
        String secret = String.valueOf(request.get("secret"));
        if (SecretMasker.MASK.equals(secret)) {
            if (stored == null) {
                problems.add("secret: **** keeps the stored secret, but none is stored; send the secret");
            } else {
                request.put("secret", stored.get("secret"));
            }
        } else {
            request.put("secret", cipher.encrypt(secret, SecretPlace.connectionSecret(id)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid request body", problems);
        }
        return request;
    }

    /** A connection as the API shows it: the secret never, {@code "****"} in its place. */
    public Map<String, Object> present(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        shown.put("secret", SecretMasker.MASK);
        return shown;
    }

    public List<Map<String, Object>> presentAll(List<Map<String, Object>> rows) {
        return rows.stream().map(this::present).toList();
    }

    /** What the audit event says: which connection, where it points; nothing of the secret. */
    public Map<String, Object> auditMetadata(Map<String, Object> connection) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", connection.get("name"));
        metadata.put("kind", connection.get("kind"));
        metadata.put("baseUrl", connection.get("baseUrl"));
        metadata.put("email", connection.get("email"));
        return metadata;
    }

    /** The list's {@code kind} query parameter: jira, linear, or none. */
    public String kindFilter(Object kind) {
        if (kind == null || kind.toString().isBlank()) {
            return null;
        }
        if (!List.of(TicketConnections.JIRA, TicketConnections.LINEAR).contains(kind.toString())) {
            throw ApiException.badRequest("Invalid query parameter", List.of("kind: must be jira or linear"));
        }
        return kind.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
