-- PENDING and due -> RUNNING for this node: the next attempt, a lease it renews while the call runs, and a fresh
-- claim token that every later statement for this attempt must match. With it, what the payload template may use:
-- the incident as it is now, its team and assignee, the workflow that started it; and the runbook's signing secrets
-- valid now (encrypted, the current one first), so a rotation after the trigger signs this attempt with the new ones.
-- A runbook with a concurrency limit (V16) starts an execution only while fewer than its limit of the same key run and
-- none of them that is due waited longer; the OR keeps every other execution from calling the function at all.
-- No row back: the execution was cancelled, finished, is waiting for its next attempt or for a place within its
-- runbook's concurrency, or another node has it.
WITH claimed AS (
    UPDATE runbook_executions
    SET status = 'RUNNING', claimed_by = :#nodeId, claim_token = gen_random_uuid(),
        attempts = attempts + 1, attempt_started_at = now(),
        lease_until = now() + make_interval(secs => CAST(:#leaseSeconds AS integer)),
        started_at = coalesce(started_at, now()), queued_until = NULL, next_attempt_at = NULL
    WHERE id = CAST(:#executionId AS uuid) AND status = 'PENDING'
      AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      AND (concurrency_key IS NULL OR runwire_concurrency_admits(id, concurrency_key, concurrency_limit, created_at))
    RETURNING id, claim_token, runbook_id, incident_id, workflow_execution_id, attempts, max_attempts,
              definition_snapshot, parameters, concurrency_key, concurrency_limit
)
SELECT c.id, c.claim_token AS "claimToken", c.runbook_id AS "runbookId", c.incident_id AS "incidentId",
       c.workflow_execution_id AS "workflowExecutionId", c.attempts, c.max_attempts AS "maxAttempts",
       c.definition_snapshot::text AS definition, c.parameters::text AS parameters,
       c.concurrency_key AS "concurrencyKey", c.concurrency_limit AS "concurrencyLimit",
       x.incident::text AS incident, x.team::text AS team, x.assignee::text AS assignee,
       CASE WHEN w.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', w.id, 'name', w.name, 'executionId', we.id)::text END AS workflow,
       (SELECT jsonb_agg(jsonb_build_object('id', s.id, 'secret', s.secret)
                         ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC)
        FROM signing_secrets s
        WHERE s.runbook_id = c.runbook_id AND (s.expires_at IS NULL OR s.expires_at > now()))::text AS "signingSecrets"
FROM claimed c
LEFT JOIN runbook_template_context x ON x.incident_id = c.incident_id
LEFT JOIN workflow_executions we ON we.id = c.workflow_execution_id
LEFT JOIN workflows w ON w.id = we.workflow_id
