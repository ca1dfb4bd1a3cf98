-- A runbook's executions created since :since, in one statement: counts by status; of those that ran to an end
-- (SUCCESS, FAILED, TIMED_OUT — a CANCELLED one never ran) the success rate, p50/p95 of started -> completed and the
-- attempts; the five most frequent errors. runs comes from runbook_executions_runbook_created_idx alone (V14), the
-- errors from the partial index of failed ones.
WITH runs AS MATERIALIZED (
    SELECT e.status, e.attempts, extract(epoch FROM e.completed_at - e.started_at) * 1000 AS duration_ms
    FROM runbook_executions e
    WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid)
      AND e.created_at >= CAST(:#${variable.since} AS timestamptz)
), statuses AS (
    SELECT coalesce(jsonb_object_agg(status, n ORDER BY status), '{}'::jsonb) AS by_status,
           coalesce(sum(n), 0) AS total
    FROM (SELECT status, count(*) AS n FROM runs GROUP BY status) s
), ended AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE status = 'SUCCESS') AS succeeded,
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY duration_ms) AS duration,
           avg(attempts) AS attempts_avg, max(attempts) AS attempts_max
    FROM runs
    WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')
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
       s.total AS executions, s.by_status AS "byStatus",
       round(en.succeeded::numeric / nullif(en.n, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(en.duration[1]::numeric, 1), 'p95', round(en.duration[2]::numeric, 1))
           AS "durationMs",
       jsonb_build_object('perExecution', round(en.attempts_avg, 2), 'max', en.attempts_max) AS attempts,
       er.top AS "topErrors"
FROM statuses s, ended en, errors er
