-- Marks a key used; a no-op when it was marked within the last minute (by this node or another).
UPDATE api_keys SET last_used_at = now()
WHERE id = :keyId
  AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
