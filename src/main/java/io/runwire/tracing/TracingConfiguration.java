package io.runwire.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Traces, when {@link TracingSwitch} says so: an OpenTelemetry SDK configured the standard way (OTEL_* variables:
 * exporter endpoint and headers, sampler, resource), and Camel's OpenTelemetry tracer on the hops of a call path
 * ({@link CallPathTracer}). {@link SpanProcessor} beans are added to the SDK (a test's in-memory exporter).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingSwitch.class)
public class TracingConfiguration {

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(Environment environment, ObjectProvider<SpanProcessor> processors) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> TracingSwitch.openTelemetryDefaults(environment))
                .addTracerProviderCustomizer((tracerProvider, config) -> {
                    processors.orderedStream().forEach(tracerProvider::addSpanProcessor);
                    return tracerProvider;
                })
                // Spring closes it, after the routes have stopped (and made their last spans)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** Found by Camel's tracer in the registry, with {@link #tracePropagators}. */
    @Bean
    Tracer runwireTracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer("io.runwire");
    }

    @Bean
    ContextPropagators tracePropagators(OpenTelemetry openTelemetry) {
        return openTelemetry.getPropagators();
    }

    @Bean
    CallPathTracer callPathTracer(CamelContext camelContext, Tracer tracer, ContextPropagators propagators) {
        CallPathTracer callPathTracer = new CallPathTracer();
        // before the routes are built: it adds itself as a route policy factory and event notifier
        callPathTracer.init(camelContext);
        return callPathTracer;
    }
}
