package io.runwire.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. A ciphertext reads {@code v1:} + base64(12-byte random IV || ciphertext
 * and 128-bit tag), so a later key or algorithm can sit beside it under another version.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    private static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final ObjectMapper objectMapper;

    public SecretCipher(byte[] key, ObjectMapper objectMapper) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.objectMapper = objectMapper;
    }

    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String decrypt(String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new SecretCipherException("Not a Runwire ciphertext: it must start with " + PREFIX);
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("Not a Runwire ciphertext: the text after " + PREFIX + " is not base64");
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("Not a Runwire ciphertext: too short to hold an IV and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretCipherException(
                    "Cannot decrypt a secret: it was altered, or encrypted with another key than RUNWIRE_ENCRYPTION_KEY");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String encryptJson(Object value) {
        try {
            return encrypt(objectMapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the value, so neither it nor the cause travels on
            throw new SecretCipherException("Cannot write a " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    public <T> T decryptJson(String ciphertext, Class<T> type) {
        String json = decrypt(ciphertext);
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending plaintext, so neither it nor the cause travels on
            throw new SecretCipherException("A decrypted secret is not a valid " + type.getSimpleName());
        }
    }
}
