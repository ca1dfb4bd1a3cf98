-- Keeps the definition being replaced as a version, then replaces it: a new version, back to DRAFT.
-- Nothing happens when someone else changed the runbook since it was read (no row back: 409).
WITH previous AS (
    INSERT INTO runbook_versions (runbook_id, version, definition, changed_by_id, change_note)
    SELECT r.id, r.version,
           jsonb_build_object('name', r.name, 'description', r.description, 'webhookUrl', r.webhook_url,
                              'webhookMethod', r.webhook_method, 'webhookHeaders', r.webhook_headers,
                              'webhookAuth', r.webhook_auth, 'parameters', r.parameters,
                              'payloadTemplate', r.payload_template, 'timeoutSeconds', r.timeout_seconds,
                              'retry', r.retry, 'concurrency', r.concurrency,
                              'approvalStatus', r.approval_status),
           :#${exchangeProperty.principal.userId}, :#changeNote
    FROM runbooks r
    WHERE r.id = :#${variable.runbookId} AND r.version = :#${variable.runbook[version]} AND r.deleted_at IS NULL
    RETURNING runbook_id, version
)
UPDATE runbooks r
SET name = :#name, description = :#description, webhook_url = :#webhookUrl, webhook_method = :#webhookMethod,
    webhook_headers = CAST(:#webhookHeaders AS jsonb), webhook_auth = :#webhookAuth,
    parameters = CAST(:#parameters AS jsonb), payload_template = :#payloadTemplate,
    timeout_seconds = :#timeoutSeconds, retry = CAST(:#retry AS jsonb),
    concurrency = CAST(:#concurrency AS jsonb),
    version = previous.version + 1, approval_status = 'DRAFT', approved_by_id = NULL, approved_at = NULL,
    updated_at = now()
FROM previous
WHERE r.id = previous.runbook_id
RETURNING r.version, r.updated_at AS "updatedAt"
