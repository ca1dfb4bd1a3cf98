package io.runwire.crypto;

/** A secret could not be decrypted or encoded; the message never holds the plaintext or the key. */
public class SecretCipherException extends RuntimeException {

    public SecretCipherException(String message) {
        super(message);
    }
}
