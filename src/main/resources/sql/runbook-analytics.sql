-- A runbook's executions created since :since, in one statement: counts by status; of those that ran to an end
-- (SUCCESS, FAILED, TIMED_OUT — a CANCELLED one never ran) the success rate, p50/p95 of started -> completed and the
-- attempts; the five most frequent errors. The counts come from one pass over runbook_executions_runbook_created_idx
-- alone (an index-only scan, V14), the errors from the partial index of failed ones.
WITH counted AS (
    SELECT count(*) AS total,
           count(*) FILTER (WHERE status = 'PENDING') AS pending,
           count(*) FILTER (WHERE status = 'RUNNING') AS running,
           count(*) FILTER (WHERE status = 'SUCCESS') AS success,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           count(*) FILTER (WHERE status = 'TIMED_OUT') AS timed_out,
           count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY completed_at - started_at)
               FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')) AS took,
           avg(attempts) FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')) AS attempts_avg,
           max(attempts) FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')) AS attempts_max
    FROM runbook_executions
    WHERE runbook_id = CAST(:#${variable.runbookId} AS uuid)
      AND created_at >= CAST(:#${variable.since} AS timestamptz)
), errors AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('error', error, 'count', n) ORDER BY n DESC, error), '[]'::jsonb) AS top
    FROM (SELECT e.error, count(*) AS n
          FROM runbook_executions e
          WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid)
            AND e.created_at >= CAST(:#${variable.since} AS timestamptz)
            AND e.status IN ('FAILED', 'TIMED_OUT')
            AND e.error IS NOT NULL
          GROUP BY e.error
          ORDER BY n DESC, e.error
          LIMIT 5) t
)
SELECT CAST(:#${variable.runbookId} AS uuid) AS "runbookId",
       CAST(:#${variable.since} AS timestamptz) AS since, now() AS until,
       c.total AS executions,
       jsonb_strip_nulls(jsonb_build_object('PENDING', nullif(c.pending, 0), 'RUNNING', nullif(c.running, 0),
                                            'SUCCESS', nullif(c.success, 0), 'FAILED', nullif(c.failed, 0),
                                            'TIMED_OUT', nullif(c.timed_out, 0), 'CANCELLED', nullif(c.cancelled, 0)))
           AS "byStatus",
       round(c.success::numeric / nullif(c.success + c.failed + c.timed_out, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(extract(epoch FROM c.took[1]) * 1000, 1),
                          'p95', round(extract(epoch FROM c.took[2]) * 1000, 1)) AS "durationMs",
       jsonb_build_object('perExecution', round(c.attempts_avg, 2), 'max', c.attempts_max) AS attempts,
       e.top AS "topErrors"
FROM counted c, errors e
