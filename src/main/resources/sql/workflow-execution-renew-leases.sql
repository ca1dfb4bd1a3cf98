-- This node is alive: the workflow steps it is running right now, and only those, keep their leases.
UPDATE workflow_executions
SET lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer))
WHERE status = 'RUNNING' AND claim_token = ANY (CAST(:#${variable.claimTokens} AS uuid[]))
RETURNING claim_token AS "claimToken"
