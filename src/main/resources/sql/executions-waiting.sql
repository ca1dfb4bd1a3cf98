-- Executions waiting for a due time, for the runwire_executions_waiting gauge: runbook executions PENDING until their
-- next attempt (a retry's backoff, a Retry-After), workflow executions WAITING until resume_at (a delay, a retry); and
-- runbook executions due but not started yet, waiting for a place within their runbook's concurrency limit. Each
-- count reads a partial index of open rows only.
SELECT (SELECT count(*) FROM runbook_executions WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL) AS runbook,
       (SELECT count(*) FROM runbook_executions
        WHERE concurrency_key IS NOT NULL AND status = 'PENDING'
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())) AS concurrency,
       (SELECT count(*) FROM workflow_executions WHERE status = 'WAITING') AS workflow
