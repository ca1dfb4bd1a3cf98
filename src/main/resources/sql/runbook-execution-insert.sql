-- Step 7 of the trigger: the definition as it is now becomes the execution's snapshot, in one statement.
-- Credentials stay encrypted in the snapshot. No row back: the runbook changed since it was checked.
INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, incident_id, workflow_execution_id,
                                workflow_node_id, parameters, status, triggered_by, executed_by_id, max_attempts, queued_until)
SELECT r.id, r.version,
       jsonb_build_object('name', r.name, 'description', r.description, 'version', r.version, 'teamId', r.team_id,
                          'webhookUrl', r.webhook_url, 'webhookMethod', r.webhook_method,
                          'webhookHeaders', r.webhook_headers, 'webhookAuth', r.webhook_auth,
                          'parameters', r.parameters, 'payloadTemplate', r.payload_template,
                          'timeoutSeconds', r.timeout_seconds, 'retry', r.retry),
       :#${variable.incidentId}, :#${variable.workflowExecutionId}, :#${variable.workflowNodeId},
       CAST(:#${variable.parameters.stored} AS jsonb), 'PENDING', :#${variable.triggeredBy},
       :#${variable.executedById}, coalesce((r.retry ->> 'attempts')::int, CAST(:#${properties:runwire.executor.default-attempts} AS integer)),
       now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
FROM runbooks r
WHERE r.id = :#${variable.runbookId}
  AND r.version = :#${variable.runbook[version]}
  AND r.approval_status = 'APPROVED'
  AND r.deleted_at IS NULL
RETURNING id
