-- The attempt on record, and the execution waits as data: PENDING again, due at its next attempt, held by no node
-- and no thread. The due-time poller queues it then. Kept only while this runner still holds the claim.
WITH waiting AS (
    UPDATE runbook_executions e
    SET status = 'PENDING', error = :#error, lease_until = NULL, claim_token = NULL,
        queued_until = NULL,
        next_attempt_at = now() + CAST(:#delayMs AS bigint) * interval '1 millisecond'
    WHERE e.id = CAST(:#executionId AS uuid) AND e.status = 'RUNNING'
      AND e.claim_token = CAST(:#claimToken AS uuid)
    RETURNING e.id, e.attempts, e.attempt_started_at, e.next_attempt_at
)
INSERT INTO runbook_execution_attempts (execution_id, number, node_id, started_at, finished_at, duration_ms,
                                        status_code, outcome, error_class, error, next_attempt_at)
SELECT w.id, w.attempts, :#nodeId,
       w.attempt_started_at, now(),
       CAST(:#durationMs AS bigint), CAST(:#statusCode AS integer),
       'RETRY', :#errorClass, :#error, w.next_attempt_at
FROM waiting w
RETURNING execution_id AS id, next_attempt_at AS "nextAttemptAt"
