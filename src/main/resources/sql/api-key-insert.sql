INSERT INTO api_keys (user_id, name, token_hash, token_prefix, expires_at)
VALUES (:#${variable.keyOwnerId}, :#name, :#${variable.minted[tokenHash]}, :#${variable.minted[tokenPrefix]},
        CAST(:#${variable.expiresAt} AS timestamptz))
RETURNING id
