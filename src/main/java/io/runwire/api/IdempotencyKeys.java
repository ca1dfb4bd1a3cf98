package io.runwire.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The rules of the {@code Idempotency-Key} request header (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field"): what a valid key is, what makes two requests the same, and what a repeated request gets.
 */
@Component("idempotencyKeys")
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    /** The request's key, or null without the header. The draft's form is a quoted string; a bare token is taken too. */
    public String key(Exchange exchange) {
        String value = exchange.getMessage().getHeader(HEADER, String.class);
        if (value == null) {
            return null;
        }
        String key = value.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"')) {
            throw ApiException.badRequest("Invalid Idempotency-Key header",
                    java.util.List.of("Idempotency-Key: must be 1 to " + MAX_LENGTH + " printable ASCII characters"));
        }
        return key;
    }

    /** What makes two requests the same request: the endpoint and everything the work depends on. */
    public String fingerprint(String endpoint, Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(endpoint.getBytes(StandardCharsets.UTF_8));
            for (Object part : parts) {
                digest.update((byte) 0);
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The key is taken by {@code stored} (a row of idempotency-key-by-caller.sql): passes when it holds the first
     * answer to this same request — 422 for another request under the same key, 409 while the first is still being
     * processed.
     */
    public void requireReplayable(Map<String, Object> stored, String fingerprint) {
        if (stored != null && !fingerprint.equals(stored.get("fingerprint"))) {
            throw new ApiException(422, "This Idempotency-Key was already used for a different request", null);
        }
        if (stored == null || !"DONE".equals(stored.get("state"))) {
            throw ApiException.conflict("A request with this Idempotency-Key is still being processed; retry later");
        }
    }
}
