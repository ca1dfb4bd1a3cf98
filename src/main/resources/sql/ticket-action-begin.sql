-- The node's ticket row, made on its first run and read back on every later one: was the create request sent, and
-- which issue did it open?
INSERT INTO ticket_actions (workflow_execution_id, node_id, kind, marker)
VALUES (CAST(:#${variable.workflowExecutionId} AS uuid), :#${variable.workflowNodeId}, :#${variable.ticketKind},
        :#${variable.marker})
ON CONFLICT (workflow_execution_id, node_id) DO UPDATE SET marker = ticket_actions.marker
RETURNING sent_at AS "sentAt", issue_id AS "issueId", issue_key AS "issueKey", issue_url AS "issueUrl"
