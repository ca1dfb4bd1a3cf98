-- Run analytics (issue 14): GET /api/runbooks/{id}/analytics reads a runbook's executions since a time. Nothing
-- indexed runbook_executions by runbook; this index holds every column the statistics read, so they come from an
-- index-only scan, and the partial one finds the failed executions whose error texts are counted. (Workflow
-- analytics read node_results from the table itself, found by workflow_executions_workflow_idx of V1.)
-- Plain CREATE INDEX: Flyway holds its lock in a transaction, which CREATE INDEX CONCURRENTLY would wait for forever.
CREATE INDEX runbook_executions_runbook_created_idx ON runbook_executions (runbook_id, created_at)
    INCLUDE (status, attempts, started_at, completed_at);
CREATE INDEX runbook_executions_runbook_failed_idx ON runbook_executions (runbook_id, created_at)
    WHERE status IN ('FAILED', 'TIMED_OUT');
