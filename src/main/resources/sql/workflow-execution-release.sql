-- Shutting down: the workflow steps this node still runs go back to PENDING, for another node or the next start (the
-- step runs again there: at least once, with the same Idempotency-Key).
UPDATE workflow_executions
SET status = 'PENDING', lease_until = NULL, queued_until = NULL, claim_token = NULL
WHERE status = 'RUNNING' AND claimed_by = :nodeId
