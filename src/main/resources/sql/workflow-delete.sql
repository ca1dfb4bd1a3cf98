-- Executions keep pointing at it, so it is only marked deleted; disabled too, so nothing starts it again.
UPDATE workflows SET deleted_at = now(), enabled = false, updated_at = now()
WHERE id = :#${variable.workflowId} AND deleted_at IS NULL
RETURNING id
