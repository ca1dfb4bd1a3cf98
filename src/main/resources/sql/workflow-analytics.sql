-- A workflow's executions created since :since, in one statement: counts by status; of those that ended (COMPLETED,
-- FAILED, CANCELLED — cancelled by hand or past its timeout) the success rate and p50/p95 of started -> ended; the
-- five most frequent errors; and per node (from node_results) the executions it ran in, how many of those failed it,
-- its p50 duration and attempts per run.
WITH runs AS MATERIALIZED (
    SELECT e.status, e.error, e.node_results,
           extract(epoch FROM coalesce(e.completed_at, e.failed_at) - e.started_at) * 1000 AS duration_ms
    FROM workflow_executions e
    WHERE e.workflow_id = CAST(:#${variable.workflowId} AS uuid)
      AND e.created_at >= CAST(:#${variable.since} AS timestamptz)
), statuses AS (
    SELECT coalesce(jsonb_object_agg(status, n ORDER BY status), '{}'::jsonb) AS by_status,
           coalesce(sum(n), 0) AS total
    FROM (SELECT status, count(*) AS n FROM runs GROUP BY status) s
), ended AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE status = 'COMPLETED') AS succeeded,
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY duration_ms) AS duration
    FROM runs
    WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED')
), errors AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('error', error, 'count', n) ORDER BY n DESC, error), '[]'::jsonb) AS top
    FROM (SELECT error, count(*) AS n FROM runs
          WHERE status IN ('FAILED', 'CANCELLED') AND error IS NOT NULL
          GROUP BY error
          ORDER BY n DESC, error
          LIMIT 5) t
), nodes AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('nodeId', node_id, 'type', type, 'runs', n, 'failures', failures,
                                                 'p50DurationMs', round(p50::numeric, 1),
                                                 'attemptsPerRun', round(attempts, 2))
                              ORDER BY node_id), '[]'::jsonb) AS per_node
    FROM (SELECT r ->> 'nodeId' AS node_id, min(r ->> 'type') AS type, count(*) AS n,
                 count(*) FILTER (WHERE r ->> 'status' = 'FAILED') AS failures,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM
                     CAST(r ->> 'completedAt' AS timestamptz) - CAST(r ->> 'startedAt' AS timestamptz)) * 1000) AS p50,
                 avg(CAST(r ->> 'attempts' AS integer)) AS attempts
          FROM runs, jsonb_array_elements(runs.node_results) r
          GROUP BY r ->> 'nodeId') per
)
SELECT CAST(:#${variable.workflowId} AS uuid) AS "workflowId",
       CAST(:#${variable.since} AS timestamptz) AS since, now() AS until,
       s.total AS executions, s.by_status AS "byStatus",
       round(en.succeeded::numeric / nullif(en.n, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(en.duration[1]::numeric, 1), 'p95', round(en.duration[2]::numeric, 1))
           AS "durationMs",
       er.top AS "topErrors", nd.per_node AS nodes
FROM statuses s, ended en, errors er, nodes nd
