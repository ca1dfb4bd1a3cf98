package io.runwire.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.runwire.support.RunbookTestSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/** When spans are made and where they go: nowhere unless a collector is named, to that collector when it is. */
class TracingSwitchTest {

    @Test
    void offUnlessEnabledOrACollectorIsNamed() {
        assertThat(TracingSwitch.collectorNamed(new MockEnvironment())).isFalse();
        assertThat(TracingSwitch.collectorNamed(new MockEnvironment().withProperty("otel.exporter.otlp.endpoint", " ")))
                .isFalse();
        assertThat(TracingSwitch.collectorNamed(
                new MockEnvironment().withProperty("otel.exporter.otlp.endpoint", "http://collector:4318"))).isTrue();
        assertThat(TracingSwitch.collectorNamed(new MockEnvironment()
                .withProperty("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces"))).isTrue();
    }

    @Test
    void withoutACollectorNothingIsExportedAndOnlyTheW3CTraceContextPropagates() {
        MockEnvironment enabled = new MockEnvironment().withProperty(TracingSwitch.ENABLED, "true");
        assertThat(TracingSwitch.openTelemetryDefaults(enabled))
                .containsEntry("otel.traces.exporter", "none")
                .containsEntry("otel.metrics.exporter", "none")
                .containsEntry("otel.logs.exporter", "none")
                .containsEntry("otel.propagators", "tracecontext")
                .containsEntry("otel.service.name", "runwire")
                .doesNotContainKey("otel.exporter.otlp.endpoint");
    }

    @Test
    void namedCollectorReceivesTheSpansOverOtlpHttp() throws Exception {
        WireMockServer collector = RunbookTestSupport.silentTarget();
        collector.start();
        try {
            collector.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
            MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "runwire-test")
                    .withProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.port());
            OpenTelemetrySdk sdk = new TracingConfiguration().openTelemetry(environment,
                    new DefaultListableBeanFactory().getBeanProvider(SpanProcessor.class));
            try {
                sdk.getTracer("test").spanBuilder("exported").startSpan().end();
                assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            } finally {
                sdk.close();
            }

            collector.verify(1, anyRequestedFor(anyUrl()));
            collector.verify(postRequestedFor(urlEqualTo("/v1/traces"))
                    .withHeader("Content-Type", containing("application/x-protobuf")));
            String body = new String(collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).get(0).getBody(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(body).contains("exported").contains("runwire-test");
        } finally {
            collector.stop();
        }
    }
}
