package io.runwire.management;

import java.util.UUID;

/**
 * The platform admin a Hawtio session belongs to, and the key it was opened with. Only {@link ApiKeyLoginModule} puts
 * one into a JAAS subject; the simple name is one Hawtio recognises when it logs who logged in.
 */
public record UserPrincipal(UUID userId, String email, UUID apiKeyId) implements java.security.Principal {

    @Override
    public String getName() {
        return email;
    }
}
