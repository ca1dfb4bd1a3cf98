-- One claim, one runner: every claim gets a fresh token, and every later statement for the execution (renew,
-- attempt, finish) must match it, so a runner that lost its lease can never record over the one that took over.
ALTER TABLE runbook_executions ADD COLUMN claim_token uuid;
ALTER TABLE runbook_executions ADD COLUMN attempt_started_at timestamptz;
-- A retry waits as data: the execution is PENDING again and no node takes it before this time.
ALTER TABLE runbook_executions ADD COLUMN next_attempt_at timestamptz;

-- Every attempt on record: what was sent when, and what came back.
CREATE TABLE runbook_execution_attempts (
    execution_id    uuid NOT NULL REFERENCES runbook_executions (id),
    number          integer NOT NULL CHECK (number >= 1),
    node_id         text NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    duration_ms     bigint NOT NULL,
    status_code     integer,
    outcome         text NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILED', 'TIMED_OUT', 'RETRY')),
    error_class     text,
    error           text,
    next_attempt_at timestamptz,
    PRIMARY KEY (execution_id, number)
);

-- Camel-prefixed header names in a definition could steer Runwire's own producers (a CamelSqlQuery header ran SQL).
-- Camel never sent them to the target (its HTTP header filter drops Camel* names), so removing them changes no
-- request a runbook made. Header names inside an encrypted webhookAuth are dropped when an execution runs.
UPDATE runbooks r
SET webhook_headers = (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
                       FROM jsonb_each(r.webhook_headers)
                       WHERE lower(key) NOT LIKE 'camel%')
WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(r.webhook_headers) AS k(key) WHERE lower(k.key) LIKE 'camel%');
