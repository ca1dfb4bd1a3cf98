-- Before the create request goes out: from now on a re-run of the node cannot know whether it made an issue.
UPDATE ticket_actions SET sent_at = coalesce(sent_at, now())
WHERE workflow_execution_id = CAST(:#${variable.workflowExecutionId} AS uuid) AND node_id = :#${variable.workflowNodeId}
