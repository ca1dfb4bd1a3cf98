package io.runwire.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the YAML routes come from: an external folder when {@code RUNWIRE_ROUTES_DIR} names one; the project's
 * {@code routes/} folder when run from the source tree; otherwise the copy packaged in the jar. Route reloading (the dev
 * profile) watches the same folder; the jar's copy cannot be watched.
 */
public class RoutesLocation implements EnvironmentPostProcessor {

    static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";
    static final String RELOAD_DIRECTORY = "camel.main.routes-reload-directory";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(INCLUDE_PATTERN)) {
            return;
        }
        String external = environment.getProperty("runwire.routes.dir");
        String pattern;
        String folder = null;
        if (external != null && !external.isBlank()) {
            folder = Path.of(external).toAbsolutePath().normalize().toString();
            pattern = "file:" + folder + "/**/*.yaml";
        } else if (Files.isDirectory(Path.of("routes"))) {
            folder = "routes";
            pattern = "file:routes/**/*.yaml";
        } else {
            // each folder named: "classpath:routes/**" inside the Spring Boot jar finds routes/actions/x.yaml but
            // loads it as routes/x.yaml, so the start failed wherever ./routes was not there
            pattern = "classpath:routes/*.yaml,classpath:routes/actions/*.yaml";
        }
        Map<String, Object> properties = new HashMap<>(Map.of(INCLUDE_PATTERN, pattern));
        if (folder != null && !environment.containsProperty(RELOAD_DIRECTORY)) {
            properties.put(RELOAD_DIRECTORY, folder);
        }
        environment.getPropertySources().addLast(new MapPropertySource("runwire-routes", properties));
    }
}
