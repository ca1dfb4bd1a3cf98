-- An incident's workflow executions, newest first (the latest 100).
SELECT * FROM workflow_execution_view WHERE "incidentId" = :#${variable.incidentId}
ORDER BY "createdAt" DESC, id
LIMIT 100
