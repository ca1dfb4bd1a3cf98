-- A workflow's executions created since :since, in one statement: counts by status; of those that ended (COMPLETED,
-- FAILED, CANCELLED — cancelled by hand or past its timeout) the success rate and p50/p95 of started -> ended; the
-- five most frequent errors; and per node (from node_results) the executions it ran in, how many of those failed it,
-- its p50 duration and attempts per run. runs is read where it is used (found by workflow_executions_workflow_idx):
-- materialized, its node_results would be copied to disk once more.
WITH runs AS NOT MATERIALIZED (
    SELECT e.status, e.error, e.node_results, coalesce(e.completed_at, e.failed_at) - e.started_at AS took
    FROM workflow_executions e
    WHERE e.workflow_id = CAST(:#${variable.workflowId} AS uuid)
      AND e.created_at >= CAST(:#${variable.since} AS timestamptz)
), counted AS (
    SELECT count(*) AS total,
           count(*) FILTER (WHERE status = 'PENDING') AS pending,
           count(*) FILTER (WHERE status = 'RUNNING') AS running,
           count(*) FILTER (WHERE status = 'WAITING') AS waiting,
           count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY took)
               FILTER (WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED')) AS took
    FROM runs
), errors AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('error', error, 'count', n) ORDER BY n DESC, error), '[]'::jsonb) AS top
    FROM (SELECT error, count(*) AS n FROM runs
          WHERE status IN ('FAILED', 'CANCELLED') AND error IS NOT NULL
          GROUP BY error
          ORDER BY n DESC, error
          LIMIT 5) t
), nodes AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('nodeId', node_id, 'type', type, 'runs', n, 'failures', failures,
                                                 'p50DurationMs', round(extract(epoch FROM took) * 1000, 1),
                                                 'attemptsPerRun', round(attempts, 2))
                              ORDER BY node_id), '[]'::jsonb) AS per_node
    FROM (SELECT node_id, min(type) AS type, count(*) AS n, count(*) FILTER (WHERE failed) AS failures,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY took) AS took, avg(attempts) AS attempts
          FROM (SELECT r ->> 'nodeId' AS node_id, r ->> 'type' AS type, r ->> 'status' = 'FAILED' AS failed,
                       CAST(r ->> 'completedAt' AS timestamptz) - CAST(r ->> 'startedAt' AS timestamptz) AS took,
                       CAST(r ->> 'attempts' AS integer) AS attempts
                -- unnest of an array is estimated at 10 rows, jsonb_array_elements at 100: 10x too many, the planner
                -- would scan the whole table in parallel and sort on disk
                FROM runs, unnest(ARRAY(SELECT jsonb_array_elements(runs.node_results))) r) node_runs
          GROUP BY node_id) per
)
SELECT CAST(:#${variable.workflowId} AS uuid) AS "workflowId",
       CAST(:#${variable.since} AS timestamptz) AS since, now() AS until,
       c.total AS executions,
       jsonb_strip_nulls(jsonb_build_object('PENDING', nullif(c.pending, 0), 'RUNNING', nullif(c.running, 0),
                                            'WAITING', nullif(c.waiting, 0), 'COMPLETED', nullif(c.completed, 0),
                                            'FAILED', nullif(c.failed, 0), 'CANCELLED', nullif(c.cancelled, 0)))
           AS "byStatus",
       round(c.completed::numeric / nullif(c.completed + c.failed + c.cancelled, 0), 4) AS "successRate",
       jsonb_build_object('p50', round(extract(epoch FROM c.took[1]) * 1000, 1),
                          'p95', round(extract(epoch FROM c.took[2]) * 1000, 1)) AS "durationMs",
       e.top AS "topErrors", n.per_node AS nodes
FROM counted c, errors e, nodes n
