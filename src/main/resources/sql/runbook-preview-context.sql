-- A preview: the row runbook-execution-claim.sql would hand the worker for an execution of the runbook on the
-- incident, made of both as they are now; nothing is written. The definition as runbook-execution-insert.sql
-- snapshots it (keep the two in step: RunbookPreviewTest compares what a preview shows with what the following
-- Execute sends), the template's context as the claim reads it (runbook_template_context). The execution and
-- workflow execution ids are placeholders; the parameters are the preview's, write-only values masked.
SELECT CAST(:#${variable.executionId} AS uuid) AS id, r.id AS "runbookId",
       coalesce((r.retry ->> 'attempts')::int, CAST(:#${properties:runwire.executor.default-attempts} AS integer))
           AS "maxAttempts",
       jsonb_build_object('name', r.name, 'description', r.description, 'version', r.version, 'teamId', r.team_id,
                          'webhookUrl', r.webhook_url, 'webhookMethod', r.webhook_method,
                          'webhookHeaders', r.webhook_headers, 'webhookAuth', r.webhook_auth,
                          'parameters', r.parameters, 'payloadTemplate', r.payload_template,
                          'timeoutSeconds', r.timeout_seconds, 'retry', r.retry,
                          'concurrency', r.concurrency)::text AS definition,
       CAST(:#${variable.previewParameters} AS text) AS parameters,
       x.incident::text AS incident, x.team::text AS team, x.assignee::text AS assignee,
       CASE WHEN w.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', w.id, 'name', w.name,
                                    'executionId', CAST(:#${variable.workflowExecutionId} AS uuid))::text END AS workflow
FROM runbooks r
JOIN runbook_template_context x ON x.incident_id = :#${variable.incidentId}
LEFT JOIN workflows w ON w.id = CAST(:#${variable.workflowId} AS uuid)
WHERE r.id = :#${variable.runbookId} AND r.deleted_at IS NULL
