package io.runwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.FreshTestLog;
import io.runwire.support.ShownSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class and reads what the whole suite logged: the service log and everything the
 * test JVM printed. Secrets the tests handed to Runwire, and those Runwire generated for them (ShownSecrets), must
 * appear in none of it.
 */
@Order(Integer.MAX_VALUE)
class SuiteLogHasNoSecretsTest {

    private static final List<String> SECRETS = List.of("s3cr3t-XYZ", "hunter2-pass", "param-secret-77",
            "client-secret-9", "target-token-123", "owner-pw-4471", "app-pw-8812", "template-secret-42",
            "wf-bearer-s3cret-token", "hawtio-wrong-key-5531",
            // issue 14's previews
            "preview-bearer-7f3a", "preview-param-secret-91", "workflow-preview-token-5c1", "jira-preview-token-3b",
            "lin_api_preview_8d");

    @Test
    void noSecretAppearsInTheSuitesLogs() throws IOException {
        assertThat(FreshTestLog.LOG).exists();
        List<Path> logs;
        try (Stream<Path> reports = Files.list(Path.of("target", "surefire-reports"))) {
            logs = Stream.concat(Stream.of(FreshTestLog.LOG),
                    reports.filter(path -> path.getFileName().toString().endsWith("-output.txt"))).toList();
        }
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : Stream.concat(SECRETS.stream(), ShownSecrets.all().stream()).toList()) {
                assertThat(text).as("%s must not contain %s", log, secret).doesNotContain(secret);
            }
        }
    }
}
