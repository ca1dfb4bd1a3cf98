-- Idempotency-Key on the endpoints that start work (IETF httpapi draft "The Idempotency-Key HTTP Header Field"):
-- a key is its caller's, for 24 hours. PROCESSING while the first request runs (locked_until bounds how long a
-- request that died holds it); DONE with the first answer, written in the statement that starts the work, so a
-- crash between the work and the answer still replays it.
CREATE TABLE idempotency_keys (
    caller_id       uuid NOT NULL,
    key             text NOT NULL,
    fingerprint     text NOT NULL,
    state           text NOT NULL CHECK (state IN ('PROCESSING', 'DONE')),
    locked_until    timestamptz,
    response_status integer,
    response_body   jsonb,
    execution_id    uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
