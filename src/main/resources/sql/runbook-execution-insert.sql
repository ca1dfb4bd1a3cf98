-- Steps 7 and 9 of the trigger: the definition as it is now becomes the execution's snapshot, and the audit event
-- that says who triggered it is written with it — one statement, so both are committed or neither.
-- With an Idempotency-Key the caller's key is marked done with the answer in the same statement, so a retry after a
-- crash between this and the answer replays it. Credentials stay encrypted in the snapshot.
-- Every parameter comes from the body map ExecutionStatements.insert builds: the audit event's fields (:#action,
-- :#userId, ...), what the trigger decided (:#newExecutionId, ...) and the executor's settings.
-- No row back: the runbook changed since it was checked.
WITH execution AS (
    INSERT INTO runbook_executions (id, runbook_id, runbook_version, definition_snapshot, incident_id, workflow_execution_id,
                                    workflow_node_id, parameters, status, triggered_by, executed_by_id, max_attempts, queued_until,
                                    trace_parent, concurrency_key, concurrency_limit)
    SELECT :#newExecutionId, r.id, r.version,
           jsonb_build_object('name', r.name, 'description', r.description, 'version', r.version, 'teamId', r.team_id,
                              'webhookUrl', r.webhook_url, 'webhookMethod', r.webhook_method,
                              'webhookHeaders', r.webhook_headers, 'webhookAuth', r.webhook_auth,
                              'parameters', r.parameters, 'payloadTemplate', r.payload_template,
                              'timeoutSeconds', r.timeout_seconds, 'retry', r.retry, 'concurrency', r.concurrency),
           :#incidentId, :#workflowExecutionId, :#workflowNodeId,
           CAST(:#storedParameters AS jsonb), 'PENDING', :#triggeredBy,
           :#executedById, coalesce((r.retry ->> 'attempts')::int, CAST(:#defaultAttempts AS integer)),
           now() + make_interval(secs => CAST(:#requeueAfterSeconds AS integer)), :#traceParent,
           CASE WHEN r.concurrency IS NULL THEN NULL
                WHEN r.concurrency ->> 'scope' = 'incident' THEN r.id || '/' || CAST(:#incidentId AS text)
                ELSE r.id::text END,
           CAST(r.concurrency ->> 'limit' AS integer)
    FROM runbooks r
    WHERE r.id = :#runbookId
      AND r.version = :#runbookVersion
      AND r.approval_status = 'APPROVED'
      AND r.deleted_at IS NULL
    RETURNING id
), audited AS (
    INSERT INTO audit_events (action, user_id, team_id, resource_type, resource_id, metadata, ip_address, user_agent,
                              severity)
    SELECT :#action, :#userId, :#teamId,
           :#resourceType, :#resourceId,
           jsonb_build_object('executionId', e.id) || CAST(:#metadata AS jsonb),
           :#ipAddress, :#userAgent, :#severity
    FROM execution e
), idempotency AS (
    UPDATE idempotency_keys k
    SET state = 'DONE', response_status = 201, response_body = CAST(:#responseJson AS jsonb),
        execution_id = e.id, locked_until = NULL
    FROM execution e
    WHERE k.caller_id = :#userId AND k.key = :#idempotencyKey
      AND k.state = 'PROCESSING'
)
SELECT id FROM execution
