package io.runwire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.LegacyCiphertext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String SECRET = "s3cr3t-Pässwörd ✓ 日本語 🔑";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecretPlace HERE = SecretPlace.runbookAuth("6f1c2d9e-0000-4000-8000-000000000001");
    private static final SecretPlace THERE = SecretPlace.runbookAuth("6f1c2d9e-0000-4000-8000-000000000002");

    private final byte[] key = randomKey();
    private final SecretCipher cipher = new SecretCipher(key, JSON);

    @Test
    void decryptReturnsWhatWasEncryptedIncludingNonAscii() {
        String ciphertext = cipher.encrypt(SECRET, HERE);

        assertThat(ciphertext).startsWith("v2:" + SecretCipher.keyId(key) + ":").doesNotContain("s3cr3t");
        assertThat(cipher.decrypt(ciphertext, HERE)).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt("", HERE), HERE)).isEmpty();
    }

    @Test
    void theKeyIdIsTheFirstEightHexDigitsOfTheKeysSha256() {
        // SHA-256 of 32 zero bytes is 66687aad...
        assertThat(SecretCipher.keyId(new byte[32])).isEqualTo("66687aad");
        assertThat(cipher.currentKeyId()).isEqualTo(SecretCipher.keyId(key)).hasSize(8);
    }

    @Test
    void ciphertextHoldsATwelveByteIvThenTheSealedTextAndTag() {
        byte[] raw = Base64.getDecoder().decode(body(cipher.encrypt("abc", HERE)));

        assertThat(raw).hasSize(12 + 3 + 16);
    }

    @Test
    void twoEncryptionsOfTheSameTextDiffer() {
        assertThat(cipher.encrypt(SECRET, HERE)).isNotEqualTo(cipher.encrypt(SECRET, HERE));
    }

    @Test
    void aCiphertextMovedToAnotherPlaceDoesNotDecryptThere() {
        String ciphertext = cipher.encrypt(SECRET, HERE);

        for (SecretPlace elsewhere : List.of(THERE, SecretPlace.executionParameters("6f1c2d9e-0000-4000-8000-000000000001"),
                SecretPlace.workflowNodeAuth("6f1c2d9e-0000-4000-8000-000000000001", "webhook_auth"))) {
            assertThatThrownBy(() -> cipher.decrypt(ciphertext, elsewhere))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageContaining("The secret could not be decrypted (" + elsewhere + ")")
                    .hasMessageContaining("belongs to another row or field")
                    .hasMessageNotContaining("s3cr3t")
                    .hasNoCause();
        }
    }

    @Test
    void aFlippedByteAnywhereIsRefusedWithoutRevealingThePlaintext() {
        String ciphertext = cipher.encrypt(SECRET, HERE);
        byte[] raw = Base64.getDecoder().decode(body(ciphertext));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String altered = "v2:" + cipher.currentKeyId() + ":" + Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> cipher.decrypt(altered, HERE))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageContaining("altered")
                    .hasMessageNotContaining("s3cr3t")
                    .hasNoCause();
        }
    }

    @Test
    void theFirstKeyEncryptsAndEveryKeyDecrypts() {
        byte[] newKey = randomKey();
        String old = cipher.encrypt(SECRET, HERE);
        SecretCipher rotated = new SecretCipher(List.of(newKey, key), JSON);

        String fresh = rotated.encrypt(SECRET, HERE);

        assertThat(fresh).startsWith("v2:" + SecretCipher.keyId(newKey) + ":");
        assertThat(rotated.decrypt(old, HERE)).isEqualTo(SECRET);
        assertThat(rotated.decrypt(fresh, HERE)).isEqualTo(SECRET);
        assertThat(rotated.isCurrent(fresh)).isTrue();
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.keyIds()).containsExactly(SecretCipher.keyId(newKey), SecretCipher.keyId(key));
    }

    @Test
    void reencryptionMovesASecretUnderTheFirstKeyAndToItsNewPlace() {
        SecretCipher rotated = new SecretCipher(List.of(randomKey(), key), JSON);

        String moved = rotated.reencrypt(cipher.encrypt(SECRET, HERE), HERE, THERE);

        assertThat(rotated.isCurrent(moved)).isTrue();
        assertThat(rotated.decrypt(moved, THERE)).isEqualTo(SECRET);
        assertThatThrownBy(() -> rotated.decrypt(moved, HERE)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void aCiphertextUnderAKeyThatIsGoneNamesTheKeyIdAndTheKeysThereAre() {
        String ciphertext = cipher.encrypt(SECRET, HERE);
        byte[] other = randomKey();
        SecretCipher withoutIt = new SecretCipher(other, JSON);

        assertThatThrownBy(() -> withoutIt.decrypt(ciphertext, HERE))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("The secret could not be decrypted (" + HERE + ")")
                .hasMessageContaining("encrypted with the key " + SecretCipher.keyId(key))
                .hasMessageContaining("not among RUNWIRE_ENCRYPTION_KEYS (" + SecretCipher.keyId(other) + ")")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(key))
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(other));
    }

    @Test
    void aCiphertextRelabelledWithAnotherKnownKeyIdDoesNotDecrypt() {
        byte[] second = randomKey();
        SecretCipher both = new SecretCipher(List.of(key, second), JSON);
        String ciphertext = both.encrypt(SECRET, HERE);
        String relabelled = "v2:" + SecretCipher.keyId(second) + ":" + body(ciphertext);

        assertThatThrownBy(() -> both.decrypt(relabelled, HERE))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("The secret could not be decrypted")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aMalformedKeyIdIsNotEchoed() {
        String ciphertext = "v2:<script>:" + body(cipher.encrypt(SECRET, HERE));

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, HERE))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("(malformed key id)")
                .hasMessageNotContaining("<script>");
    }

    @Test
    void aVersionOneCiphertextStillDecryptsUnderAnyOfTheKeysAndIsNotCurrent() {
        String v1 = LegacyCiphertext.v1(key, SECRET);
        SecretCipher rotated = new SecretCipher(List.of(randomKey(), key), JSON);

        assertThat(cipher.decrypt(v1, HERE)).isEqualTo(SECRET);
        assertThat(rotated.decrypt(v1, THERE)).isEqualTo(SECRET);
        assertThat(rotated.isCurrent(v1)).isFalse();
        assertThatThrownBy(() -> new SecretCipher(randomKey(), JSON).decrypt(v1, HERE))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("not among RUNWIRE_ENCRYPTION_KEYS");
    }

    @Test
    void foreignTextIsRefusedAsNotARunwireCiphertext() {
        assertThatThrownBy(() -> cipher.decrypt("plain text", HERE)).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("not a Runwire ciphertext").hasMessageNotContaining("plain text");
        assertThatThrownBy(() -> cipher.decrypt("v2:" + cipher.currentKeyId() + ":not base64!", HERE))
                .isInstanceOf(SecretCipherException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA", HERE)).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.decrypt("v2:nokeyid", HERE)).isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("not a Runwire ciphertext");
        assertThatThrownBy(() -> cipher.decrypt(null, HERE)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void keysOfTheWrongLengthOrNoneAreRefused() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16], JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher(List.of(), JSON)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonValuesRoundTrip() {
        Map<String, Object> auth = Map.of("type", "bearer", "token", SECRET);

        String ciphertext = cipher.encryptJson(auth, HERE);

        assertThat(cipher.decryptJson(ciphertext, HERE, Map.class)).isEqualTo(auth);
    }

    @Test
    void decryptedTextOfTheWrongShapeIsRefusedWithoutQuotingIt() {
        String ciphertext = cipher.encrypt("hunter2-not-json", HERE);

        assertThatThrownBy(() -> cipher.decryptJson(ciphertext, HERE, Map.class))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    private static String body(String v2) {
        return v2.substring(v2.indexOf(':', 3) + 1);
    }

    static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
