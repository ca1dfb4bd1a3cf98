package io.runwire.http;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Puts every outgoing call of the camel-http component ({@code http:} and {@code https:}) through the
 * {@link GuardedDnsResolver} and the limits that keep a target from hurting the node: the {@link CallDeadline} of
 * the calling thread, an unread rest discarded rather than drained, no cookies, no redirects. Plain Java, so a test
 * can wire a bare Camel context exactly as the service does.
 *
 * <p>No call goes through a proxy: HttpClient would then resolve only the proxy's name, and the proxy would connect to
 * whatever the target's name means to it, unchecked. A proxy configured on the component, as a Camel global option or
 * as a Java system property fails the start; one configured anywhere else (an endpoint's options) fails each call.
 */
public final class OutgoingHttp {

    static final String NO_PROXY = "Runwire does not support an outgoing proxy";

    /** Java system properties that name a proxy for the JDK's ProxySelector, which HttpClient may be told to use. */
    private static final List<String> PROXY_SYSTEM_PROPERTIES = List.of("http.proxyHost", "https.proxyHost", "socksProxyHost");

    private OutgoingHttp() {
    }

    /**
     * Gives each HttpComponent a guarded connection manager of its own as Camel creates it. It runs after every other
     * customizer, so no {@code camel.component.http.*} setting replaces the guarded manager, and it sees every proxy
     * setting they made.
     */
    public static ComponentCustomizer guardEveryHttpComponent(TargetAddressGuard guard, OutgoingHttpProperties properties) {
        return ComponentCustomizer.builder(HttpComponent.class)
                .withOrder(Ordered.LOWEST)
                .build((name, component) -> {
                    Optional<String> proxy = configuredProxy(name, component, System.getProperties());
                    if (proxy.isPresent()) {
                        throw new IllegalStateException(NO_PROXY + ": " + proxy.get() + ", and through a proxy Runwire "
                                + "could check only the proxy's address, not the target's; unset it so that Runwire "
                                + "connects to each target directly");
                    }
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
                .addExecInterceptorLast("runwire-unread-body-discarder", new UnreadBodyDiscarder())
                // before every connection, redirects included, whatever route planner an endpoint was given
                .addExecInterceptorBefore(ChainElement.CONNECT.name(), "runwire-direct-only", OutgoingHttp::directOnly);
    }

    public static PoolingHttpClientConnectionManager connectionManager(TargetAddressGuard guard,
                                                                       OutgoingHttpProperties properties) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        // a pooled connection idle this long is checked before reuse: a target that went away
                        // since is a refused connection, not a confusing "no response"
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnectionsPerRoute())
                .build();
    }

    /** Which setting would send the component's calls through a proxy, in words; empty when none does. */
    static Optional<String> configuredProxy(String name, HttpComponent component, Properties system) {
        if (isSet(component.getProxyHost())) {
            return Optional.of("camel.component." + name + ".proxy-host is set (" + component.getProxyHost() + ")");
        }
        if (isSet(component.getProxyAuthHost())) {
            return Optional.of("camel.component." + name + ".proxy-auth-host is set (" + component.getProxyAuthHost() + ")");
        }
        String globalOption = component.getCamelContext() == null ? null
                : component.getCamelContext().getGlobalOption("http.proxyHost");
        if (isSet(globalOption)) {
            return Optional.of("the Camel global option http.proxyHost is set (" + globalOption + ")");
        }
        for (String property : PROXY_SYSTEM_PROPERTIES) {
            if (isSet(system.getProperty(property))) {
                return Optional.of("the Java system property " + property + " is set (" + system.getProperty(property) + ")");
            }
        }
        if (Boolean.parseBoolean(system.getProperty("java.net.useSystemProxies"))) {
            return Optional.of("the Java system property java.net.useSystemProxies is true");
        }
        return Optional.empty();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static ClassicHttpResponse directOnly(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        HttpHost proxy = scope.route.getProxyHost();
        if (proxy != null) {
            throw new ProxyRefusedException(scope.route.getTargetHost().getHostName(), proxy.toHostString());
        }
        return chain.proceed(request, scope);
    }

    /** A call that an endpoint's own options would have sent through a proxy; refused like an internal address. */
    static final class ProxyRefusedException extends TargetRefusedException {

        private final String proxy;

        ProxyRefusedException(String host, String proxy) {
            super(host, "the call would go through the proxy " + proxy);
            this.proxy = proxy;
        }

        @Override
        public String getMessage() {
            return "Refused to call " + host() + " through the proxy " + proxy + ": " + NO_PROXY + ", since Runwire "
                    + "could check only the proxy's address, not the target's; remove the proxy options (proxyHost, "
                    + "proxyAuthHost, useSystemProperties) from the http endpoint";
        }
    }
}
