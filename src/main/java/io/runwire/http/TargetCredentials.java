package io.runwire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.crypto.SecretCipher;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How a target's credentials ({@link WebhookAuth}) are kept: checked and encrypted when a definition is saved, stored
 * only as ciphertext ({@code null} for none), and decrypted only to be masked — or, by {@link TargetAuthentication},
 * at the moment of the call.
 */
@Component
public class TargetCredentials {

    private final SecretCipher cipher;

    public TargetCredentials(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The submitted auth as ciphertext, or null for none. {@code "****"} keeps the secret of {@code storedCiphertext}
     * (the definition being replaced; null when there is none). Problems are added under {@code field}.
     */
    public String encrypt(JsonNode auth, String storedCiphertext, String field, List<String> problems) {
        if (WebhookAuth.type(auth).equals("none")) {
            problems.addAll(WebhookAuth.check(auth, field));
            return null;
        }
        ObjectNode submitted = auth.deepCopy();
        problems.addAll(WebhookAuth.keepMaskedSecrets(submitted,
                storedCiphertext == null ? null : cipher.decryptJson(storedCiphertext, ObjectNode.class), field));
        problems.addAll(WebhookAuth.check(submitted, field));
        return cipher.encryptJson(submitted);
    }

    /** The stored auth as the API shows it: {@code {"type": "none"}} for none, every secret {@code "****"}. */
    public ObjectNode masked(String ciphertext) {
        if (ciphertext == null) {
            return JsonNodeFactory.instance.objectNode().put("type", "none");
        }
        return WebhookAuth.masked(cipher.decryptJson(ciphertext, ObjectNode.class));
    }

    /** The same credentials under a fresh ciphertext, for a copy that must not share its original's. */
    public String reencrypt(String ciphertext) {
        return ciphertext == null ? null : cipher.encryptJson(cipher.decryptJson(ciphertext, ObjectNode.class));
    }
}
