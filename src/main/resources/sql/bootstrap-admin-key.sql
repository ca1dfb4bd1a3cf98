INSERT INTO api_keys (user_id, name, token_hash, token_prefix)
VALUES (:userId, 'bootstrap', :tokenHash, :tokenPrefix)
ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL
