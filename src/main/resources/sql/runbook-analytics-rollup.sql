-- One run of the runbook rollup (V15), in one statement: the (runbook, hour) groups in which an execution became final
-- in (done_until, next_until] are recomputed from every execution of the hour final by next_until (completed_at, or
-- created_at for a final one without it, V15); done_until moves to next_until, and next_until to where the next run
-- may go: now, or the start of the oldest transaction open now, if earlier (it may yet commit an execution whose
-- completed_at is its now()). Recomputing a group twice gives the same rows, so nothing is ever counted twice. A
-- replica that finds the watermark row locked does nothing (no row back): another one is running it.
WITH mark AS (
    SELECT w.done_until, w.next_until
    FROM analytics_rollup_watermarks w
    WHERE w.kind = 'runbook'
    FOR UPDATE SKIP LOCKED
), changed AS (
    -- per runbook (soft-deleted ones too) on runbook_executions_runbook_final_idx, a loop (OFFSET 0) whatever
    -- the planner guesses of the range between two bounds it does not know yet
    SELECT DISTINCT e.runbook_id, date_trunc('hour', e.created_at, 'UTC') AS hour
    FROM runbooks r
    CROSS JOIN LATERAL (SELECT x.runbook_id, x.created_at FROM runbook_executions x
                        WHERE x.runbook_id = r.id
                          AND x.status IN ('SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED')
                          AND coalesce(x.completed_at, x.created_at) > (SELECT done_until FROM mark)
                          AND coalesce(x.completed_at, x.created_at) <= (SELECT next_until FROM mark)
                        OFFSET 0) e
), final AS MATERIALIZED (
    -- each group's hour on runbook_executions_runbook_created_idx (V14); OFFSET 0 keeps it a loop over the groups,
    -- which the planner would otherwise join to all of the runbook's executions and filter by hour
    SELECT c.runbook_id, c.hour, e.status, e.attempts, e.error,
           e.status IN ('SUCCESS', 'FAILED', 'TIMED_OUT') AS ran,
           analytics_took_key(e.completed_at - e.started_at) AS took_key
    FROM mark m, changed c
    CROSS JOIN LATERAL (SELECT x.status, x.attempts, x.error, x.started_at, x.completed_at, x.created_at
                        FROM runbook_executions x
                        WHERE x.runbook_id = c.runbook_id
                          AND x.created_at >= c.hour AND x.created_at < c.hour + interval '1 hour'
                        OFFSET 0) e
    WHERE e.status IN ('SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED')
      AND coalesce(e.completed_at, e.created_at) <= m.next_until
), took AS (
    SELECT runbook_id, hour, array_agg(took_key ORDER BY took_key) AS keys, array_agg(n ORDER BY took_key) AS counts
    FROM (SELECT runbook_id, hour, took_key, CAST(count(*) AS integer) AS n
          FROM final
          WHERE ran AND took_key IS NOT NULL
          GROUP BY runbook_id, hour, took_key) k
    GROUP BY runbook_id, hour
), hours AS (
    INSERT INTO runbook_execution_hours AS h (runbook_id, hour, success, failed, timed_out, cancelled, attempts_sum,
                                             attempts_max, took_keys, took_counts)
    SELECT f.runbook_id, f.hour,
           count(*) FILTER (WHERE f.status = 'SUCCESS'), count(*) FILTER (WHERE f.status = 'FAILED'),
           count(*) FILTER (WHERE f.status = 'TIMED_OUT'), count(*) FILTER (WHERE f.status = 'CANCELLED'),
           coalesce(sum(f.attempts) FILTER (WHERE f.ran), 0), max(f.attempts) FILTER (WHERE f.ran),
           coalesce(min(t.keys), '{}'), coalesce(min(t.counts), '{}')
    FROM final f
    LEFT JOIN took t ON t.runbook_id = f.runbook_id AND t.hour = f.hour
    GROUP BY f.runbook_id, f.hour
    ON CONFLICT (runbook_id, hour) DO UPDATE
        SET success = excluded.success, failed = excluded.failed, timed_out = excluded.timed_out,
            cancelled = excluded.cancelled, attempts_sum = excluded.attempts_sum, attempts_max = excluded.attempts_max,
            took_keys = excluded.took_keys, took_counts = excluded.took_counts
    RETURNING 1
), errors AS (
    -- a group's error texts only grow (its executions never change again), so an upsert is all it needs
    INSERT INTO runbook_error_hours AS eh (runbook_id, hour, error, n)
    SELECT runbook_id, hour, error, count(*)
    FROM final
    WHERE status IN ('FAILED', 'TIMED_OUT') AND error IS NOT NULL
    GROUP BY runbook_id, hour, error
    ON CONFLICT (runbook_id, hour, error) DO UPDATE SET n = excluded.n
    RETURNING 1
), moved AS (
    UPDATE analytics_rollup_watermarks w
    SET done_until = m.next_until,
        next_until = greatest(m.next_until, analytics_rollup_horizon())
    FROM mark m
    WHERE w.kind = 'runbook'
    RETURNING w.done_until, w.next_until
)
SELECT (SELECT count(*) FROM hours) AS hours, (SELECT count(*) FROM errors) AS errors,
       mv.done_until AS "doneUntil", mv.next_until AS "nextUntil"
FROM moved mv
