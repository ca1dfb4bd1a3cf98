package io.runwire.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM, each bound to its {@link SecretPlace} as associated data. A ciphertext
 * reads {@code v2:<keyId>:} + base64(12-byte random IV || ciphertext and 128-bit tag); the key id is the first 8 hex
 * digits of the SHA-256 of the key. The first key encrypts, every key decrypts (rotation). {@code v1:} + base64(...)
 * ciphertexts, written before places and key ids, still decrypt, under any of the keys and in any place, until the
 * re-encryption ({@link #isCurrent}) rewrites them.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    static final String V1 = "v1:";
    static final String V2 = "v2:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String currentKeyId;
    private final ObjectMapper objectMapper;

    /** {@code keys}: the first encrypts, all decrypt. */
    public SecretCipher(List<byte[]> keys, ObjectMapper objectMapper) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one key is needed");
        }
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
            }
            String id = keyId(key);
            SecretKey previous = this.keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
            if (previous != null && !MessageDigest.isEqual(previous.getEncoded(), key)) {
                throw new IllegalArgumentException("Two of the encryption keys share the key id " + id
                        + "; generate another key");
            }
        }
        this.currentKeyId = keyId(keys.get(0));
        this.objectMapper = objectMapper;
    }

    public SecretCipher(byte[] key, ObjectMapper objectMapper) {
        this(List.of(key), objectMapper);
    }

    /** The first 8 hex digits of the key's SHA-256: names the key in its ciphertexts without revealing it. */
    public static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The id of the key that encrypts. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The ids of every key that decrypts, the encrypting one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** True when {@code ciphertext} is bound to its place under the key that encrypts: nothing to re-encrypt. */
    public boolean isCurrent(String ciphertext) {
        return ciphertext != null && ciphertext.startsWith(V2 + currentKeyId + ":");
    }

    public String encrypt(String plaintext, SecretPlace place) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(place.associatedData());
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return V2 + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String decrypt(String ciphertext, SecretPlace place) {
        if (ciphertext != null && ciphertext.startsWith(V1)) {
            byte[] in = sealed(ciphertext.substring(V1.length()), place);
            for (SecretKey key : keys.values()) {
                String plaintext = open(key, in, null);
                if (plaintext != null) {
                    return plaintext;
                }
            }
            throw new SecretCipherException(cannot(place) + ": it was altered, or encrypted with a key that is not "
                    + "among RUNWIRE_ENCRYPTION_KEYS");
        }
        if (ciphertext == null || !ciphertext.startsWith(V2) || ciphertext.indexOf(':', V2.length()) < 0) {
            throw new SecretCipherException(cannot(place) + ": it is not a Runwire ciphertext (v2:<keyId>:...)");
        }
        int keyEnd = ciphertext.indexOf(':', V2.length());
        String keyId = ciphertext.substring(V2.length(), keyEnd);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new SecretCipherException(cannot(place) + ": it was encrypted with the key " + abbreviated(keyId)
                    + ", which is not among RUNWIRE_ENCRYPTION_KEYS (" + String.join(", ", keys.keySet()) + ")");
        }
        String plaintext = open(key, sealed(ciphertext.substring(keyEnd + 1), place), place);
        if (plaintext == null) {
            throw new SecretCipherException(cannot(place) + ": it belongs to another row or field (it was moved or "
                    + "copied here), or it was altered");
        }
        return plaintext;
    }

    /** The same secret under the key that encrypts, bound to {@code to}; {@code from} is where it is bound now. */
    public String reencrypt(String ciphertext, SecretPlace from, SecretPlace to) {
        return encrypt(decrypt(ciphertext, from), to);
    }

    public String encryptJson(Object value, SecretPlace place) {
        try {
            return encrypt(objectMapper.writeValueAsString(value), place);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the value, so neither it nor the cause travels on
            throw new SecretCipherException("Cannot write a " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    public <T> T decryptJson(String ciphertext, SecretPlace place, Class<T> type) {
        String json = decrypt(ciphertext, place);
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending plaintext, so neither it nor the cause travels on
            throw new SecretCipherException(cannot(place) + ": the decrypted secret is not a valid "
                    + type.getSimpleName());
        }
    }

    private static String cannot(SecretPlace place) {
        return "The secret could not be decrypted (" + place + ")";
    }

    /** A key id comes from the database: shown only when it looks like one, never as whatever text it holds. */
    private static String abbreviated(String keyId) {
        return keyId.matches("[0-9a-f]{8}") ? keyId : "(malformed key id)";
    }

    private static byte[] sealed(String base64, SecretPlace place) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException(cannot(place) + ": it is not a Runwire ciphertext (not base64)");
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException(cannot(place) + ": it is not a Runwire ciphertext (too short to hold an "
                    + "IV and a tag)");
        }
        return in;
    }

    /** The plaintext, or null when the tag does not match: another key, another place, or altered. */
    private static String open(SecretKey key, byte[] in, SecretPlace place) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            if (place != null) {
                cipher.updateAAD(place.associatedData());
            }
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }
}
