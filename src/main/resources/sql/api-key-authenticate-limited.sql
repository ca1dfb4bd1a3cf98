-- api-key-authenticate.sql and the key's rate limit in one statement, one round trip per request: the caller behind a
-- token hash, and a token taken from its bucket :bucket (rate :rate per second, at most :burst) if it holds one.
-- The bucket's row is locked by ON CONFLICT, so replicas taking from one bucket at once take in turn, each from what
-- the one before left; an empty bucket is not written (the refill is computed from refilled_at on the next take).
-- An expired key takes nothing: it is refused.
WITH caller AS (
    SELECT k.id AS key_id, k.expires_at, k.expires_at IS NOT NULL AND k.expires_at <= now() AS expired,
           u.id AS user_id, u.email, u.first_name, u.last_name, u.platform_role,
           coalesce((SELECT json_object_agg(tm.team_id, tm.role) FROM team_members tm WHERE tm.user_id = u.id),
                    '{}')::text AS team_roles
    FROM api_keys k
    JOIN users u ON u.id = k.user_id
    WHERE k.token_hash = :tokenHash
      AND k.revoked_at IS NULL
      AND u.active
), taken AS (
    INSERT INTO api_rate_buckets AS b (key_id, bucket, tokens, refilled_at)
    SELECT c.key_id, :bucket, CAST(:burst AS double precision) - 1, now()
    FROM caller c
    WHERE NOT c.expired
    ON CONFLICT (key_id, bucket) DO UPDATE
        SET tokens = least(CAST(:burst AS double precision),
                           b.tokens + :rate * greatest(0, extract(epoch FROM now() - b.refilled_at))::double precision) - 1,
            refilled_at = greatest(now(), b.refilled_at)
        WHERE least(CAST(:burst AS double precision),
                    b.tokens + :rate * greatest(0, extract(epoch FROM now() - b.refilled_at))::double precision) >= 1
    RETURNING b.tokens
)
SELECT c.*,
       EXISTS (SELECT 1 FROM taken) AS allowed,
       coalesce((SELECT t.tokens FROM taken t),
                (SELECT least(CAST(:burst AS double precision),
                              b.tokens + :rate * greatest(0, extract(epoch FROM now() - b.refilled_at))::double precision)
                 FROM api_rate_buckets b
                 WHERE b.key_id = c.key_id AND b.bucket = :bucket),
                0) AS tokens
FROM caller c
