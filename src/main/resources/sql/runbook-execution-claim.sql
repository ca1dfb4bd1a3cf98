-- PENDING -> RUNNING for this node, with a lease it renews while the call runs.
-- No row back: the execution was cancelled, finished, or another node has it.
UPDATE runbook_executions
SET status = 'RUNNING', claimed_by = :#${properties:runwire.node-id},
    lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer)),
    started_at = coalesce(started_at, now()), queued_until = NULL
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'PENDING'
RETURNING id, runbook_id AS "runbookId", incident_id AS "incidentId", workflow_execution_id AS "workflowExecutionId",
          attempts, max_attempts AS "maxAttempts", definition_snapshot::text AS definition, parameters::text AS parameters
