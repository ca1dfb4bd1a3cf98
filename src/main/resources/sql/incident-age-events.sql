-- An age event for each OPEN or ACKNOWLEDGED incident older than an enabled age workflow's ageThresholdMinutes (a
-- number above 0) — of its team, or of any team for a global workflow — once per (workflow, incident): exactly one
-- statement takes the workflow_age_fired row (another node running this at the same moment waits for it, then skips
-- it), and only the statement that took it writes the event. Once fired, never again for that pair.
WITH age_workflows AS (
    SELECT w.id, w.team_id,
           CASE WHEN jsonb_typeof(w.definition -> 'trigger' -> 'ageThresholdMinutes') = 'number'
                THEN CAST(w.definition -> 'trigger' ->> 'ageThresholdMinutes' AS numeric) END AS threshold
    FROM workflows w
    WHERE w.enabled AND w.deleted_at IS NULL AND w.definition -> 'trigger' ->> 'type' = 'age'
), due AS (
    SELECT w.id AS workflow_id, i.id AS incident_id, w.threshold
    FROM age_workflows w
    JOIN incidents i ON (w.team_id IS NULL OR i.team_id = w.team_id)
    WHERE w.threshold > 0
      AND i.status IN ('OPEN', 'ACKNOWLEDGED')
      AND i.created_at <= now() - interval '1 minute' * w.threshold
      AND NOT EXISTS (SELECT FROM workflow_age_fired f WHERE f.workflow_id = w.id AND f.incident_id = i.id)
    ORDER BY i.created_at
    LIMIT CAST(:#${properties:runwire.workflows.dispatch-batch-size} AS integer)
), fired AS (
    INSERT INTO workflow_age_fired (workflow_id, incident_id)
    SELECT workflow_id, incident_id FROM due
    ON CONFLICT DO NOTHING
    RETURNING workflow_id, incident_id
)
INSERT INTO incident_events (incident_id, team_id, kind, workflow_id, payload)
SELECT i.id, i.team_id, 'age', f.workflow_id,
       incident_event_payload('age', i)
           || jsonb_build_object('workflowId', f.workflow_id, 'ageThresholdMinutes', d.threshold)
FROM fired f
JOIN due d ON d.workflow_id = f.workflow_id AND d.incident_id = f.incident_id
JOIN incidents i ON i.id = f.incident_id
RETURNING id
