-- RUNNING workflow executions whose runner stopped renewing its lease (its node died, or lost the database for
-- longer than the lease): PENDING again, so the step in flight runs again on whichever node claims it. The claim token
-- goes, so the lost runner records nothing. (An action's Idempotency-Key, execution id + node id, makes the repeated
-- call safe for targets that honour it.)
WITH expired AS (
    SELECT id FROM workflow_executions
    WHERE status = 'RUNNING' AND lease_until < now()
    ORDER BY lease_until
    LIMIT 100
    FOR UPDATE SKIP LOCKED
)
UPDATE workflow_executions e
SET status = 'PENDING', lease_until = NULL, claim_token = NULL, queued_until = NULL
FROM expired
WHERE e.id = expired.id
RETURNING e.id, e.claimed_by AS "lostNode"
