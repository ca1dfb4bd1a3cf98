package io.runwire.signing;

import io.runwire.crypto.SecretPlace;

/** A signing secret valid when its call was planned: still encrypted, bound to its row of signing_secrets. */
public record SigningKey(String id, String ciphertext) {

    public SecretPlace place() {
        return SecretPlace.signingSecret(id);
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + "]";
    }
}
