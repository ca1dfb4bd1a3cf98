package io.runwire.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.api.ApiException;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The signing secrets of runbooks and workflow webhook nodes (routes/signing-secrets.yaml): a new one generated here
 * and encrypted for its row before it is stored, shown once in the answer that created it and never again; the rows
 * of signing_secrets as the API shows them (ids and dates only) and as the call path takes them ({@link SigningKey}).
 */
@Component("signingSecrets")
public class SigningSecrets {

    /** What a secret starts with, so one found in a config file or a log is recognised for what it is. */
    static final String PREFIX = "rwsig_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret just generated: its plaintext exists only until the answer that shows it once. */
    public record Generated(UUID id, String secret, String ciphertext) {
        @Override
        public String toString() {
            return "Generated[" + id + "]";
        }
    }

    private final SecretCipher cipher;
    private final RequestBodies requestBodies;
    private final StoredJson storedJson;
    private final long defaultGraceSeconds;

    public SigningSecrets(SecretCipher cipher, RequestBodies requestBodies, StoredJson storedJson,
                          @Value("${runwire.signing.grace-period:24h}") Duration defaultGrace) {
        this.cipher = cipher;
        this.requestBodies = requestBodies;
        this.storedJson = storedJson;
        this.defaultGraceSeconds = defaultGrace.toSeconds();
    }

    /** 32 random bytes, base64url: the HMAC key is this text's UTF-8 bytes, prefix included. */
    public Generated generate() {
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        return new Generated(id, secret, cipher.encrypt(secret, SecretPlace.signingSecret(id)));
    }

    /** A rotation's grace period in seconds: the body's gracePeriodSeconds (0 to 7 days), else the configured one. */
    public long graceSeconds(Object body) {
        if (body == null || body instanceof String text && text.isBlank()) {
            return defaultGraceSeconds;
        }
        JsonNode request = requestBodies.validate("signing-secret-rotate", body);
        return request.has("gracePeriodSeconds") ? request.get("gracePeriodSeconds").asLong() : defaultGraceSeconds;
    }

    /** The node {@code nodeId} of the workflow's current definition, when it is a webhook action; else 404. */
    public String requireWebhookNode(Map<String, Object> workflow, String nodeId) {
        for (JsonNode node : storedJson.read(workflow.get("definition")).path("nodes")) {
            if (node.path("id").asText().equals(nodeId)
                    && "webhook".equals(node.path("data").path("actionType").asText())) {
                return nodeId;
            }
        }
        throw ApiException.notFound("The workflow has no webhook action node " + nodeId);
    }

    /** {@code rows}: signing-secret-list.sql, the current secret first. */
    public Map<String, Object> present(List<Map<String, Object>> rows) {
        List<Map<String, Object>> secrets = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", String.valueOf(row.get("id")));
            shown.put("createdAt", row.get("createdAt"));
            shown.put("expiresAt", row.get("expiresAt"));
            secrets.add(shown);
        }
        Map<String, Object> signing = new LinkedHashMap<>();
        signing.put("enabled", !secrets.isEmpty());
        signing.put("secrets", secrets);
        return Map.of("signing", signing);
    }

    /** The answer to a create or a rotation: the new secret, this once, with what now signs. */
    public Map<String, Object> shownOnce(Generated generated, List<Map<String, Object>> rows) {
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", generated.id().toString());
        created.put("secret", generated.secret());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("signingSecret", created);
        answer.putAll(present(rows));
        return answer;
    }

    /** What an audit event says about a change: ids and dates, never a secret. */
    public Map<String, Object> auditMetadata(Object nodeId, Generated generated, List<Map<String, Object>> rows) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (nodeId != null) {
            metadata.put("nodeId", nodeId);
        }
        if (generated != null) {
            metadata.put("secretId", generated.id().toString());
        }
        if (rows != null) {
            metadata.put("validSecrets", ((Map<?, ?>) present(rows).get("signing")).get("secrets"));
        }
        return metadata;
    }

    /** A JSON array of {id, secret} as the claim (or signing-secrets-of-node.sql) read them: the call's keys. */
    public List<SigningKey> keys(Object json) {
        if (json == null) {
            return List.of();
        }
        List<SigningKey> keys = new ArrayList<>();
        for (JsonNode key : storedJson.read(json)) {
            keys.add(new SigningKey(key.path("id").asText(), key.path("secret").asText()));
        }
        return List.copyOf(keys);
    }
}
