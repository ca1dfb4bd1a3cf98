-- Only a PENDING execution can be cancelled; a claimed one is already on its way.
UPDATE runbook_executions
SET status = 'CANCELLED', completed_at = now(), error = 'Cancelled before it was sent'
WHERE id = :#${variable.executionId} AND status = 'PENDING'
RETURNING id, status, triggered_by AS "triggeredBy",
          CAST(extract(epoch FROM completed_at - created_at) * 1000 AS bigint) AS "sinceTriggerMs"
