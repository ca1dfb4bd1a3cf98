package io.runwire.support;

import io.runwire.RunwireApplication;
import io.runwire.db.EmbeddedDatabase;
import io.runwire.db.EmbeddedDatabaseProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Several real Runwire instances (Spring contexts, each with its own Tomcat port and Camel routes) on one embedded
 * PostgreSQL, laid out as README's "External PostgreSQL" asks: the owner migrates, the service runs as runwire_app.
 * As a JUnit extension ({@code @RegisterExtension static}), they start before a class's tests and stop after them.
 */
public final class InstancesOnOneDatabase implements BeforeAllCallback, AfterAllCallback {

    private final int count;
    private final String adminToken;
    private final String[] settings;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private Path dataDirectory;
    private EmbeddedPostgres postgres;

    /** {@code count} instances with the test profile, {@code adminToken} as their bootstrap admin and {@code settings}. */
    public InstancesOnOneDatabase(int count, String adminToken, String... settings) {
        this.count = count;
        this.adminToken = adminToken;
        this.settings = settings;
    }

    public ConfigurableApplicationContext instance(int index) {
        return instances.get(index);
    }

    public String url(int index) {
        return "http://127.0.0.1:" + instance(index).getEnvironment().getProperty("local.server.port");
    }

    public ApiClient admin(int index) {
        return new ApiClient(url(index), adminToken);
    }

    /** The database, with Runwire's two logins (docker/postgres/runwire-roles.sql), then the instances in turn. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDirectory = Files.createTempDirectory("runwire-instances");
        postgres = EmbeddedDatabase.start(new EmbeddedDatabaseProperties(dataDirectory, false, 0, null));
        try (Connection superuser = postgres.getPostgresDatabase().getConnection();
             Statement statement = superuser.createStatement()) {
            statement.execute(Files.readAllLines(Path.of("docker", "postgres", "runwire-roles.sql")).stream()
                    .filter(line -> !line.startsWith("\\getenv"))
                    .map(line -> line.replace(":'owner_password'", "'owner-pw'").replace(":'app_password'", "'app-pw'"))
                    .collect(Collectors.joining("\n")));
        }
        for (int i = 0; i < count; i++) {
            instances.add(startInstance());
        }
    }

    private ConfigurableApplicationContext startInstance() {
        String[] arguments = Stream.concat(Stream.of(
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                        "--spring.datasource.username=runwire_app",
                        "--spring.datasource.password=app-pw",
                        "--spring.flyway.user=runwire_owner",
                        "--spring.flyway.password=owner-pw",
                        "--runwire.encryption.key=" + Base64.getEncoder().encodeToString(new byte[32]),
                        "--runwire.bootstrap-admin-token=" + adminToken,
                        "--server.port=0"), Stream.of(settings))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RunwireApplication.class).profiles("test").run(arguments);
    }

    /** The instances, last started first, then the database and its files. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
        instances.clear();
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectory != null) {
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }
}
