-- The target's host already has as many calls from this node as it may: the claim is given back, uncounted, and the
-- execution waits in this node's line for the host (HostBulkhead), queued again as soon as a call to the host ends.
-- queued_until keeps other nodes' pollers off it meanwhile; should this node die, it runs out and any node queues it.
UPDATE runbook_executions
SET status = 'PENDING', attempts = attempts - 1, started_at = CASE WHEN attempts = 1 THEN NULL ELSE started_at END,
    claim_token = NULL, lease_until = NULL, next_attempt_at = NULL,
    queued_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'RUNNING'
  AND claim_token = CAST(:#${variable.claimToken} AS uuid)
