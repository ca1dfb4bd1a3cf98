-- This node is alive: every execution it runs keeps its lease.
UPDATE runbook_executions
SET lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer))
WHERE status = 'RUNNING' AND claimed_by = :#${properties:runwire.node-id}
