package io.runwire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.RunwireApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runwire started as its own JVM with {@code RUNWIRE_LOG_FORMAT=ecs}, as an operator would start it: a JVM of its own,
 * because the log format is chosen once per process and the other tests' log must stay as it is.
 */
class JsonLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "json-log-admin-key-" + UUID.randomUUID();
    private static final String JIRA_TOKEN = "json-log-jira-token-" + UUID.randomUUID();

    @Test
    void everyLineOfAStartIsAJsonObjectWithNoSecretInIt() throws Exception {
        Path directory = Path.of("target", "json-log-test", UUID.randomUUID().toString());
        Files.createDirectories(directory);
        Path log = directory.resolve("runwire.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunwireApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("RUNWIRE_LOG_FORMAT", "ecs", "PORT", "0",
                "RUNWIRE_DATA_DIR", directory.resolve("data").toString(), "RUNWIRE_BOOTSTRAP_ADMIN_TOKEN", ADMIN_KEY,
                "RUNWIRE_JIRA_API_TOKEN", JIRA_TOKEN, "RUNWIRE_JIRA_BASE_URL", "https://jira.example.com",
                "RUNWIRE_JIRA_EMAIL", "ops@example.com"));
        Process runwire = builder.start();
        try {
            awaitStarted(runwire, log, Duration.ofSeconds(120));
        } finally {
            runwire.destroy();
            if (!runwire.waitFor(45, TimeUnit.SECONDS)) {
                runwire.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                continue; // the JVM's own notice, before any logging
            }
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            events.add(event);
        }
        // ECS 8.11 as Spring Boot writes it: nested objects, one per line
        assertThat(events).extracting(event -> event.at("/message").asText())
                .anyMatch(message -> message.contains("Started RunwireApplication"));
        assertThat(events).extracting(event -> event.at("/@timestamp").asText()).doesNotContain("");
        assertThat(events).extracting(event -> event.at("/log/level").asText()).doesNotContain("");
        assertThat(events).extracting(event -> event.at("/service/name").asText()).containsOnly("runwire");
        String text = String.join("\n", lines);
        assertThat(text).doesNotContain(ADMIN_KEY).doesNotContain(JIRA_TOKEN);
    }

    private static void awaitStarted(Process runwire, Path log, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("Started RunwireApplication")) {
                return;
            }
            if (!runwire.isAlive()) {
                throw new AssertionError("Runwire exited with " + runwire.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Runwire did not start within " + timeout.toSeconds() + " s: " + Files.readString(log));
    }
}
