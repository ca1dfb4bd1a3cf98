-- PENDING executions that are due and that no node's queue holds (never queued, queue was full, their node died,
-- or the wait before their next attempt is over), oldest first,
-- at most as many as this node's queue can take. They are marked as queued here for a while, so neither this
-- nor another node queues them twice meanwhile; the claim decides who runs each.
UPDATE runbook_executions e
SET queued_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
WHERE e.id IN (
    SELECT id FROM runbook_executions
    WHERE status = 'PENDING' AND (queued_until IS NULL OR queued_until < now())
      AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    ORDER BY created_at
    LIMIT :#${variable.freeSlots}
    FOR UPDATE SKIP LOCKED)
RETURNING e.id, e.definition_snapshot ->> 'webhookUrl' AS "targetUrl", e.trace_parent AS "traceParent"
