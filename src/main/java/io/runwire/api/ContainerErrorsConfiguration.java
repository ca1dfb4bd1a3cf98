package io.runwire.api;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link JsonErrorReportValve} in place of every {@link ErrorReportValve} on Tomcat's host, Spring Boot's
 * included, and names it the host's error report valve so Tomcat does not add its HTML one at start.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrorsConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ApiErrors apiErrors;
    private final ServerProperties server;

    public ContainerErrorsConfiguration(ApiErrors apiErrors, ServerProperties server) {
        this.apiErrors = apiErrors;
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        int maxHeaderBytes = (int) server.getMaxHttpRequestHeaderSize().toBytes();
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new JsonErrorReportValve(this::toJson, maxHeaderBytes));
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    private String toJson(ContainerRefusal refusal) {
        return apiErrors.toJson(new ApiException(refusal.status(), refusal.message(), null), null);
    }

    /** After Spring Boot's own customizer, which adds the valve this one replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
