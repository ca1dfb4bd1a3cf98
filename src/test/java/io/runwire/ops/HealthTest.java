package io.runwire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /actuator/health, its liveness and readiness groups, as a load balancer and an anonymous caller see them. */
class HealthTest extends ApiTestSupport {

    @Autowired
    private CamelContext camelContext;

    private ApiClient anonymous() {
        return client(null);
    }

    @Test
    void healthAndBothProbesAreUpAndPublicWithTheStatusOnly() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
                ApiResponse health = anonymous().get(path);
                assertThat(health.status()).as(path + " " + health).isEqualTo(200);
                assertThat(health.text("/status")).as(path).isEqualTo("UP");
            }
        });
        ApiResponse health = anonymous().get("/actuator/health");
        // no components, no details: not which database, not the routes, not a stack trace
        assertThat(health.body().has("components")).as(health.toString()).isFalse();
        assertThat(health.body().has("details")).as(health.toString()).isFalse();
        assertThat(health.rawBody()).doesNotContainIgnoringCase("postgres").doesNotContain("route");
        // an admin key changes nothing: details stay in the log, the answer is the same for everyone
        assertThat(admin.get("/actuator/health").rawBody()).isEqualTo(health.rawBody());
    }

    @Test
    void aRouteThatFailedToStartTurnsHealthAndReadinessDownButNotLiveness() throws Exception {
        camelContext.addComponent("refusing", new RefusingComponent());
        String routeId = unique("health-refusing-route");
        try {
            assertThatThrownBy(() -> camelContext.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("refusing:start").routeId(routeId).log("never");
                }
            })).hasStackTraceContaining("address already in use (test)");

            assertUnavailable("/actuator/health", "DOWN");
            assertUnavailable("/actuator/health/readiness", "OUT_OF_SERVICE");
            assertThat(anonymous().get("/actuator/health/liveness").text("/status")).isEqualTo("UP");
        } finally {
            camelContext.getRouteController().stopRoute(routeId);
            camelContext.removeRoute(routeId);
            camelContext.removeComponent("refusing");
        }
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhileARouteIsNotStarted() throws Exception {
        String routeId = unique("health-stopped-route");
        camelContext.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + routeId).routeId(routeId).setBody(constant("ok"));
            }
        });
        try {
            assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
            camelContext.getRouteController().stopRoute(routeId);
            assertUnavailable("/actuator/health/readiness", "OUT_OF_SERVICE");
            assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
            camelContext.getRouteController().startRoute(routeId);
            assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        } finally {
            camelContext.getRouteController().stopRoute(routeId);
            camelContext.removeRoute(routeId);
        }
    }

    /** 503, as a load balancer or Docker reads it; readiness says OUT_OF_SERVICE (Spring's "refusing traffic"). */
    private void assertUnavailable(String path, String status) {
        ApiResponse health = anonymous().get(path);
        assertThat(health.status()).as(path + " " + health).isEqualTo(503);
        assertThat(health.text("/status")).as(path).isEqualTo(status);
        assertThat(health.body().fieldNames()).toIterable().as(path).isSubsetOf("status", "groups");
        assertThat(health.rawBody()).doesNotContain("test)").doesNotContain("refusing");
    }

    /** A consumer that cannot start, like a route whose listener's port is taken. */
    private static final class RefusingComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    return new DefaultConsumer(this, processor) {
                        @Override
                        protected void doStart() {
                            throw new IllegalStateException("address already in use (test)");
                        }
                    };
                }
            };
        }
    }
}
