-- A workflow execution that is not final ends CANCELLED. A step in flight records nothing after this (its claim token
-- is gone); a waiting one is never claimed again.
UPDATE workflow_executions
SET status = 'CANCELLED', completed_at = now(), error = 'Cancelled', frontier = '[]'::jsonb, resume_at = NULL,
    claim_token = NULL, lease_until = NULL, queued_until = NULL
WHERE id = :#${variable.executionId} AND status IN ('PENDING', 'RUNNING', 'WAITING')
RETURNING id, status
