-- The batch's events are dispatched and their workflow executions written, in one statement: a crash before it
-- leaves the events to be claimed again, and it takes effect once — only for events this batch still holds (the
-- claim token) and nobody dispatched. :#matches is [{eventId, workflowId}] from WorkflowTriggers; a workflow
-- disabled or deleted since the claim starts nothing. Each execution is PENDING with the workflow's definition as its
-- snapshot, marked queued for a while, as it is handed to direct:workflow-execution-start at once.
WITH dispatched AS (
    UPDATE incident_events e
    SET dispatched_at = now(), lease_until = NULL
    WHERE e.claim_token = CAST(:#${variable.claimToken} AS uuid) AND e.dispatched_at IS NULL
    RETURNING e.id, e.incident_id, e.payload, e.created_at
), matched AS (
    SELECT m."eventId", m."workflowId"
    FROM jsonb_to_recordset(CAST(:#${variable.matches} AS jsonb)) AS m("eventId" uuid, "workflowId" uuid)
)
INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, incident_id, triggered_by,
                                 trigger_event, status, queued_until)
SELECT w.id, w.version, w.definition, d.incident_id, 'event',
       d.payload || jsonb_build_object('eventId', d.id, 'occurredAt', d.created_at), 'PENDING',
       now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
FROM dispatched d
JOIN matched m ON m."eventId" = d.id
JOIN workflows w ON w.id = m."workflowId" AND w.enabled AND w.deleted_at IS NULL
ORDER BY d.created_at, w.created_at
RETURNING id
