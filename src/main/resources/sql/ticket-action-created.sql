-- The issue the node opened (or found), before the node completes: a re-run answers with it and sends nothing.
UPDATE ticket_actions
SET issue_id = :#issueId, issue_key = :#issueKey, issue_url = :#issueUrl, completed_at = now()
WHERE workflow_execution_id = CAST(:#${variable.workflowExecutionId} AS uuid) AND node_id = :#${variable.workflowNodeId}
