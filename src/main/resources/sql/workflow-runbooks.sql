-- The runbooks a definition's runbook actions name (comma-separated ids) that exist, with their parameter schemas.
SELECT id, parameters FROM runbook_view
WHERE id = ANY (CAST(string_to_array(:#${variable.runbookIds}, ',') AS uuid[]))
