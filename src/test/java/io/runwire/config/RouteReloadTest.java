package io.runwire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The dev profile's route reload, on a copy of the routes (RUNWIRE_ROUTES_DIR) plus one file of this test's own: a
 * GET endpoint whose answer the test edits while the service runs.
 */
@ActiveProfiles({"test", "dev"})
@TestPropertySource(properties = "runwire.routes.dir=" + RouteReloadTest.ROUTES)
class RouteReloadTest extends ApiTestSupport {

    static final String ROUTES = "target/route-reload-test/routes";
    private static final Path PROBE = Path.of(ROUTES, "reload-probe.yaml");
    private static final Duration RELOAD = Duration.ofSeconds(30);

    private ListAppender<ILoggingEvent> log;

    /** Runs as the context is made, before Camel reads the routes. */
    @DynamicPropertySource
    static void copyTheRoutes(DynamicPropertyRegistry registry) throws IOException {
        Path folder = Path.of(ROUTES);
        FileSystemUtils.deleteRecursively(folder);
        FileSystemUtils.copyRecursively(Path.of("routes"), folder);
        Files.writeString(PROBE, probe("first"));
    }

    @BeforeEach
    void watchTheLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(RouteReloadGuard.class)).addAppender(log);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(RouteReloadGuard.class)).detachAppender(log);
    }

    @Test
    void anEditOfARouteFileIsServedWithoutARestart() {
        String answer = edit(unique("edited"));
        assertThat(admin.get("/api/reload-probe").text("/answer")).isEqualTo(answer);
    }

    @Test
    void anEditThatDoesNotParseIsRefusedNamingFileAndLineAndTheOldRouteKeepsServing() {
        String answer = edit(unique("before-broken-yaml"));

        write(probe("never").replace("      steps:", "    steps:\n  - : ["));

        String refusal = awaitRefusal();
        assertThat(refusal).contains("reload-probe.yaml").containsPattern("line \\d+");
        assertServes(answer);
    }

    @Test
    void anEditWhoseRouteFailsToStartIsRefusedAndTheOldRouteKeepsServing() {
        String answer = edit(unique("before-unstartable"));

        write(probe("never").replace("        - bean:", "        - to: no-such-component:anywhere\n        - bean:"));

        String refusal = awaitRefusal();
        assertThat(refusal).contains("reload-probe.yaml").contains("route reload-probe").contains("no-such-component");
        assertServes(answer);
        // and the file can be fixed by the next edit
        String fixed = edit(unique("fixed"));
        assertThat(admin.get("/api/reload-probe").text("/answer")).isEqualTo(fixed);
    }

    @Test
    void theRoutesOfOtherFilesKeepServingThroughAnyEdit() {
        write(probe("never").replace("      steps:", "    steps:\n  - : ["));
        awaitRefusal();
        assertThat(admin.get("/api/users/me").status()).isEqualTo(200);
    }

    /** Edits the probe to answer {@code answer} and waits until its GET does. */
    private String edit(String answer) {
        write(probe(answer));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(admin.get("/api/reload-probe").text("/answer"))
                .isEqualTo(answer));
        return answer;
    }

    private String awaitRefusal() {
        await().atMost(RELOAD).until(() -> log.list.stream().anyMatch(event -> event.getFormattedMessage().contains("was not reloaded")));
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(message -> message.contains("was not reloaded"))
                .findFirst().orElseThrow();
    }

    private void assertServes(String answer) {
        ApiResponse response = admin.get("/api/reload-probe");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("/answer")).isEqualTo(answer);
    }

    /** Written whole and moved into place, so the watcher never reads half a file. */
    private static void write(String content) {
        try {
            Path partial = PROBE.resolveSibling("reload-probe." + UUID.randomUUID() + ".partial");
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, PROBE, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String probe(String answer) {
        return """
                # a test-only endpoint: GET /api/reload-probe answers {"answer": "%1$s"}
                - rest:
                    id: reload-probe-api
                    path: /api/reload-probe
                    get:
                      - routeId: rest-reload-probe
                        to: direct:reload-probe
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - bean:
                            ref: envelope
                            method: "of('answer', '%1$s')"
                """.formatted(answer);
    }

}
