package io.runwire.http;

import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Puts every outgoing call of the camel-http component ({@code http:} and {@code https:}) through the
 * {@link GuardedDnsResolver} and the limits that keep a target from hurting the node: the {@link CallDeadline} of
 * the calling thread, an unread rest discarded rather than drained, no cookies, no redirects. Plain Java, so a test
 * can wire a bare Camel context exactly as the service does.
 */
public final class OutgoingHttp {

    private OutgoingHttp() {
    }

    /**
     * Gives each HttpComponent a guarded connection manager of its own as Camel creates it. It runs after every other
     * customizer, so no {@code camel.component.http.*} setting replaces the guarded manager.
     */
    public static ComponentCustomizer guardEveryHttpComponent(TargetAddressGuard guard, OutgoingHttpProperties properties) {
        return ComponentCustomizer.builder(HttpComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> {
                    // the component closes its manager when it stops, so each instance gets a fresh one
                    component.setClientConnectionManager(connectionManager(guard, properties));
                    component.setHttpClientConfigurer(OutgoingHttp::limitEveryCall);
                });
    }

    /** How every HttpClient of the service is built, whatever its endpoint's options say. */
    public static void limitEveryCall(HttpClientBuilder builder) {
        builder
                // Runwire decides about retries (AttemptClassifier); HttpClient would silently resend on a 503
                .disableAutomaticRetries()
                // a target must not send a call, and the credentials on it, somewhere else
                .disableRedirectHandling()
                // camel-http keeps one cookie store per endpoint, shared by every runbook and team that uses it
                .disableCookieManagement()
                .addExecInterceptorFirst("runwire-call-deadline", CallDeadline.enforcement())
                .addExecInterceptorLast("runwire-unread-body-discarder", new UnreadBodyDiscarder());
    }

    public static PoolingHttpClientConnectionManager connectionManager(TargetAddressGuard guard,
                                                                       OutgoingHttpProperties properties) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .build())
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnectionsPerRoute())
                .build();
    }
}
