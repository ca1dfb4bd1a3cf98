package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class OutgoingHttpPropertiesTest {

    @Test
    void theDocumentedEnvironmentVariablesConfigureTheGuard() {
        OutgoingHttpProperties properties = bind(Map.of(
                "RUNWIRE_HTTP_ALLOW_PRIVATE", "true",
                "RUNWIRE_HTTP_ALLOWED_HOSTS", "wiremock.local, 10.0.0.5",
                "RUNWIRE_HTTP_CONNECT_TIMEOUT", "3s"));

        assertThat(properties.allowPrivate()).isTrue();
        assertThat(properties.allowedHosts()).containsExactly("wiremock.local", "10.0.0.5");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withNothingSetPrivateAddressesAreRefusedAndConnectingWaitsTenSeconds() {
        OutgoingHttpProperties properties = bind(Map.of());

        assertThat(properties.allowPrivate()).isFalse();
        assertThat(properties.allowedHosts()).isEmpty();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties).isEqualTo(OutgoingHttpProperties.defaults());
    }

    private static OutgoingHttpProperties bind(Map<String, Object> environment) {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", environment)));
        return binder.bindOrCreate("runwire.http", OutgoingHttpProperties.class);
    }
}
