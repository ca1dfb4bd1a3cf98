-- The incident and its incident_created event for the workflow outbox (routes/workflow-triggers.yaml dispatches it):
-- one statement, so both are committed or neither, and opening an incident costs no extra round trip.
WITH created AS (
    INSERT INTO incidents AS i (team_id, title, priority, service, metadata, assigned_user_id)
    VALUES (:#${variable.teamId}, :#title, :#priority, :#service, coalesce(CAST(:#metadata AS jsonb), '{}'::jsonb),
            :#${variable.assigneeId})
    RETURNING i
), event AS (
    INSERT INTO incident_events (incident_id, team_id, kind, payload)
    SELECT (c.i).id, (c.i).team_id, 'incident_created', incident_event_payload('incident_created', c.i)
    FROM created c
)
SELECT (c.i).id FROM created c
