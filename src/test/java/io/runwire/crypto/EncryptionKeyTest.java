package io.runwire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyTest {

    private static final String EXTERNAL_DB = "jdbc:postgresql://db.example.com:5432/runwire";

    @TempDir
    Path dataDirectory;

    @Test
    void aConfiguredKeyIsUsedAsGivenAndNoFileIsWritten() {
        byte[] key = SecretCipherTest.randomKey();

        byte[] resolved = EncryptionKey.resolve(" " + Base64.getEncoder().encodeToString(key) + "\n", dataDirectory, EXTERNAL_DB);

        assertThat(resolved).isEqualTo(key);
        assertThat(dataDirectory.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void onTheEmbeddedDatabaseAKeyFileIsGeneratedOnceThenReused() throws IOException {
        Path data = dataDirectory.resolve("nested/data");

        byte[] first = EncryptionKey.resolve("", data, "");
        String written = Files.readString(data.resolve("encryption.key"));
        byte[] second = EncryptionKey.resolve(null, data, null);

        assertThat(first).hasSize(32);
        assertThat(second).isEqualTo(first);
        assertThat(Base64.getDecoder().decode(written.strip())).isEqualTo(first);
        assertThat(data.toFile().list()).containsExactly("encryption.key");
    }

    @Test
    void theGeneratedKeyFileIsReadableByItsOwnerOnly() throws IOException {
        assumeThat(dataDirectory.getFileSystem().supportedFileAttributeViews()).contains("posix");

        EncryptionKey.resolve("", dataDirectory, "");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory.resolve("encryption.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void secretsEncryptedBeforeARestartDecryptAfterIt() {
        SecretPlace place = SecretPlace.runbookAuth("r-1");
        String ciphertext = new SecretCipher(EncryptionKey.resolve("", dataDirectory, ""), new ObjectMapper())
                .encrypt("token", place);

        SecretCipher afterRestart = new SecretCipher(EncryptionKey.resolve("", dataDirectory, ""), new ObjectMapper());

        assertThat(afterRestart.decrypt(ciphertext, place)).isEqualTo("token");
    }

    @Test
    void theListedKeysComeInTheirOrderAndTakeThePlaceOfTheKeyFile() {
        byte[] first = key(1);
        byte[] second = key(2);

        List<byte[]> keys = EncryptionKey.resolveAll(base64(first) + ", " + base64(second), "", dataDirectory, "");

        assertThat(keys).containsExactly(first, second);
        assertThat(dataDirectory.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void theSingleKeyAloneIsAOneKeyList() {
        byte[] only = key(3);

        assertThat(EncryptionKey.resolveAll("", base64(only), dataDirectory, "jdbc:postgresql://db/runwire"))
                .containsExactly(only);
    }

    @Test
    void theSingleKeyBesideTheListMustBeOneOfThem() {
        byte[] old = key(4);
        byte[] fresh = key(5);

        assertThat(EncryptionKey.resolveAll(base64(fresh) + "," + base64(old), base64(old), dataDirectory, ""))
                .containsExactly(fresh, old);
        assertThatThrownBy(() -> EncryptionKey.resolveAll(base64(fresh), base64(old), dataDirectory, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RUNWIRE_ENCRYPTION_KEY is set but is not one of RUNWIRE_ENCRYPTION_KEYS")
                .hasMessageNotContaining(base64(old));
    }

    @Test
    void aMalformedListedKeyIsNamedByItsPositionWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> EncryptionKey.resolveAll(base64(key(6)) + "," + shortKey, "", dataDirectory, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Key 2 of RUNWIRE_ENCRYPTION_KEYS")
                .hasMessageNotContaining(shortKey);
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> EncryptionKey.resolve(shortKey, dataDirectory, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RUNWIRE_ENCRYPTION_KEY must be the base64 of 32 random bytes")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void aKeyThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> EncryptionKey.resolve("not-a-key!", dataDirectory, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RUNWIRE_ENCRYPTION_KEY is not valid base64")
                .hasMessageNotContaining("not-a-key!");
    }

    @Test
    void aCorruptKeyFileIsRefusedRatherThanReplaced() throws IOException {
        Files.writeString(dataDirectory.resolve("encryption.key"), "c2hvcnQ=\n");

        assertThatThrownBy(() -> EncryptionKey.resolve("", dataDirectory, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("encryption.key must be the base64 of 32 random bytes");
        assertThat(Files.readString(dataDirectory.resolve("encryption.key"))).isEqualTo("c2hvcnQ=\n");
    }

    @Test
    void anExternalDatabaseWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> EncryptionKey.resolve("  ", dataDirectory, EXTERNAL_DB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set RUNWIRE_ENCRYPTION_KEY");
        assertThat(dataDirectory.resolve("encryption.key")).doesNotExist();
    }
}
