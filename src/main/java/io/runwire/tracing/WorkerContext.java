package io.runwire.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * What a worker is handling, in every log line it writes meanwhile (MDC {@value #EXECUTION_ID},
 * {@value #WORKFLOW_EXECUTION_ID}, with {@value #TRACE_ID} and {@value #SPAN_ID} when traced) and on its span
 * (attributes {@code runwire.execution.id}, {@code runwire.workflow.execution.id}, ...). The MDC keys go when the
 * worker's exchange is done.
 */
@Component("workerContext")
public class WorkerContext {

    public static final String EXECUTION_ID = "runwire.executionId";
    public static final String WORKFLOW_EXECUTION_ID = "runwire.workflowExecutionId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    private static final List<String> KEYS = List.of(EXECUTION_ID, WORKFLOW_EXECUTION_ID, TRACE_ID, SPAN_ID);

    /** runbook-worker, from the queue entry on: the execution's id. */
    public void runbookExecution(Exchange exchange, String executionId) {
        enter(exchange, EXECUTION_ID, "runwire.execution.id", executionId);
    }

    /** runbook-worker, once it claimed the execution: which attempt, of which runbook, incident and workflow. */
    public void claimed(Map<String, Object> execution) {
        Object workflowExecutionId = execution.get("workflowExecutionId");
        if (workflowExecutionId != null) {
            MDC.put(WORKFLOW_EXECUTION_ID, workflowExecutionId.toString());
        }
        Span span = Span.current();
        if (span.isRecording()) {
            attribute(span, "runwire.workflow.execution.id", workflowExecutionId);
            attribute(span, "runwire.runbook.id", execution.get("runbookId"));
            attribute(span, "runwire.incident.id", execution.get("incidentId"));
            attribute(span, "runwire.attempt", execution.get("attempts"));
        }
    }

    /** workflow-worker: the workflow execution whose next step it runs. */
    public void workflowExecution(Exchange exchange, String workflowExecutionId) {
        enter(exchange, WORKFLOW_EXECUTION_ID, "runwire.workflow.execution.id", workflowExecutionId);
    }

    private static void enter(Exchange exchange, String key, String attribute, String id) {
        MDC.put(key, id);
        Span span = Span.current();
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
            attribute(span, attribute, id);
        }
        exchange.getExchangeExtension().addOnCompletion(LEAVE);
    }

    private static void attribute(Span span, String name, Object value) {
        if (value instanceof Number number) {
            span.setAttribute(name, number.longValue());
        } else if (value != null) {
            span.setAttribute(name, value.toString());
        }
    }

    private static final SynchronizationAdapter LEAVE = new SynchronizationAdapter() {
        @Override
        public void onDone(Exchange exchange) {
            KEYS.forEach(MDC::remove);
        }
    };
}
