UPDATE api_keys SET revoked_at = now()
WHERE id = :#${variable.keyId} AND revoked_at IS NULL
RETURNING id
