-- The last attempt, the final status and its audit event (runbook.execution.succeeded, INFO, or
-- runbook.execution.failed, HIGH) in one statement, kept only while this runner still holds the claim (it may have
-- lost its lease and been replaced). claimed_by stays: it tells which node ran it.
WITH finished AS (
    UPDATE runbook_executions e
    SET status = :#status, result = CAST(:#resultJson AS jsonb),
        error = :#error, completed_at = now(), lease_until = NULL, claim_token = NULL
    WHERE e.id = CAST(:#executionId AS uuid) AND e.status = 'RUNNING'
      AND e.claim_token = CAST(:#claimToken AS uuid)
    RETURNING e.id, e.status, e.attempts, e.error, e.attempt_started_at, e.incident_id, e.definition_snapshot,
              e.runbook_id, e.triggered_by, e.created_at, e.completed_at
), attempt AS (
    INSERT INTO runbook_execution_attempts (execution_id, number, node_id, started_at, finished_at, duration_ms,
                                            status_code, outcome, error_class, error)
    SELECT f.id, f.attempts, :#nodeId,
           f.attempt_started_at, now(),
           CAST(:#durationMs AS bigint), CAST(:#statusCode AS integer),
           f.status, :#errorClass, :#error
    FROM finished f
), audited AS (
    INSERT INTO audit_events (action, team_id, resource_type, resource_id, metadata, severity)
    SELECT CASE WHEN f.status = 'SUCCESS' THEN 'runbook.execution.succeeded' ELSE 'runbook.execution.failed' END,
           (SELECT i.team_id FROM incidents i WHERE i.id = f.incident_id), 'runbook_execution', f.id::text,
           jsonb_strip_nulls(jsonb_build_object('executionId', f.id, 'incidentId', f.incident_id,
                                                'runbookName', f.definition_snapshot ->> 'name', 'status', f.status,
                                                'attempts', f.attempts, 'error', f.error)),
           CASE WHEN f.status = 'SUCCESS' THEN 'INFO' ELSE 'HIGH' END
    FROM finished f
)
SELECT f.id, f.status, f.attempts, f.incident_id AS "incidentId",
       (SELECT i.team_id FROM incidents i WHERE i.id = f.incident_id) AS "teamId",
       f.definition_snapshot ->> 'name' AS "runbookName", f.runbook_id AS "runbookId",
       f.triggered_by AS "triggeredBy",
       CAST(extract(epoch FROM f.completed_at - f.created_at) * 1000 AS bigint) AS "sinceTriggerMs"
FROM finished f
