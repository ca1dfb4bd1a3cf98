-- While queued_until lies ahead, some node's in-memory queue holds the PENDING execution, so the recovery
-- poller leaves it alone; once it passes (the node died, or its queue was full), any node may queue it again.
-- The same shape serves runbook and workflow executions.
ALTER TABLE runbook_executions ADD COLUMN queued_until timestamptz;
ALTER TABLE workflow_executions ADD COLUMN queued_until timestamptz;

CREATE INDEX runbook_executions_node_idx ON runbook_executions (claimed_by) WHERE status = 'RUNNING';
