-- RUNNING executions whose runner stopped renewing its lease (its node died, or lost the database for longer than
-- the lease): back to PENDING for another attempt with the same idempotency key, or FAILED once the attempts are
-- spent. The claim token goes, so the lost runner can record nothing; its attempt is on record as lost.
WITH expired AS (
    SELECT id FROM runbook_executions
    WHERE status = 'RUNNING' AND lease_until < now()
    ORDER BY lease_until
    LIMIT 100
    FOR UPDATE SKIP LOCKED
), reclaimed AS (
    UPDATE runbook_executions e
    SET status       = CASE WHEN e.attempts >= e.max_attempts THEN 'FAILED' ELSE 'PENDING' END,
        error        = CASE WHEN e.attempts >= e.max_attempts
                            THEN 'Node ' || coalesce(e.claimed_by, 'unknown') || ' was lost while running this execution; '
                                 || e.attempts || ' of ' || e.max_attempts || ' attempts spent'
                            ELSE e.error END,
        completed_at = CASE WHEN e.attempts >= e.max_attempts THEN now() ELSE NULL END,
        lease_until  = NULL,
        claim_token  = NULL,
        queued_until = NULL
    FROM expired
    WHERE e.id = expired.id
    RETURNING e.id, e.status, e.attempts, e.error, e.incident_id, e.definition_snapshot, e.claimed_by,
              e.attempt_started_at, e.triggered_by, e.created_at, e.completed_at, e.trace_parent, e.concurrency_key,
              e.concurrency_limit
), lost AS (
    INSERT INTO runbook_execution_attempts (execution_id, number, node_id, started_at, finished_at, duration_ms,
                                            outcome, error_class, error)
    SELECT r.id, r.attempts, coalesce(r.claimed_by, 'unknown'), coalesce(r.attempt_started_at, now()), now(),
           CAST(extract(epoch FROM now() - coalesce(r.attempt_started_at, now())) * 1000 AS bigint),
           CASE WHEN r.status = 'FAILED' THEN 'FAILED' ELSE 'RETRY' END, 'NodeLost',
           'Node ' || coalesce(r.claimed_by, 'unknown') || ' stopped renewing its lease during this attempt'
    FROM reclaimed r
    WHERE r.attempts >= 1
    ON CONFLICT (execution_id, number) DO NOTHING
)
SELECT r.id, r.status, r.attempts, r.error, r.incident_id AS "incidentId",
       (SELECT i.team_id FROM incidents i WHERE i.id = r.incident_id) AS "teamId",
       r.definition_snapshot ->> 'name' AS "runbookName", r.definition_snapshot ->> 'webhookUrl' AS "targetUrl",
       r.claimed_by AS "lostNode", r.triggered_by AS "triggeredBy",
       CAST(extract(epoch FROM r.completed_at - r.created_at) * 1000 AS bigint) AS "sinceTriggerMs",
       r.trace_parent AS "traceParent",
       r.concurrency_key AS "concurrencyKey", r.concurrency_limit AS "concurrencyLimit"
FROM reclaimed r
