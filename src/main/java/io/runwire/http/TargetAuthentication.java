package io.runwire.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.security.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a target's configured headers and credentials on the outgoing message, decrypting the credentials only here,
 * at the moment of the call: bearer, basic, custom headers, or an OAuth2 client-credentials token.
 */
@Component("targetAuthentication")
public class TargetAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(TargetAuthentication.class);

    private final SecretCipher cipher;
    private final OAuth2Tokens oauth2Tokens;

    public TargetAuthentication(SecretCipher cipher, OAuth2Tokens oauth2Tokens) {
        this.cipher = cipher;
        this.oauth2Tokens = oauth2Tokens;
    }

    /** {@code authPlace}: where the credentials are bound; a ciphertext moved there from elsewhere fails here. */
    public void apply(Exchange exchange, String authCiphertext, SecretPlace authPlace, Map<String, String> headers) {
        put(exchange.getMessage(), authCiphertext, authPlace, headers, false);
    }

    /**
     * The same headers as {@link #apply}, every credential shown as {@code "****"} (a scheme before it stays: {@code
     * Bearer ****}): what a preview shows. No OAuth2 token is fetched.
     */
    public void applyMasked(Exchange exchange, String authCiphertext, SecretPlace authPlace, Map<String, String> headers) {
        put(exchange.getMessage(), authCiphertext, authPlace, headers, true);
    }

    private void put(Message message, String authCiphertext, SecretPlace authPlace, Map<String, String> headers,
                     boolean masked) {
        if (headers != null) {
            headers.forEach((name, value) -> setUnlessReserved(message, name, value));
        }
        if (authCiphertext == null) {
            return;
        }
        ObjectNode auth = cipher.decryptJson(authCiphertext, authPlace, ObjectNode.class);
        switch (auth.path("type").asText()) {
            case "bearer" -> message.setHeader("Authorization", "Bearer " + (masked ? SecretMasker.MASK
                    : auth.path("token").asText()));
            case "basic" -> message.setHeader("Authorization", "Basic " + (masked ? SecretMasker.MASK
                    : Base64.getEncoder().encodeToString((auth.path("username").asText() + ":"
                            + auth.path("password").asText()).getBytes(StandardCharsets.UTF_8))));
            case "headers" -> auth.path("headers").fields().forEachRemaining(header -> setUnlessReserved(message,
                    header.getKey(), masked ? SecretMasker.MASK : header.getValue().asText()));
            case "oauth2" -> message.setHeader("Authorization", "Bearer " + (masked ? SecretMasker.MASK
                    : oauth2Tokens.token(auth)));
            case "none" -> {
            }
            default -> throw new IllegalStateException("Unknown auth type " + auth.path("type").asText());
        }
    }

    /** Definitions saved before names were checked may still hold a reserved one: it never reaches the message. */
    private static void setUnlessReserved(Message message, String name, String value) {
        if (ReservedHeaders.isReserved(name)) {
            LOG.warn("Execution {}: ignored the definition's header {}, which Runwire reserves",
                    message.getExchange().getVariable("executionId"), name);
            return;
        }
        message.setHeader(name, value);
    }
}
