-- A workflow's executions created since :since, in one statement: counts by status; of those that ended (COMPLETED,
-- FAILED, CANCELLED — cancelled by hand or past its timeout) the success rate and p50/p95 of started -> ended; the
-- five most frequent errors; and per node (from node_results) the executions it ran in, how many of those failed it,
-- its p50 duration and attempts per run. As runbook-analytics.sql: whole hours (UTC) from the first one after since
-- from the rollup (workflow_execution_hours, workflow_error_hours, workflow_node_hours: V15), the executions
-- themselves only where it does not hold them: the part-hour after since (workflow_executions_workflow_idx, V1), the
-- open ones (workflow_executions_open_idx, V1: their node results so far count too) and those final after done_until
-- (workflow_executions_workflow_final_idx, V15). Counts are exact; percentiles within 1 % where from the rollup.
WITH mark AS (
    SELECT coalesce((SELECT done_until FROM analytics_rollup_watermarks WHERE kind = 'workflow'), '-infinity')
               AS done_until,
           date_trunc('hour', CAST(:#${variable.since} AS timestamptz), 'UTC')
               + CASE WHEN date_trunc('hour', CAST(:#${variable.since} AS timestamptz), 'UTC')
                           < CAST(:#${variable.since} AS timestamptz)
                      THEN interval '1 hour' ELSE interval '0' END AS whole_from
), raw AS MATERIALIZED (
    SELECT e.status, e.error, e.node_results, coalesce(e.completed_at, e.failed_at) - e.started_at AS took
    FROM workflow_executions e
    WHERE e.workflow_id = CAST(:#${variable.workflowId} AS uuid)
      AND e.created_at >= CAST(:#${variable.since} AS timestamptz) AND e.created_at < (SELECT whole_from FROM mark)
    UNION ALL
    SELECT e.status, e.error, e.node_results, coalesce(e.completed_at, e.failed_at) - e.started_at
    FROM workflow_executions e
    WHERE e.workflow_id = CAST(:#${variable.workflowId} AS uuid) AND e.created_at >= (SELECT whole_from FROM mark)
      AND e.status IN ('PENDING', 'RUNNING', 'WAITING')
    UNION ALL
    -- between two bounds it does not know when planning, the planner expects few rows (0.5 %), as there are
    SELECT e.status, e.error, e.node_results, coalesce(e.completed_at, e.failed_at) - e.started_at
    FROM workflow_executions e
    WHERE e.workflow_id = CAST(:#${variable.workflowId} AS uuid) AND e.created_at >= (SELECT whole_from FROM mark)
      AND e.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
      AND coalesce(e.completed_at, e.failed_at, e.created_at) > (SELECT done_until FROM mark)
      AND coalesce(e.completed_at, e.failed_at, e.created_at) < 'infinity'
), hours AS MATERIALIZED (
    SELECT h.*
    FROM workflow_execution_hours h
    WHERE h.workflow_id = CAST(:#${variable.workflowId} AS uuid) AND h.hour >= (SELECT whole_from FROM mark)
), counted AS (
    SELECT r.pending, r.running, r.waiting, r.completed + h.completed AS completed, r.failed + h.failed AS failed,
           r.cancelled + h.cancelled AS cancelled
    FROM (SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                 count(*) FILTER (WHERE status = 'RUNNING') AS running,
                 count(*) FILTER (WHERE status = 'WAITING') AS waiting,
                 count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                 count(*) FILTER (WHERE status = 'FAILED') AS failed,
                 count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
          FROM raw) r,
         (SELECT coalesce(sum(completed), 0) AS completed, coalesce(sum(failed), 0) AS failed,
                 coalesce(sum(cancelled), 0) AS cancelled
          FROM hours) h
), took AS (
    -- the durations as (milliseconds, how many): the rollup's histogram merged over its hours, each raw one as it is
    SELECT analytics_took_ms(u.took_key) AS ms, sum(u.n) AS n
    FROM hours, unnest(hours.took_keys, hours.took_counts) AS u(took_key, n)
    GROUP BY u.took_key
    UNION ALL
    SELECT CAST(extract(epoch FROM took) * 1000 AS double precision), 1
    FROM raw
    WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND took IS NOT NULL
), percentiles AS (
    SELECT analytics_percentiles(CAST(ARRAY[0.5, 0.95] AS double precision[]), array_agg(ms), array_agg(n)) AS took
    FROM took
), errors AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('error', error, 'count', n) ORDER BY n DESC, error), '[]'::jsonb)
               AS top
    FROM (SELECT error, sum(n) AS n
          FROM (SELECT eh.error, eh.n
                FROM workflow_error_hours eh
                WHERE eh.workflow_id = CAST(:#${variable.workflowId} AS uuid)
                  AND eh.hour >= (SELECT whole_from FROM mark)
                UNION ALL
                SELECT error, 1 FROM raw WHERE status IN ('FAILED', 'CANCELLED') AND error IS NOT NULL) all_errors
          GROUP BY error
          ORDER BY n DESC, error
          LIMIT 5) t
), node_hours AS MATERIALIZED (
    SELECT nh.*
    FROM workflow_node_hours nh
    WHERE nh.workflow_id = CAST(:#${variable.workflowId} AS uuid) AND nh.hour >= (SELECT whole_from FROM mark)
), node_runs AS MATERIALIZED (
    SELECT r ->> 'nodeId' AS node_id, r ->> 'type' AS type, r ->> 'status' = 'FAILED' AS failed,
           CAST(r ->> 'completedAt' AS timestamptz) - CAST(r ->> 'startedAt' AS timestamptz) AS took,
           CAST(r ->> 'attempts' AS integer) AS attempts
    -- unnest of an array is estimated at 10 rows, jsonb_array_elements at 100: 10x too many, the planner would
    -- choose a plan for far more rows than there are
    FROM raw, unnest(ARRAY(SELECT jsonb_array_elements(raw.node_results))) r
    WHERE r ->> 'nodeId' IS NOT NULL
), node_counts AS (
    SELECT node_id, min(type) AS type, sum(runs) AS runs, sum(failures) AS failures,
           sum(attempts_sum) / nullif(sum(attempts_n), 0) AS attempts
    FROM (SELECT node_id, type, runs, failures, attempts_sum, attempts_n FROM node_hours
          UNION ALL
          SELECT node_id, type, 1, CASE WHEN failed THEN 1 ELSE 0 END, coalesce(attempts, 0),
                 CASE WHEN attempts IS NULL THEN 0 ELSE 1 END
          FROM node_runs) n
    GROUP BY node_id
), node_took AS (
    SELECT node_id, analytics_percentiles(CAST(ARRAY[0.5] AS double precision[]), array_agg(ms), array_agg(n)) AS took
    FROM (SELECT nh.node_id, analytics_took_ms(u.took_key) AS ms, sum(u.n) AS n
          FROM node_hours nh, unnest(nh.took_keys, nh.took_counts) AS u(took_key, n)
          GROUP BY nh.node_id, u.took_key
          UNION ALL
          SELECT node_id, CAST(extract(epoch FROM took) * 1000 AS double precision), 1
          FROM node_runs
          WHERE took IS NOT NULL) t
    GROUP BY node_id
), nodes AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('nodeId', c.node_id, 'type', c.type, 'runs', c.runs,
                                                 'failures', c.failures,
                                                 'p50DurationMs', round(CAST(p.took[1] AS numeric), 1),
                                                 'attemptsPerRun', round(c.attempts, 2))
                              ORDER BY c.node_id), '[]'::jsonb) AS per_node
    FROM node_counts c
    LEFT JOIN node_took p ON p.node_id = c.node_id
)
SELECT CAST(:#${variable.workflowId} AS uuid) AS "workflowId",
       CAST(:#${variable.since} AS timestamptz) AS since, now() AS until,
       c.pending + c.running + c.waiting + c.completed + c.failed + c.cancelled AS executions,
       jsonb_strip_nulls(jsonb_build_object('PENDING', nullif(c.pending, 0), 'RUNNING', nullif(c.running, 0),
                                            'WAITING', nullif(c.waiting, 0), 'COMPLETED', nullif(c.completed, 0),
                                            'FAILED', nullif(c.failed, 0), 'CANCELLED', nullif(c.cancelled, 0)))
           AS "byStatus",
       round(c.completed::numeric / nullif(c.completed + c.failed + c.cancelled, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(CAST(p.took[1] AS numeric), 1),
                          'p95', round(CAST(p.took[2] AS numeric), 1)) AS "durationMs",
       e.top AS "topErrors", n.per_node AS nodes
FROM counted c, percentiles p, errors e, nodes n
