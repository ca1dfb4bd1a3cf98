-- Moves the incident only if nobody moved it since we read it; no row back means a concurrent change won.
UPDATE incidents
SET status          = :#${variable.targetStatus},
    acknowledged_at = CASE WHEN :#${variable.targetStatus} = 'ACKNOWLEDGED' THEN now() ELSE acknowledged_at END,
    resolved_at     = CASE WHEN :#${variable.targetStatus} = 'RESOLVED' THEN now() ELSE resolved_at END,
    closed_at       = CASE WHEN :#${variable.targetStatus} = 'CLOSED' THEN now() ELSE closed_at END
WHERE id = :#${variable.incidentId} AND status = :#${variable.incident[status]}
RETURNING CAST(:#${variable.incident[status]} AS text) AS "from", status AS "to"
