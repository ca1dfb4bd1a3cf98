package io.runwire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String SECRET = "s3cr3t-Pässwörd ✓ 日本語 🔑";

    private final byte[] key = randomKey();
    private final SecretCipher cipher = new SecretCipher(key, new ObjectMapper());

    @Test
    void decryptReturnsWhatWasEncryptedIncludingNonAscii() {
        String ciphertext = cipher.encrypt(SECRET);

        assertThat(ciphertext).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(cipher.decrypt(ciphertext)).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
    }

    @Test
    void ciphertextHoldsATwelveByteIvThenTheSealedTextAndTag() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("abc").substring(3));

        assertThat(raw).hasSize(12 + 3 + 16);
    }

    @Test
    void twoEncryptionsOfTheSameTextDiffer() {
        assertThat(cipher.encrypt(SECRET)).isNotEqualTo(cipher.encrypt(SECRET));
    }

    @Test
    void aFlippedByteAnywhereIsRefusedWithoutRevealingThePlaintext() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(SECRET).substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String ciphertext = "v1:" + Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> cipher.decrypt(ciphertext))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageContaining("altered")
                    .hasMessageNotContaining("s3cr3t")
                    .hasNoCause();
        }
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String ciphertext = cipher.encrypt(SECRET);
        SecretCipher other = new SecretCipher(randomKey(), new ObjectMapper());

        assertThatThrownBy(() -> other.decrypt(ciphertext))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("another key")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void foreignTextIsRefusedAsNotARunwireCiphertext() {
        assertThatThrownBy(() -> cipher.decrypt("plain text")).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("Not a Runwire ciphertext").hasMessageNotContaining("plain text");
        assertThatThrownBy(() -> cipher.decrypt("v1:not base64!")).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA")).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.decrypt(null)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16], new ObjectMapper()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void jsonValuesRoundTrip() {
        Map<String, Object> auth = Map.of("type", "bearer", "token", SECRET);

        String ciphertext = cipher.encryptJson(auth);

        assertThat(ciphertext).startsWith("v1:");
        assertThat(cipher.decryptJson(ciphertext, Map.class)).isEqualTo(auth);
    }

    @Test
    void decryptedTextOfTheWrongShapeIsRefusedWithoutQuotingIt() {
        String ciphertext = cipher.encrypt("hunter2-not-json");

        assertThatThrownBy(() -> cipher.decryptJson(ciphertext, Map.class))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
