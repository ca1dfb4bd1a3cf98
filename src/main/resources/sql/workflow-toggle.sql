UPDATE workflows SET enabled = :#${variable.toggle[enabled]}, updated_at = now()
WHERE id = :#${variable.workflowId} AND deleted_at IS NULL
RETURNING enabled
