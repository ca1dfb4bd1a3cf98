-- Moves the incident only if nobody moved it since we read it; no row back means a concurrent change won.
-- The move writes its state_changed event {from, to} for the workflow outbox in the same statement.
WITH changed AS (
    UPDATE incidents i
    SET status          = :#${variable.targetStatus},
        acknowledged_at = CASE WHEN :#${variable.targetStatus} = 'ACKNOWLEDGED' THEN now() ELSE acknowledged_at END,
        resolved_at     = CASE WHEN :#${variable.targetStatus} = 'RESOLVED' THEN now() ELSE resolved_at END,
        closed_at       = CASE WHEN :#${variable.targetStatus} = 'CLOSED' THEN now() ELSE closed_at END
    WHERE id = :#${variable.incidentId} AND status = :#${variable.incident[status]}
    RETURNING i, CAST(:#${variable.incident[status]} AS text) AS "from", status AS "to"
), event AS (
    INSERT INTO incident_events (incident_id, team_id, kind, payload)
    SELECT (c.i).id, (c.i).team_id, 'state_changed',
           incident_event_payload('state_changed', c.i) || jsonb_build_object('from', c."from", 'to', c."to")
    FROM changed c
)
SELECT c."from", c."to" FROM changed c
