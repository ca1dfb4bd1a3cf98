INSERT INTO api_keys (user_id, name, token_hash, token_prefix)
VALUES (:#${variable.keyOwnerId}, :#name, :#${variable.minted[tokenHash]}, :#${variable.minted[tokenPrefix]})
RETURNING id
