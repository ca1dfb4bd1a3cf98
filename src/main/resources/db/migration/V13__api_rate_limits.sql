-- API rate limits (issue 14): one token bucket per API key and bucket ('api', or 'execute' for the execute, rerun and
-- preview endpoints), shared by every replica. A bucket holds `tokens` as of `refilled_at`; it refills at the
-- configured rate up to the burst, computed from now() by the statement that takes a token
-- (sql/api-key-authenticate-limited.sql, the API key lookup itself), so nothing runs on a timer.
--
-- UNLOGGED: the statement runs on every API request, and a transaction that writes only to unlogged tables commits
-- without waiting for a WAL flush. After a crash (or on a standby promoted) the buckets are empty: every key starts
-- again with a full burst, which costs nothing a limit protects.
CREATE UNLOGGED TABLE api_rate_buckets (
    key_id      uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    bucket      text NOT NULL,
    tokens      double precision NOT NULL,
    refilled_at timestamptz NOT NULL,
    PRIMARY KEY (key_id, bucket)
) WITH (fillfactor = 50);  -- room on the page, so each take is a HOT update
