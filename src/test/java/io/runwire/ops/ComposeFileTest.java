package io.runwire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile, read as Docker would read them (no engine runs here).
 *
 * <p>Which variables Runwire reads is derived from the application, never from the compose file: a variable counts
 * when application.yaml names it in a {@code ${NAME:default}} placeholder, or when Spring's own relaxed binding of
 * environment variables resolves it to a property Runwire has — a key of application.yaml, or one that Spring Boot or
 * a Camel starter on the classpath declares in its configuration metadata (for a map, such as logging.level, any name
 * below it).
 */
class ComposeFileTest {

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static Map<String, Object> services;
    private static Set<String> placeholderNames;
    private static Set<String> propertyKeys;
    /** Keys of map-typed properties (logging.level): any name below them binds. */
    private static Set<String> mapKeys;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");

        String applicationYaml = Files.readString(Path.of("src/main/resources/application.yaml"));
        placeholderNames = new LinkedHashSet<>();
        Matcher placeholder = ENV_PLACEHOLDER.matcher(applicationYaml);
        while (placeholder.find()) {
            placeholderNames.add(placeholder.group(1));
        }
        propertyKeys = new LinkedHashSet<>();
        flatten("", new Yaml().load(applicationYaml), propertyKeys);
        mapKeys = new LinkedHashSet<>();
        propertyKeys.addAll(declaredBySpringAndCamel(mapKeys));
    }

    @Test
    void thereAreTwoRunwireReplicasPostgres17AndADemoTarget() {
        assertThat(runwireServices()).hasSize(2);
        assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
        assertThat(service("demo-target")).containsKey("image");
    }

    @Test
    void everyVariableSetOnARunwireServiceIsOneRunwireReads() {
        runwireServices().forEach((name, service) -> environment(service).keySet().forEach(variable ->
                assertThat(reads(variable)).as("%s sets %s, which Runwire does not read", name, variable).isTrue()));
    }

    @Test
    void theBindingCheckTellsAReadVariableFromAMisspeltOne() {
        assertThat(reads("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(reads("RUNWIRE_HTTP_ALLOWED_HOSTS")).isTrue();
        assertThat(reads("PORT")).isTrue();
        assertThat(reads("LOGGING_LEVEL_IO_RUNWIRE")).isTrue();
        assertThat(reads("SPRING_DATASOURCE_URI")).isFalse();
        assertThat(reads("RUNWIRE_HTTP_ALLOWED_HOST")).isFalse();
        assertThat(reads("RUNWIRE_ENCRYPTION_SECRET")).isFalse();
    }

    @Test
    void bothReplicasShareOneDatabaseAndOneRequiredEncryptionKey() {
        List<Map<String, Object>> environments = runwireServices().values().stream().map(ComposeFileTest::environment).toList();
        for (String shared : List.of("SPRING_DATASOURCE_URL", "RUNWIRE_ENCRYPTION_KEY", "RUNWIRE_BOOTSTRAP_ADMIN_TOKEN")) {
            assertThat(environments).extracting(environment -> environment.get(shared)).as(shared)
                    .doesNotContainNull().containsOnly(environments.get(0).get(shared));
        }
        Map<String, Object> environment = environments.get(0);
        // the key comes from the operator's environment, never written into the file
        assertThat((String) environment.get("RUNWIRE_ENCRYPTION_KEY")).startsWith("${RUNWIRE_ENCRYPTION_KEY:?");
        String url = (String) environment.get("SPRING_DATASOURCE_URL");
        assertThat(url).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(url).doesNotContain("user=");
    }

    @Test
    void theReplicasMayCallTheDemoTargetAndNothingElsePrivate() {
        Map<String, Object> environment = environment(runwireServices().values().iterator().next());
        assertThat(List.of(((String) environment.get("RUNWIRE_HTTP_ALLOWED_HOSTS")).split(","))).containsExactly("demo-target");
        assertThat(environment).doesNotContainKey("RUNWIRE_HTTP_ALLOW_PRIVATE");
    }

    @Test
    void theImageIsBuiltByMavenRunsOnAJreAsANonRootUserAndHasAHealthCheck() throws IOException {
        List<String> instructions = dockerfileInstructions();
        List<String> stages = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("FROM maven:").endsWith(" AS build");
        assertThat(stages.get(1)).contains("-jre");
        List<String> runtime = instructions.subList(instructions.indexOf(stages.get(1)), instructions.size());
        assertThat(runtime).filteredOn(line -> line.startsWith("USER ")).singleElement()
                .satisfies(user -> assertThat(user).isNotIn("USER root", "USER 0"));
        assertThat(runtime).anySatisfy(line -> assertThat(line).startsWith("HEALTHCHECK ").contains("/actuator/health/readiness"));
        assertThat(runtime).anySatisfy(line -> assertThat(line).startsWith("COPY --from=build "));
    }

    @Test
    void theDockerfileBuildsWithTheCommandTheReadmeDocuments() throws IOException {
        String build = dockerfileInstructions().stream()
                .filter(line -> line.startsWith("RUN mvn ") && line.contains(" package"))
                .map(line -> line.substring("RUN ".length())).findFirst().orElseThrow();
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`docker build -t runwire .`").contains("`" + build + "`");
        // the image skips the tests only because the README's test command runs them: the same build, plus verify
        assertThat(build).startsWith("mvn -B package").contains("-DskipTests");
        assertThat(readme).contains("\n    mvn -B verify\n");
    }

    private static boolean reads(String variable) {
        if (placeholderNames.contains(variable)) {
            return true;
        }
        // exactly how Spring finds an environment variable for a property (SystemEnvironmentPropertyMapper)
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, "value")));
        for (String key : propertyKeys) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(key);
            if (name != null && environment.getConfigurationProperty(name) != null) {
                return true;
            }
        }
        for (String key : mapKeys) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(key);
            if (name != null && environment.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    private static Set<String> declaredBySpringAndCamel(Set<String> mapKeys) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> keys = new LinkedHashSet<>();
        for (URL metadata : Collections.list(ComposeFileTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    keys.add(property.path("name").asText());
                    if (property.path("type").asText().startsWith("java.util.Map<")) {
                        mapKeys.add(property.path("name").asText());
                    }
                }
            }
        }
        assertThat(keys).contains("spring.datasource.url", "spring.flyway.user");
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> runwireServices() {
        Map<String, Map<String, Object>> runwire = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            Map<String, Object> definition = (Map<String, Object>) service;
            Object build = definition.get("build");
            if (".".equals(build) || build instanceof Map<?, ?> map && ".".equals(map.get("context"))) {
                runwire.put(name, definition);
            }
        });
        return runwire;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        assertThat(environment).as("environment as a map").isInstanceOf(Map.class);
        return (Map<String, Object>) environment;
    }

    /** The Dockerfile's instructions, continuation lines joined, comments left out. */
    private static List<String> dockerfileInstructions() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return instructions;
    }
}
