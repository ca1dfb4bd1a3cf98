package io.runwire.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether this node traces: when {@code RUNWIRE_TRACING_ENABLED=true}, or when a collector is named
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}). Off, no span is made and
 * nothing is added to any Camel route; on without a collector, spans are made (and a {@code traceparent} sent with
 * every call) but exported nowhere.
 */
public class TracingSwitch extends SpringBootCondition {

    static final String ENABLED = "runwire.tracing.enabled";
    private static final String[] COLLECTOR = {"otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint"};

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        PropertyResolver environment = context.getEnvironment();
        if (environment.getProperty(ENABLED, Boolean.class, false)) {
            return ConditionOutcome.match(ENABLED + " is true");
        }
        if (collectorNamed(environment)) {
            return ConditionOutcome.match("an OTLP endpoint is set");
        }
        return ConditionOutcome.noMatch("neither " + ENABLED + " nor an OTLP endpoint is set");
    }

    /** Spring reads OTEL_EXPORTER_OTLP_ENDPOINT for otel.exporter.otlp.endpoint, as OpenTelemetry does. */
    static boolean collectorNamed(PropertyResolver environment) {
        for (String name : COLLECTOR) {
            if (StringUtils.hasText(environment.getProperty(name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * OpenTelemetry's defaults as Runwire wants them; an OTEL_* variable still wins over each. Spans leave the node
     * only for a named collector (OpenTelemetry would otherwise try localhost), over OTLP/HTTP; no metrics or logs go
     * that way (Prometheus and the log have their own); the W3C trace context is the one propagation format. A
     * collector named in Spring's properties (application.yaml) is passed on: OpenTelemetry reads only variables.
     */
    static Map<String, String> openTelemetryDefaults(PropertyResolver environment) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String name : COLLECTOR) {
            String endpoint = environment.getProperty(name);
            if (StringUtils.hasText(endpoint)) {
                defaults.put(name, endpoint);
            }
        }
        defaults.put("otel.service.name", environment.getProperty("spring.application.name", "runwire"));
        defaults.put("otel.traces.exporter", collectorNamed(environment) ? "otlp" : "none");
        // the JDK's HttpClient sends; OpenTelemetry for Java would default to gRPC, which needs OkHttp or Netty
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        defaults.put("otel.propagators", "tracecontext");
        return defaults;
    }
}
