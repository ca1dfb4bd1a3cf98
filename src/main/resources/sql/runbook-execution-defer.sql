-- The target's host already has as many calls from this node as it may: the claim is given back, uncounted, and the
-- execution waits in the database a moment before it is queued again — on this node or another.
UPDATE runbook_executions
SET status = 'PENDING', attempts = attempts - 1, started_at = CASE WHEN attempts = 1 THEN NULL ELSE started_at END, claim_token = NULL, lease_until = NULL, queued_until = NULL,
    next_attempt_at = now() + CAST(:#${properties:runwire.executor.host-full-wait-ms} AS integer) * interval '1 millisecond'
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'RUNNING'
  AND claim_token = CAST(:#${variable.claimToken} AS uuid)
