-- The manual trigger: the workflow's definition as it is now becomes a PENDING execution's snapshot, triggered_by
-- manual, its trigger event the incident as it is now (the shape of an incident event) and who ran it; the audit event
-- workflow.manual_trigger is written with it — one statement, both committed or neither. Marked queued, as it is
-- handed to the engine at once. No row back: the workflow changed (or was disabled) since it was checked.
-- The audit event's fields (:#action, :#userId, ...) come from the body; the rest from variables.
WITH execution AS (
    INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, incident_id, triggered_by,
                                     trigger_event, status, queued_until)
    SELECT w.id, w.version, w.definition, i.id, 'manual',
           incident_event_payload('manual', i) || jsonb_build_object('executedById', CAST(:#userId AS uuid),
                                                                     'occurredAt', now()),
           'PENDING',
           now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
    FROM workflows w, incidents i
    WHERE w.id = :#${variable.workflowId} AND w.version = :#${variable.workflow[version]}
      AND w.enabled AND w.deleted_at IS NULL
      AND i.id = :#${variable.incidentId}
    RETURNING id
), audited AS (
    INSERT INTO audit_events (action, user_id, team_id, resource_type, resource_id, metadata, ip_address, user_agent,
                              severity)
    SELECT :#action, :#userId, :#teamId, :#resourceType, :#resourceId,
           jsonb_build_object('executionId', e.id) || CAST(:#metadata AS jsonb),
           :#ipAddress, :#userAgent, :#severity
    FROM execution e
)
SELECT id FROM execution
