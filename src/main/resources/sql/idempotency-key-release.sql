-- The request failed before it started any work: the key is free for the client's next try.
DELETE FROM idempotency_keys
WHERE caller_id = :#${exchangeProperty.principal.userId} AND key = :#${variable.idempotencyKey}
  AND state = 'PROCESSING'
