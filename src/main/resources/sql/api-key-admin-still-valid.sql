-- Whether this key still belongs to an active platform admin and is neither revoked nor expired: asked on every
-- request of a Hawtio session, so that revoking the key (or the admin role) ends the session at once.
SELECT count(*) > 0
FROM api_keys k
JOIN users u ON u.id = k.user_id
WHERE k.id = :keyId
  AND k.revoked_at IS NULL
  AND (k.expires_at IS NULL OR k.expires_at > now())
  AND u.active
  AND u.platform_role = 'ADMIN'
