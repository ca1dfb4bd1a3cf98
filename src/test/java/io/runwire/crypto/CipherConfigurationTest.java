package io.runwire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CipherConfigurationTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theDocumentedEnvironmentVariablesReachTheProperties() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "RUNWIRE_ENCRYPTION_KEY", "a-key", "RUNWIRE_ENCRYPTION_KEYS", "new-key,a-key",
                "RUNWIRE_DATA_DIR", "/srv/runwire")));

        assertThat(environment.resolvePlaceholders("${runwire.encryption.key:}")).isEqualTo("a-key");
        assertThat(environment.resolvePlaceholders("${runwire.encryption.keys:}")).isEqualTo("new-key,a-key");
        assertThat(environment.resolvePlaceholders("${runwire.data-dir:data}")).isEqualTo("/srv/runwire");
    }

    @Test
    void onTheEmbeddedDatabaseTheCipherIsKeyedFromTheDataDirectory() {
        SecretCipher cipher = new CipherConfiguration().secretCipher("", "", dataDirectory.toString(), "",
                new ObjectMapper());
        SecretPlace place = SecretPlace.runbookAuth("r-1");

        assertThat(cipher.decrypt(cipher.encrypt("token", place), place)).isEqualTo("token");
        assertThat(dataDirectory.resolve("encryption.key")).isRegularFile();
    }

    @Test
    void withAnExternalDatabaseAndNoKeyTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new CipherConfiguration().secretCipher("", "", dataDirectory.toString(),
                "jdbc:postgresql://db:5432/runwire", new ObjectMapper()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set RUNWIRE_ENCRYPTION_KEY to the same key on all of them");
    }
}
