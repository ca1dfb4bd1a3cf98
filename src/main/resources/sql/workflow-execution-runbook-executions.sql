-- The runbook executions a workflow execution started (its runbook action nodes), oldest first, with their statuses.
SELECT e.id, e.runbook_id AS "runbookId", e.definition_snapshot ->> 'name' AS "runbookName",
       e.workflow_node_id AS "workflowNodeId", e.status, e.error, e.created_at AS "createdAt",
       e.completed_at AS "completedAt"
FROM runbook_executions e
WHERE e.workflow_execution_id = :#${variable.executionId}
ORDER BY e.created_at, e.id
