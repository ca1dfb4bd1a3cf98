-- A runbook's executions created since :since, in one statement: counts by status; of those that ran to an end
-- (SUCCESS, FAILED, TIMED_OUT — a CANCELLED one never ran) the success rate, p50/p95 of started -> completed and the
-- attempts; the five most frequent errors. Whole hours (UTC) from the first one after since come from the rollup
-- (runbook_execution_hours, runbook_error_hours: V15, kept by analytics-rollup), which holds every final execution
-- with completed_at <= done_until; the executions themselves are read only where it does not: the part-hour after
-- since (runbook_executions_runbook_created_idx, V14), the open ones (the PENDING and RUNNING partial indexes, V1-2)
-- and those final after done_until (runbook_executions_runbook_final_idx, V15). Counts are exact; a percentile
-- mixes the rollup's histogram values (each within 1 % of the durations it holds) with the raw ones, as
-- percentile_cont would interpolate between them. With the rollup empty it is all raw, and percentile_cont exactly.
WITH mark AS (
    SELECT coalesce((SELECT done_until FROM analytics_rollup_watermarks WHERE kind = 'runbook'), '-infinity')
               AS done_until,
           date_trunc('hour', CAST(:#${variable.since} AS timestamptz), 'UTC')
               + CASE WHEN date_trunc('hour', CAST(:#${variable.since} AS timestamptz), 'UTC')
                           < CAST(:#${variable.since} AS timestamptz)
                      THEN interval '1 hour' ELSE interval '0' END AS whole_from
), raw AS MATERIALIZED (
    SELECT e.status, e.attempts, e.error, e.completed_at - e.started_at AS took
    FROM runbook_executions e
    WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid)
      AND e.created_at >= CAST(:#${variable.since} AS timestamptz) AND e.created_at < (SELECT whole_from FROM mark)
    UNION ALL
    SELECT e.status, e.attempts, e.error, e.completed_at - e.started_at
    FROM runbook_executions e
    WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid) AND e.created_at >= (SELECT whole_from FROM mark)
      AND e.status = 'PENDING'
    UNION ALL
    SELECT e.status, e.attempts, e.error, e.completed_at - e.started_at
    FROM runbook_executions e
    WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid) AND e.created_at >= (SELECT whole_from FROM mark)
      AND e.status = 'RUNNING'
    UNION ALL
    -- between two bounds it does not know when planning, the planner expects few rows (0.5 %), as there are
    SELECT e.status, e.attempts, e.error, e.completed_at - e.started_at
    FROM runbook_executions e
    WHERE e.runbook_id = CAST(:#${variable.runbookId} AS uuid) AND e.created_at >= (SELECT whole_from FROM mark)
      AND coalesce(e.completed_at, e.created_at) > (SELECT done_until FROM mark)
      AND coalesce(e.completed_at, e.created_at) < 'infinity'
      AND e.status IN ('SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED')
), hours AS MATERIALIZED (
    SELECT h.*
    FROM runbook_execution_hours h
    WHERE h.runbook_id = CAST(:#${variable.runbookId} AS uuid) AND h.hour >= (SELECT whole_from FROM mark)
), counted AS (
    SELECT r.pending, r.running, r.success + h.success AS success, r.failed + h.failed AS failed,
           r.timed_out + h.timed_out AS timed_out, r.cancelled + h.cancelled AS cancelled,
           r.attempts_sum + h.attempts_sum AS attempts_sum, greatest(r.attempts_max, h.attempts_max) AS attempts_max
    FROM (SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                 count(*) FILTER (WHERE status = 'RUNNING') AS running,
                 count(*) FILTER (WHERE status = 'SUCCESS') AS success,
                 count(*) FILTER (WHERE status = 'FAILED') AS failed,
                 count(*) FILTER (WHERE status = 'TIMED_OUT') AS timed_out,
                 count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
                 coalesce(sum(attempts) FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')), 0)
                     AS attempts_sum,
                 max(attempts) FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT')) AS attempts_max
          FROM raw) r,
         (SELECT coalesce(sum(success), 0) AS success, coalesce(sum(failed), 0) AS failed,
                 coalesce(sum(timed_out), 0) AS timed_out, coalesce(sum(cancelled), 0) AS cancelled,
                 coalesce(sum(attempts_sum), 0) AS attempts_sum, max(attempts_max) AS attempts_max
          FROM hours) h
), took AS (
    -- the durations as (milliseconds, how many): the rollup's histogram merged over its hours, each raw one as it is
    SELECT analytics_took_ms(u.took_key) AS ms, sum(u.n) AS n
    FROM hours, unnest(hours.took_keys, hours.took_counts) AS u(took_key, n)
    GROUP BY u.took_key
    UNION ALL
    SELECT CAST(extract(epoch FROM took) * 1000 AS double precision), 1
    FROM raw
    WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT') AND took IS NOT NULL
), percentiles AS (
    SELECT analytics_percentiles(CAST(ARRAY[0.5, 0.95] AS double precision[]), array_agg(ms), array_agg(n)) AS took
    FROM took
), errors AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('error', error, 'count', n) ORDER BY n DESC, error), '[]'::jsonb)
               AS top
    FROM (SELECT error, sum(n) AS n
          FROM (SELECT eh.error, eh.n
                FROM runbook_error_hours eh
                WHERE eh.runbook_id = CAST(:#${variable.runbookId} AS uuid)
                  AND eh.hour >= (SELECT whole_from FROM mark)
                UNION ALL
                SELECT error, 1 FROM raw WHERE status IN ('FAILED', 'TIMED_OUT') AND error IS NOT NULL) all_errors
          GROUP BY error
          ORDER BY n DESC, error
          LIMIT 5) t
)
SELECT CAST(:#${variable.runbookId} AS uuid) AS "runbookId",
       CAST(:#${variable.since} AS timestamptz) AS since, now() AS until,
       c.pending + c.running + c.success + c.failed + c.timed_out + c.cancelled AS executions,
       jsonb_strip_nulls(jsonb_build_object('PENDING', nullif(c.pending, 0), 'RUNNING', nullif(c.running, 0),
                                            'SUCCESS', nullif(c.success, 0), 'FAILED', nullif(c.failed, 0),
                                            'TIMED_OUT', nullif(c.timed_out, 0), 'CANCELLED', nullif(c.cancelled, 0)))
           AS "byStatus",
       round(c.success::numeric / nullif(c.success + c.failed + c.timed_out, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(CAST(p.took[1] AS numeric), 1),
                          'p95', round(CAST(p.took[2] AS numeric), 1)) AS "durationMs",
       jsonb_build_object('perExecution',
                          round(c.attempts_sum::numeric / nullif(c.success + c.failed + c.timed_out, 0), 2),
                          'max', c.attempts_max) AS attempts,
       e.top AS "topErrors"
FROM counted c, percentiles p, errors e
