-- The final status, kept only if this node still holds the execution (it may have been taken over).
-- claimed_by stays: it tells which node ran it.
UPDATE runbook_executions e
SET status = :#${variable.outcome.status}, result = CAST(:#${variable.outcome.resultJson} AS jsonb),
    error = :#${variable.outcome.error}, completed_at = now(), lease_until = NULL
WHERE e.id = CAST(:#${variable.executionId} AS uuid) AND e.status = 'RUNNING'
  AND e.claimed_by = :#${properties:runwire.node-id}
RETURNING e.id, e.status, e.attempts, e.incident_id AS "incidentId",
          (SELECT i.team_id FROM incidents i WHERE i.id = e.incident_id) AS "teamId",
          e.definition_snapshot ->> 'name' AS "runbookName", e.runbook_id AS "runbookId"
