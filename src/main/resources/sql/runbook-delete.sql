UPDATE runbooks SET deleted_at = now(), updated_at = now()
WHERE id = :#${variable.runbookId} AND deleted_at IS NULL
RETURNING id
