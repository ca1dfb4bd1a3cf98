-- A workflow's executions, newest first (the latest 100).
SELECT * FROM workflow_execution_view WHERE "workflowId" = :#${variable.workflowId}
ORDER BY "createdAt" DESC, id
LIMIT 100
