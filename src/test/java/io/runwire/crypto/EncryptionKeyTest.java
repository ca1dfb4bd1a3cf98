package io.runwire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
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
        String ciphertext = new SecretCipher(EncryptionKey.resolve("", dataDirectory, ""), new ObjectMapper()).encrypt("token");

        SecretCipher afterRestart = new SecretCipher(EncryptionKey.resolve("", dataDirectory, ""), new ObjectMapper());

        assertThat(afterRestart.decrypt(ciphertext)).isEqualTo("token");
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
