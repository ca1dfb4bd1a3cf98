package io.runwire.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * The spans the service ends while a test records (tracing is on in the test profile and exported nowhere else),
 * in OpenTelemetry's in-memory exporter. Only while recording, so the suite's other spans take no memory.
 */
public class RecordedSpans implements SpanProcessor {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SpanProcessor export = SimpleSpanProcessor.create(exporter);
    private volatile boolean recording;

    public void start() {
        exporter.reset();
        recording = true;
    }

    public void stop() {
        recording = false;
        exporter.reset();
    }

    public List<SpanData> ofTrace(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (recording) {
            export.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return export.shutdown();
    }
}
