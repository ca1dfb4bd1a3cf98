-- The W3C traceparent of the span that triggered an execution (null when tracing was off): whichever node runs it,
-- whenever (a poller re-queues it, a retry's due time comes), its worker's span joins that trace.
ALTER TABLE runbook_executions ADD COLUMN trace_parent text;
