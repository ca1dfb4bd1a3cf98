-- An escalation event for the workflow outbox and its audit event, in one statement: both are committed or neither.
-- The audit event's fields (:#action, :#userId, ...) come from the body. No row back: the incident was resolved or
-- closed since it was checked.
WITH event AS (
    INSERT INTO incident_events (incident_id, team_id, kind, payload)
    SELECT i.id, i.team_id, 'escalation',
           incident_event_payload('escalation', i) || jsonb_build_object('escalatedById', CAST(:#userId AS uuid))
    FROM incidents i
    WHERE i.id = :#${variable.incidentId} AND i.status IN ('OPEN', 'ACKNOWLEDGED')
    RETURNING id
), audited AS (
    INSERT INTO audit_events (action, user_id, team_id, resource_type, resource_id, metadata, ip_address, user_agent,
                              severity)
    SELECT :#action, :#userId, :#teamId, :#resourceType, :#resourceId,
           jsonb_build_object('eventId', e.id) || CAST(:#metadata AS jsonb), :#ipAddress, :#userAgent, :#severity
    FROM event e
)
SELECT id FROM event
