-- An API key may carry an expiry; past it the key is refused like a revoked one, saying so.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;

-- The view moves here from R__api_views.sql: a repeatable migration also runs on a database migrated only up to an
-- earlier version, where expires_at does not exist yet (as workflow_execution_view in V7).
DROP VIEW IF EXISTS api_key_view;
CREATE VIEW api_key_view AS
SELECT k.id, k.user_id AS "userId", k.name, k.token_prefix AS prefix, k.created_at AS "createdAt",
       k.last_used_at AS "lastUsedAt", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt"
FROM api_keys k;
