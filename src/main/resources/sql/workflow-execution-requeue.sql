-- Workflow executions that are due and that no node's queue holds — PENDING ones (never queued, a full queue, a node
-- that died) and WAITING ones whose resume_at has come (a delay, a retry's backoff, the deadline) — oldest first, at
-- most as many as this node's queue can take. Marked queued for a while, so no node queues them twice meanwhile;
-- the claim decides who runs each step.
UPDATE workflow_executions e
SET queued_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
WHERE e.id IN (
    SELECT id FROM workflow_executions
    WHERE (status = 'PENDING' OR (status = 'WAITING' AND (resume_at IS NULL OR resume_at <= now())))
      AND (queued_until IS NULL OR queued_until < now())
    ORDER BY coalesce(resume_at, created_at)
    LIMIT :#${variable.freeSlots}
    FOR UPDATE SKIP LOCKED)
RETURNING e.id
