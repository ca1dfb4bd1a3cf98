-- RUNNING executions whose node stopped renewing its lease (it died): back to PENDING for another attempt with the
-- same idempotency key, or FAILED once the attempts are spent.
WITH expired AS (
    SELECT id FROM runbook_executions
    WHERE status = 'RUNNING' AND lease_until < now()
    ORDER BY lease_until
    LIMIT 100
    FOR UPDATE SKIP LOCKED
)
UPDATE runbook_executions e
SET status       = CASE WHEN e.attempts >= e.max_attempts THEN 'FAILED' ELSE 'PENDING' END,
    error        = CASE WHEN e.attempts >= e.max_attempts
                        THEN 'Node ' || coalesce(e.claimed_by, 'unknown') || ' was lost while running this execution; '
                             || e.attempts || ' of ' || e.max_attempts || ' attempts spent'
                        ELSE e.error END,
    completed_at = CASE WHEN e.attempts >= e.max_attempts THEN now() ELSE NULL END,
    lease_until  = NULL,
    queued_until = NULL
FROM expired
WHERE e.id = expired.id
RETURNING e.id, e.status, e.attempts, e.error, e.incident_id AS "incidentId",
          (SELECT i.team_id FROM incidents i WHERE i.id = e.incident_id) AS "teamId",
          e.definition_snapshot ->> 'name' AS "runbookName", e.claimed_by AS "lostNode"
