-- One more attempt, and a fresh lease, for as long as this node still holds the execution.
UPDATE runbook_executions
SET attempts = attempts + 1,
    lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer))
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'RUNNING' AND claimed_by = :#${properties:runwire.node-id}
RETURNING attempts
