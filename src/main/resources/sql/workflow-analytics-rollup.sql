-- One run of the workflow rollup (V15), as runbook-analytics-rollup.sql does it for runbooks: the (workflow, hour)
-- groups in which an execution became final (COMPLETED, FAILED, CANCELLED) in (done_until, next_until] are recomputed
-- from every execution of the hour final by next_until (completed_at; failed_at or created_at where a final one has
-- none, V15) — the counts, the durations' histogram, the error texts and each node's results — and the watermark
-- moves on. A replica that finds the watermark row locked does nothing. No row back when another replica had it.
WITH mark AS (
    SELECT w.done_until, w.next_until
    FROM analytics_rollup_watermarks w
    WHERE w.kind = 'workflow'
    FOR UPDATE SKIP LOCKED
), changed AS (
    -- per workflow (deleted ones too) on workflow_executions_workflow_final_idx, a loop (OFFSET 0) whatever the
    -- planner guesses of the range between two bounds it does not know yet
    SELECT DISTINCT e.workflow_id, date_trunc('hour', e.created_at, 'UTC') AS hour
    FROM workflows w
    CROSS JOIN LATERAL (SELECT x.workflow_id, x.created_at FROM workflow_executions x
                        WHERE x.workflow_id = w.id
                          AND x.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
                          AND coalesce(x.completed_at, x.failed_at, x.created_at) > (SELECT done_until FROM mark)
                          AND coalesce(x.completed_at, x.failed_at, x.created_at) <= (SELECT next_until FROM mark)
                        OFFSET 0) e
), final AS MATERIALIZED (
    -- each group's hour on workflow_executions_workflow_idx (V1), a loop over the groups (OFFSET 0)
    SELECT c.workflow_id, c.hour, e.status, e.error, e.node_results,
           analytics_took_key(coalesce(e.completed_at, e.failed_at) - e.started_at) AS took_key
    FROM mark m, changed c
    CROSS JOIN LATERAL (SELECT x.status, x.error, x.node_results, x.started_at, x.completed_at, x.failed_at,
                               x.created_at
                        FROM workflow_executions x
                        WHERE x.workflow_id = c.workflow_id
                          AND x.created_at >= c.hour AND x.created_at < c.hour + interval '1 hour'
                        OFFSET 0) e
    WHERE e.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
      AND coalesce(e.completed_at, e.failed_at, e.created_at) <= m.next_until
), took AS (
    SELECT workflow_id, hour, array_agg(took_key ORDER BY took_key) AS keys, array_agg(n ORDER BY took_key) AS counts
    FROM (SELECT workflow_id, hour, took_key, CAST(count(*) AS integer) AS n
          FROM final
          WHERE took_key IS NOT NULL
          GROUP BY workflow_id, hour, took_key) k
    GROUP BY workflow_id, hour
), hours AS (
    INSERT INTO workflow_execution_hours (workflow_id, hour, completed, failed, cancelled, took_keys, took_counts)
    SELECT f.workflow_id, f.hour,
           count(*) FILTER (WHERE f.status = 'COMPLETED'), count(*) FILTER (WHERE f.status = 'FAILED'),
           count(*) FILTER (WHERE f.status = 'CANCELLED'),
           coalesce(min(t.keys), '{}'), coalesce(min(t.counts), '{}')
    FROM final f
    LEFT JOIN took t ON t.workflow_id = f.workflow_id AND t.hour = f.hour
    GROUP BY f.workflow_id, f.hour
    ON CONFLICT (workflow_id, hour) DO UPDATE
        SET completed = excluded.completed, failed = excluded.failed, cancelled = excluded.cancelled,
            took_keys = excluded.took_keys, took_counts = excluded.took_counts
    RETURNING 1
), errors AS (
    -- a group's error texts and node ids only grow (its executions never change again): upserts are all it needs
    INSERT INTO workflow_error_hours (workflow_id, hour, error, n)
    SELECT workflow_id, hour, error, count(*)
    FROM final
    WHERE status IN ('FAILED', 'CANCELLED') AND error IS NOT NULL
    GROUP BY workflow_id, hour, error
    ON CONFLICT (workflow_id, hour, error) DO UPDATE SET n = excluded.n
    RETURNING 1
), node_runs AS MATERIALIZED (
    SELECT f.workflow_id, f.hour, r ->> 'nodeId' AS node_id, r ->> 'type' AS type, r ->> 'status' = 'FAILED' AS failed,
           analytics_took_key(CAST(r ->> 'completedAt' AS timestamptz) - CAST(r ->> 'startedAt' AS timestamptz))
               AS took_key,
           CAST(r ->> 'attempts' AS integer) AS attempts
    FROM final f, jsonb_array_elements(f.node_results) r
), node_took AS (
    SELECT workflow_id, hour, node_id, array_agg(took_key ORDER BY took_key) AS keys,
           array_agg(n ORDER BY took_key) AS counts
    FROM (SELECT workflow_id, hour, node_id, took_key, CAST(count(*) AS integer) AS n
          FROM node_runs
          WHERE took_key IS NOT NULL AND node_id IS NOT NULL
          GROUP BY workflow_id, hour, node_id, took_key) k
    GROUP BY workflow_id, hour, node_id
), nodes AS (
    INSERT INTO workflow_node_hours (workflow_id, hour, node_id, type, runs, failures, attempts_sum, attempts_n,
                                     took_keys, took_counts)
    SELECT n.workflow_id, n.hour, n.node_id, min(n.type), count(*), count(*) FILTER (WHERE n.failed),
           coalesce(sum(n.attempts), 0), count(n.attempts), coalesce(min(t.keys), '{}'), coalesce(min(t.counts), '{}')
    FROM node_runs n
    LEFT JOIN node_took t ON t.workflow_id = n.workflow_id AND t.hour = n.hour AND t.node_id = n.node_id
    WHERE n.node_id IS NOT NULL
    GROUP BY n.workflow_id, n.hour, n.node_id
    ON CONFLICT (workflow_id, hour, node_id) DO UPDATE
        SET type = excluded.type, runs = excluded.runs, failures = excluded.failures,
            attempts_sum = excluded.attempts_sum, attempts_n = excluded.attempts_n,
            took_keys = excluded.took_keys, took_counts = excluded.took_counts
    RETURNING 1
), moved AS (
    UPDATE analytics_rollup_watermarks w
    SET done_until = m.next_until,
        next_until = greatest(m.next_until, analytics_rollup_horizon())
    FROM mark m
    WHERE w.kind = 'workflow'
    RETURNING w.done_until, w.next_until
)
SELECT (SELECT count(*) FROM hours) AS hours, (SELECT count(*) FROM errors) AS errors,
       (SELECT count(*) FROM nodes) AS nodes, mv.done_until AS "doneUntil", mv.next_until AS "nextUntil"
FROM moved mv
