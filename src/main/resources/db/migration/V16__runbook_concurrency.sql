-- Per-runbook concurrency (issue 14): a definition may set {"limit": n, "scope": "global" | "incident"}. Each execution
-- carries the line it waits in — concurrency_key, the runbook's id, or the runbook's and the incident's — and the
-- limit of the definition it was triggered from. At most that many executions of one key are RUNNING at once, across
-- every node: the claim asks runwire_concurrency_admits, which the database answers one claim of a key at a time.
ALTER TABLE runbooks ADD COLUMN concurrency jsonb;
ALTER TABLE runbook_executions ADD COLUMN concurrency_key text, ADD COLUMN concurrency_limit integer;

-- Only open executions of limited runbooks: how many run, and who waits longest, per key.
CREATE INDEX runbook_executions_concurrency_idx ON runbook_executions (concurrency_key, status, created_at, id)
    WHERE concurrency_key IS NOT NULL AND status IN ('PENDING', 'RUNNING');

-- Whether the execution may start now: the executions of its key that are RUNNING, and those that are due and waited
-- longer, leave room for it within max_running. So nobody is passed over, and a younger execution whose claim comes
-- first (claims run in parallel) may still start beside an older one while there is room for both. The claim
-- statement calls it for a limited execution only, inside its own UPDATE.
-- Why a function: a statement sees the database as it was when the statement began, so two claims counting at the same
-- moment would both see room for one more. Here the advisory lock makes the claims of one key take turns (until the
-- claim commits), and each statement of a VOLATILE function sees what was committed before it — the claim that went
-- first included.
CREATE FUNCTION runwire_concurrency_admits(execution uuid, key text, max_running integer, created timestamptz)
    RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('runwire runbook concurrency'), hashtext(key));
    RETURN (SELECT count(*) FROM runbook_executions WHERE concurrency_key = key AND status = 'RUNNING')
         + (SELECT count(*) FROM (SELECT 1 FROM runbook_executions
                                  WHERE concurrency_key = key AND status = 'PENDING'
                                    AND (created_at, id) < (created, execution)
                                    AND (next_attempt_at IS NULL OR next_attempt_at <= now())
                                  LIMIT max_running) waited_longer)
         < max_running;
END
$$;
