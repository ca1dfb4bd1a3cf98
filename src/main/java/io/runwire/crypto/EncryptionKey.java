package io.runwire.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the keys of {@link SecretCipher} come from: {@code RUNWIRE_ENCRYPTION_KEYS} (comma-separated, the first
 * encrypts) or {@code RUNWIRE_ENCRYPTION_KEY} (one) when set; on the embedded database a key file generated beside the
 * data on first start; with an external database nothing else, because every replica must read what the others wrote.
 */
public final class EncryptionKey {

    static final String FILE_NAME = "encryption.key";
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionKey.class);
    private static final String HOW_TO_GENERATE = "generate one with: openssl rand -base64 32";

    private EncryptionKey() {
    }

    /**
     * @param configuredKeys {@code runwire.encryption.keys}: base64 keys, comma-separated, the encrypting one first;
     *                       or blank
     * @param configured     {@code runwire.encryption.key}, or blank; when both are set it must be one of the keys
     */
    public static List<byte[]> resolveAll(String configuredKeys, String configured, Path dataDirectory,
                                          String datasourceUrl) {
        if (configuredKeys == null || configuredKeys.isBlank()) {
            return List.of(resolve(configured, dataDirectory, datasourceUrl));
        }
        List<byte[]> keys = new ArrayList<>();
        String[] listed = configuredKeys.split(",");
        for (int i = 0; i < listed.length; i++) {
            if (!listed[i].isBlank()) {
                keys.add(decode(listed[i], "Key " + (i + 1) + " of RUNWIRE_ENCRYPTION_KEYS"));
            }
        }
        if (configured != null && !configured.isBlank()) {
            byte[] single = decode(configured, "RUNWIRE_ENCRYPTION_KEY");
            if (keys.stream().noneMatch(key -> Arrays.equals(key, single))) {
                throw new IllegalStateException("RUNWIRE_ENCRYPTION_KEY is set but is not one of "
                        + "RUNWIRE_ENCRYPTION_KEYS, so what it encrypted could no longer be read; list it in "
                        + "RUNWIRE_ENCRYPTION_KEYS (after the new key) or unset RUNWIRE_ENCRYPTION_KEY");
            }
        }
        return keys;
    }

    /**
     * @param configured    {@code runwire.encryption.key}, base64 of 32 bytes, or blank
     * @param dataDirectory {@code runwire.data-dir}, home of the generated key file on the embedded database
     * @param datasourceUrl {@code spring.datasource.url}; blank means the embedded database
     */
    public static byte[] resolve(String configured, Path dataDirectory, String datasourceUrl) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured, "RUNWIRE_ENCRYPTION_KEY");
        }
        if (datasourceUrl != null && !datasourceUrl.isBlank()) {
            throw new IllegalStateException("RUNWIRE_ENCRYPTION_KEY is not set. With an external database "
                    + "(SPRING_DATASOURCE_URL) every replica must decrypt what the others encrypted, so set "
                    + "RUNWIRE_ENCRYPTION_KEY to the same key on all of them; " + HOW_TO_GENERATE);
        }
        return fromFile(dataDirectory.resolve(FILE_NAME));
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "The key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the encryption key file " + file
                    + "; set RUNWIRE_ENCRYPTION_KEY or make RUNWIRE_DATA_DIR writable", e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // written aside and moved in whole, so a crash never leaves a half key that later starts would trust
        Path pending = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, FILE_NAME, ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, FILE_NAME, ".new");
        try {
            Files.writeString(pending, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(pending, file);
            LOG.info("Generated a new encryption key in {}; secrets stored by Runwire cannot be read without it, "
                    + "so back it up with the data", file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // another start won the race; its key is the one in use
        } finally {
            Files.deleteIfExists(pending);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64; " + HOW_TO_GENERATE);
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException(source + " must be the base64 of " + SecretCipher.KEY_BYTES
                    + " random bytes (AES-256), but it holds " + key.length + " bytes; " + HOW_TO_GENERATE);
        }
        return key;
    }
}
