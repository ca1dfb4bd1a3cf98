package io.runwire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretCipherException;
import io.runwire.crypto.SecretPlace;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How a target's credentials ({@link WebhookAuth}) are kept: checked and encrypted for their {@link SecretPlace} when
 * a definition is saved, stored only as ciphertext ({@code null} for none), and decrypted only to be masked — or, by
 * {@link TargetAuthentication}, at the moment of the call.
 */
@Component
public class TargetCredentials {

    /** What the API shows for stored credentials that no longer decrypt in their place (moved, or the key is gone). */
    static final String UNREADABLE = "unreadable";

    private final SecretCipher cipher;

    public TargetCredentials(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The submitted auth as ciphertext bound to {@code place}, or null for none. {@code "****"} keeps the secret of
     * {@code storedCiphertext} (the definition being replaced, bound to the same place; null when there is none).
     * Problems are added under {@code field}.
     */
    public String encrypt(JsonNode auth, String storedCiphertext, SecretPlace place, String field,
                          List<String> problems) {
        if (WebhookAuth.type(auth).equals("none")) {
            problems.addAll(WebhookAuth.check(auth, field));
            return null;
        }
        ObjectNode submitted = auth.deepCopy();
        problems.addAll(WebhookAuth.keepMaskedSecrets(submitted, readable(storedCiphertext, place), field));
        problems.addAll(WebhookAuth.check(submitted, field));
        return cipher.encryptJson(submitted, place);
    }

    /**
     * The stored auth as the API shows it: {@code {"type": "none"}} for none, every secret {@code "****"}; one that
     * cannot be decrypted in its place is {@code {"type": "unreadable"}}, to be entered again.
     */
    public ObjectNode masked(String ciphertext, SecretPlace place) {
        if (ciphertext == null) {
            return JsonNodeFactory.instance.objectNode().put("type", "none");
        }
        ObjectNode auth = readable(ciphertext, place);
        return auth == null ? JsonNodeFactory.instance.objectNode().put("type", UNREADABLE) : WebhookAuth.masked(auth);
    }

    /** The same credentials under a fresh ciphertext bound to {@code to}: a copy never shares its original's. */
    public String reencrypt(String ciphertext, SecretPlace from, SecretPlace to) {
        return ciphertext == null ? null : cipher.reencrypt(ciphertext, from, to);
    }

    /** Null for none, and for credentials that cannot be decrypted here: {@code "****"} then has nothing to keep. */
    private ObjectNode readable(String ciphertext, SecretPlace place) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return cipher.decryptJson(ciphertext, place, ObjectNode.class);
        } catch (SecretCipherException unreadable) {
            return null;
        }
    }
}
