-- Shutting down: what this node still runs goes back to PENDING, for another node or the next start.
UPDATE runbook_executions
SET status = 'PENDING', lease_until = NULL, queued_until = NULL, claim_token = NULL
WHERE status = 'RUNNING' AND claimed_by = :nodeId
