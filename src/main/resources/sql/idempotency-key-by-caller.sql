SELECT fingerprint, state, response_status AS "responseStatus", response_body::text AS "responseBody"
FROM idempotency_keys
WHERE caller_id = :#${exchangeProperty.principal.userId} AND key = :#${variable.idempotencyKey}
