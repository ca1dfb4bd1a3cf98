-- The id is chosen before the insert: the runbook's credentials are encrypted bound to it (SecretPlace).
INSERT INTO runbooks (id, team_id, name, description, webhook_url, webhook_method, webhook_headers, webhook_auth,
                      parameters, payload_template, timeout_seconds, retry, concurrency,
                      created_by_id)
VALUES (:#${variable.runbookId}, :#teamId, :#name, :#description, :#webhookUrl, :#webhookMethod,
        CAST(:#webhookHeaders AS jsonb), :#webhookAuth, CAST(:#parameters AS jsonb), :#payloadTemplate,
        :#timeoutSeconds, CAST(:#retry AS jsonb), CAST(:#concurrency AS jsonb),
        :#${exchangeProperty.principal.userId})
