package io.runwire.http;

import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every outgoing HTTP call of the service checks the address it connects to; see {@link OutgoingHttp}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutgoingHttpProperties.class)
public class OutgoingHttpConfiguration {

    @Bean
    TargetAddressGuard targetAddressGuard(OutgoingHttpProperties properties) {
        return properties.guard();
    }

    @Bean
    ComponentCustomizer guardedHttpComponents(TargetAddressGuard guard, OutgoingHttpProperties properties) {
        return OutgoingHttp.guardEveryHttpComponent(guard, properties);
    }
}
