-- The caller behind a token hash, with its team roles; marks the key used (at most once a minute per key).
WITH caller AS (
    SELECT k.id AS key_id, k.last_used_at, u.id AS user_id, u.email, u.first_name, u.last_name, u.platform_role
    FROM api_keys k
    JOIN users u ON u.id = k.user_id
    WHERE k.token_hash = :tokenHash
      AND k.revoked_at IS NULL
      AND u.active
), touched AS (
    UPDATE api_keys SET last_used_at = now()
    WHERE id IN (SELECT key_id FROM caller WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
)
SELECT caller.key_id, caller.user_id, caller.email, caller.first_name, caller.last_name, caller.platform_role,
       coalesce((SELECT json_object_agg(tm.team_id, tm.role) FROM team_members tm WHERE tm.user_id = caller.user_id),
                '{}')::text AS team_roles
FROM caller
