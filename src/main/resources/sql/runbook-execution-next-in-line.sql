-- An execution of a runbook with a concurrency limit stopped running (it ended, or waits for its next attempt): the
-- executions of its key that waited longest, as many as there is room for now, are marked queued and go onto this
-- node's queue. Their claims decide again (runwire_concurrency_admits, V16): none is passed over, as a younger one
-- starts only while there is room for every older one too.
UPDATE runbook_executions e
SET queued_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
WHERE e.id IN (
    SELECT id FROM runbook_executions
    WHERE concurrency_key = :#${variable.execution[concurrencyKey]} AND status = 'PENDING'
      AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    ORDER BY created_at, id
    LIMIT greatest(CAST(:#${variable.execution[concurrencyLimit]} AS integer)
                   - (SELECT count(*) FROM runbook_executions
                      WHERE concurrency_key = :#${variable.execution[concurrencyKey]} AND status = 'RUNNING'), 0)
    FOR UPDATE SKIP LOCKED)
RETURNING e.id, e.definition_snapshot ->> 'webhookUrl' AS "targetUrl", e.trace_parent AS "traceParent"
