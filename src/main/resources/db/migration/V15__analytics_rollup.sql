-- Run analytics on large windows (issue 14): per runbook (and per workflow) and hour of created_at (UTC), what its
-- FINAL executions of that hour came to, kept by the background route analytics-rollup (routes/analytics-rollup.yaml),
-- never by the statements that finish an execution. A final execution never changes again, so a group, once
-- recomputed, stays true until an execution of its hour becomes final. The analytics statements read these rows for
-- whole hours and the executions themselves only where the rollup does not hold them (open, or final after
-- done_until), so their counts stay exact. (Nothing deletes executions; whatever does one day must take their hours
-- out of the rollup too, or empty it: sql/analytics-rollup-forget.sql.)
--
-- took_keys / took_counts: a histogram of started -> completed, sparse and sorted by key. A duration of x microseconds
-- has key sign(x) * (1 + ceil(ln |x| / ln g)), 0 for x = 0, g = 1.01 / 0.99; a key stands for
-- sign(k) * 2 g^(|k| - 1) / (g + 1) microseconds, within 1 % of every duration it holds (analytics_took_key below).

-- How far the rollup is: every group holds exactly the final executions of its hour with completed_at <= done_until
-- (coalesce(completed_at, created_at) for a runbook's, coalesce(completed_at, failed_at, created_at) for a workflow's).
-- next_until is where the next run goes: computed by the previous run, before the next one's snapshot, no later than
-- the start of any transaction open then (a finishing statement sets completed_at = now(), its transaction's start),
-- so every execution final at or before next_until is committed and visible when the next run reads.
CREATE TABLE analytics_rollup_watermarks (
    kind       text PRIMARY KEY CHECK (kind IN ('runbook', 'workflow')),
    done_until timestamptz NOT NULL,
    next_until timestamptz NOT NULL
);
INSERT INTO analytics_rollup_watermarks (kind, done_until, next_until)
VALUES ('runbook', '-infinity', '-infinity'), ('workflow', '-infinity', '-infinity');

-- the histogram key of a duration (NULL for none); one expression, so the planner inlines it into the aggregation
CREATE FUNCTION analytics_took_key(took interval) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN extract(epoch FROM took) = 0 THEN 0
                ELSE CAST(sign(extract(epoch FROM took))
                          * (1 + ceil(ln(abs(CAST(extract(epoch FROM took) AS double precision) * 1000000))
                                      / ln(CAST(1.01 AS double precision) / 0.99))) AS integer) END
$$;

-- the milliseconds a histogram key stands for
CREATE FUNCTION analytics_took_ms(took_key integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sign(took_key) * 2 * power(CAST(1.01 AS double precision) / 0.99, abs(took_key) - 1)
           / (CAST(1.01 AS double precision) / 0.99 + 1) / 1000
$$;

-- percentile_cont(qs) of durations given as (milliseconds, how many): the analytics statements merge the rollup's
-- histograms (each key's value, its count) with raw durations (each with count 1) and interpolate as percentile_cont
-- does, between the values of rank floor(h) and ceil(h), h = q * (count - 1). Each value within 1 % of the duration it
-- stands for, the interpolation is too. NULL for no durations.
CREATE FUNCTION analytics_percentiles(qs double precision[], ms double precision[], counts bigint[])
    RETURNS double precision[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH ranked AS (
        SELECT u.v, sum(u.n) OVER (ORDER BY u.v) AS upto FROM unnest(ms, counts) AS u(v, n)
    ), total AS (
        SELECT CAST(sum(n) AS double precision) AS n FROM unnest(counts) AS n
    )
    SELECT array_agg(p.lo + (p.h - floor(p.h)) * (p.hi - p.lo) ORDER BY p.i)
    FROM (SELECT q.i, q.h,
                 (SELECT min(r.v) FROM ranked r WHERE r.upto > floor(q.h)) AS lo,
                 (SELECT min(r.v) FROM ranked r WHERE r.upto > ceil(q.h)) AS hi
          FROM (SELECT i, qs[i] * (t.n - 1) AS h FROM total t, generate_subscripts(qs, 1) AS i WHERE t.n > 0) q) p
$$;

-- Where a rollup run may take the next one: now, or the start of the oldest other transaction open now, if earlier
-- (it may yet commit an execution whose completed_at is its now(), and only after this run's snapshot). The service's
-- sessions all log in as one role, which sees its own sessions' xact_start. Less a microsecond: completed_at <= it.
CREATE FUNCTION analytics_rollup_horizon() RETURNS timestamptz LANGUAGE sql STABLE AS $$
    SELECT least(now(), (SELECT min(a.xact_start) FROM pg_stat_activity a
                         WHERE a.datname = current_database() AND a.backend_type = 'client backend'
                           AND a.pid <> pg_backend_pid()))
           - interval '1 microsecond'
$$;

CREATE TABLE runbook_execution_hours (
    runbook_id   uuid NOT NULL REFERENCES runbooks (id) ON DELETE CASCADE,
    hour         timestamptz NOT NULL,
    success      integer NOT NULL,
    failed       integer NOT NULL,
    timed_out    integer NOT NULL,
    cancelled    integer NOT NULL,
    -- over the executions that ran to an end (SUCCESS, FAILED, TIMED_OUT)
    attempts_sum bigint NOT NULL,
    attempts_max integer,
    took_keys    integer[] NOT NULL,
    took_counts  integer[] NOT NULL,
    PRIMARY KEY (runbook_id, hour)
);

-- FAILED and TIMED_OUT executions' error texts
CREATE TABLE runbook_error_hours (
    runbook_id uuid NOT NULL REFERENCES runbooks (id) ON DELETE CASCADE,
    hour       timestamptz NOT NULL,
    error      text NOT NULL,
    n          integer NOT NULL,
    PRIMARY KEY (runbook_id, hour, error)
);

CREATE TABLE workflow_execution_hours (
    workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    hour        timestamptz NOT NULL,
    completed   integer NOT NULL,
    failed      integer NOT NULL,
    cancelled   integer NOT NULL,
    took_keys   integer[] NOT NULL,
    took_counts integer[] NOT NULL,
    PRIMARY KEY (workflow_id, hour)
);

-- FAILED and CANCELLED executions' error texts
CREATE TABLE workflow_error_hours (
    workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    hour        timestamptz NOT NULL,
    error       text NOT NULL,
    n           integer NOT NULL,
    PRIMARY KEY (workflow_id, hour, error)
);

-- each node's results (node_results) of the hour's final executions
CREATE TABLE workflow_node_hours (
    workflow_id  uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    hour         timestamptz NOT NULL,
    node_id      text NOT NULL,
    type         text,
    runs         integer NOT NULL,
    failures     integer NOT NULL,
    -- over the results that name their attempts
    attempts_sum bigint NOT NULL,
    attempts_n   integer NOT NULL,
    took_keys    integer[] NOT NULL,
    took_counts  integer[] NOT NULL,
    PRIMARY KEY (workflow_id, hour, node_id)
);

-- When an execution became final, per runbook (or workflow): the rollup run finds the groups it recomputes with it,
-- the analytics statements the executions the rollup does not hold yet. The statements that end an execution set
-- completed_at = now(); a final one without it (seeded, or from before completed_at was set on every end) counts from
-- failed_at or its creation. Partial: an open execution has no entry, so inserting and claiming one writes nothing
-- here; only the statement that ends it adds one. Open executions are found by the status indexes of V1
-- (runbook_executions_pending_idx, _running_idx, workflow_executions_open_idx).
CREATE INDEX runbook_executions_runbook_final_idx ON runbook_executions (runbook_id, coalesce(completed_at, created_at))
    WHERE status IN ('SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED');
CREATE INDEX workflow_executions_workflow_final_idx
    ON workflow_executions (workflow_id, coalesce(completed_at, failed_at, created_at))
    WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED');
