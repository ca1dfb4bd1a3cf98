-- Every attempt of one execution, in order: when, how long, and what came of it.
SELECT number, started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs",
       status_code AS "statusCode", outcome, error_class AS "errorClass", error, next_attempt_at AS "nextAttemptAt"
FROM runbook_execution_attempts
WHERE execution_id = CAST(:#${variable.executionId} AS uuid)
ORDER BY number
