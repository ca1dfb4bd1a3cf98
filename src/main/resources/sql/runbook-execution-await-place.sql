-- The claim found no place for this execution within its runbook's concurrency limit: it waits as data, PENDING and
-- on no queue. An execution of its key that stops running queues it (runbook-execution-next-in-line.sql); the poller
-- looks at it again only after runwire.executor.concurrency-recheck-seconds, should that wake-up be lost with its node.
-- Nothing changes for an execution that has no limit or is no longer PENDING.
UPDATE runbook_executions
SET queued_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.concurrency-recheck-seconds} AS integer))
WHERE id = CAST(:#${variable.executionId} AS uuid) AND status = 'PENDING' AND concurrency_key IS NOT NULL
