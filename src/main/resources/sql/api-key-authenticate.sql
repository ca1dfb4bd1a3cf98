-- The caller behind a token hash, with its team roles, and whether the key has expired. Only reads: the key's
-- last use is written apart (api-key-touch.sql), at most once a minute per key.
SELECT k.id AS key_id, k.expires_at, k.expires_at IS NOT NULL AND k.expires_at <= now() AS expired,
       u.id AS user_id, u.email, u.first_name, u.last_name, u.platform_role,
       coalesce((SELECT json_object_agg(tm.team_id, tm.role) FROM team_members tm WHERE tm.user_id = u.id),
                '{}')::text AS team_roles
FROM api_keys k
JOIN users u ON u.id = k.user_id
WHERE k.token_hash = :tokenHash
  AND k.revoked_at IS NULL
  AND u.active
