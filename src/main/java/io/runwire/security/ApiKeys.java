package io.runwire.security;

import io.runwire.api.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules of API keys: whose key a caller may mint, and the token that is shown once and never stored. */
@Component("apiKeys")
public class ApiKeys {

    private final PermissionService permissions;

    public ApiKeys(PermissionService permissions) {
        this.permissions = permissions;
    }

    /** Keys are for oneself; a platform admin may name another user (how onboarding works). */
    public UUID owner(Principal caller, Object requestedUserId) {
        if (requestedUserId == null || requestedUserId.toString().isBlank()) {
            return caller.userId();
        }
        UUID owner;
        try {
            owner = UUID.fromString(requestedUserId.toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid request body", List.of("userId: must be a UUID"));
        }
        if (!owner.equals(caller.userId())) {
            permissions.require(caller, Action.MINT_KEY_FOR_OTHERS, null);
        }
        return owner;
    }

    /** Only the owner, or a platform admin, may see or revoke a key. */
    public void requireAccess(Principal caller, Object keyOwnerId) {
        if (!caller.isPlatformAdmin() && !caller.userId().toString().equals(String.valueOf(keyOwnerId))) {
            throw ApiException.forbidden("You can only manage your own API keys");
        }
    }

    /** A key's optional expiry ({@code expiresAt}, date-time checked by the schema): in the future, or none. */
    public String expiry(Object requestedExpiry) {
        if (requestedExpiry == null || requestedExpiry.toString().isBlank()) {
            return null;
        }
        OffsetDateTime expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(requestedExpiry.toString());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid request body",
                    List.of("expiresAt: must be a date-time with an offset, e.g. 2030-01-31T00:00:00Z"));
        }
        if (!expiresAt.toInstant().isAfter(Instant.now())) {
            throw ApiException.badRequest("Invalid request body", List.of("expiresAt: must be in the future"));
        }
        return expiresAt.toString();
    }

    public Map<String, String> mint() {
        String token = ApiTokens.generate();
        Map<String, String> minted = new LinkedHashMap<>();
        minted.put("token", token);
        minted.put("tokenHash", ApiTokens.hash(token));
        minted.put("tokenPrefix", ApiTokens.prefix(token));
        return minted;
    }

    /** The stored key as the API shows it, plus its token — the only time anyone sees it. */
    public Map<String, Object> shownOnce(Map<String, Object> key, Map<String, String> minted) {
        Map<String, Object> shown = new LinkedHashMap<>(key);
        shown.put("token", minted.get("token"));
        return shown;
    }
}
