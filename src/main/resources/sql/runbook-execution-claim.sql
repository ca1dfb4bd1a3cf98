-- PENDING and due -> RUNNING for this node: the next attempt, a lease it renews while the call runs, and a fresh
-- claim token that every later statement for this attempt must match.
-- No row back: the execution was cancelled, finished, is waiting for its next attempt, or another node has it.
UPDATE runbook_executions
SET status = 'RUNNING', claimed_by = :#${properties:runwire.node-id}, claim_token = gen_random_uuid(),
    attempts = attempts + 1, attempt_started_at = now(),
    lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer)),
    started_at = coalesce(started_at, now()), queued_until = NULL, next_attempt_at = NULL
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'PENDING'
  AND (next_attempt_at IS NULL OR next_attempt_at <= now())
RETURNING id, claim_token AS "claimToken", runbook_id AS "runbookId", incident_id AS "incidentId",
          workflow_execution_id AS "workflowExecutionId", attempts, max_attempts AS "maxAttempts",
          definition_snapshot::text AS definition, parameters::text AS parameters
