package io.runwire.config;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code runwire.node-id}: who claims an execution. Unique per running process (host, pid and a random suffix), so
 * a restarted process never mistakes its predecessor's claims for its own.
 */
public class NodeIdentity implements EnvironmentPostProcessor {

    static final String PROPERTY = "runwire.node-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY) && !environment.getProperty(PROPERTY, "").isBlank()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("runwire-node", Map.of(PROPERTY, generate())));
    }

    static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
