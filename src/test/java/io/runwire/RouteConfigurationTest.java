package io.runwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The API's error mapping is the default routeConfiguration: Camel's REST verbs cannot name one, so it has no id. A
 * route that no HTTP caller waits for (a queue consumer, a poller) and forgets to name its own configuration would
 * turn its errors into HTTP answers nobody reads, so each must name one.
 */
class RouteConfigurationTest extends ApiTestSupport {

    @Autowired
    CamelContext camelContext;

    @Test
    void everyRouteNoHttpCallerWaitsForNamesItsRouteConfiguration() {
        var definitions = ((ModelCamelContext) camelContext).getRouteDefinitions();
        var background = definitions.stream()
                .filter(route -> !Boolean.TRUE.equals(route.isRest()) && !route.getInput().getEndpointUri().startsWith("direct:"))
                .toList();

        assertThat(background).isNotEmpty();
        assertThat(background).allSatisfy(route -> assertThat(route.getRouteConfigurationId())
                .as(route.getRouteId()).isNotBlank());
        assertThat(definitions.stream().filter(route -> Boolean.TRUE.equals(route.isRest())))
                .allSatisfy(route -> assertThat(route.getRouteConfigurationId()).as(route.getRouteId()).isNull());
    }
}
