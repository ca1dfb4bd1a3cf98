-- A preview: the row workflow-execution-claim.sql would hand the engine for a fresh manual execution of the workflow
-- on the incident, both as they are now (the trigger event as workflow-execution-insert.sql writes it); nothing is
-- written. The execution id is a placeholder; the clock and the deadline are the database's.
SELECT CAST(:#${variable.executionId} AS uuid) AS id, NULL AS "claimToken", w.id AS "workflowId",
       w.name AS "workflowName", i.id AS "incidentId", i.team_id AS "teamId",
       w.definition::text AS definition, '[]' AS frontier, '[]' AS "nodeResults",
       (incident_event_payload('manual', i) || jsonb_build_object('executedById', CAST(:#${variable.executedById} AS uuid),
                                                                  'occurredAt', now()))::text AS "triggerEvent",
       incident_event_payload('step', i)::text AS current,
       coalesce(w.definition -> 'settings' ->> 'timeout', '5min') AS timeout,
       now() + CASE w.definition -> 'settings' ->> 'timeout'
                   WHEN '1min' THEN interval '1 minute'
                   WHEN '15min' THEN interval '15 minutes'
                   ELSE interval '5 minutes' END AS "deadlineAt",
       now() AS "claimedAt"
FROM workflows w, incidents i
WHERE w.id = :#${variable.workflowId} AND w.deleted_at IS NULL AND i.id = :#${variable.incidentId}
