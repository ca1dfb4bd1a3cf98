-- This request takes the caller's key: new, expired (24 h), or held by a request that died while processing.
-- No row back: the key is taken; idempotency-key-by-caller.sql says by what.
INSERT INTO idempotency_keys (caller_id, key, fingerprint, state, locked_until)
VALUES (:#${exchangeProperty.principal.userId}, :#${variable.idempotencyKey}, :#${variable.idempotencyFingerprint},
        'PROCESSING', now() + interval '30 seconds')
ON CONFLICT (caller_id, key) DO UPDATE
SET fingerprint = EXCLUDED.fingerprint, state = 'PROCESSING', locked_until = EXCLUDED.locked_until,
    response_status = NULL, response_body = NULL, execution_id = NULL, created_at = now()
WHERE (idempotency_keys.state = 'PROCESSING' AND idempotency_keys.locked_until < now())
   OR idempotency_keys.created_at < now() - interval '24 hours'
RETURNING key
