-- One step of a workflow execution for this node: PENDING, or WAITING and due -> RUNNING, under a lease it renews
-- while the step runs and a fresh claim token that the statement recording the step must match. The first claim
-- fixes the deadline (created_at + settings.timeout). With it, what the step reads: the snapshot, the walk so far,
-- the trigger event, the incident as it is now, and the database's clock (every due time is on it).
-- No row back: cancelled, finished, not due yet, or another node has it.
WITH claimed AS (
    UPDATE workflow_executions
    SET status = 'RUNNING', claimed_by = :#${properties:runwire.node-id}, claim_token = gen_random_uuid(),
        attempts = attempts + 1,
        lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.executor.lease-seconds} AS integer)),
        started_at = coalesce(started_at, now()), queued_until = NULL,
        deadline_at = coalesce(deadline_at, created_at + CASE definition_snapshot -> 'settings' ->> 'timeout'
                                                            WHEN '1min' THEN interval '1 minute'
                                                            WHEN '15min' THEN interval '15 minutes'
                                                            ELSE interval '5 minutes' END)
    WHERE id = CAST(:#${variable.workflowExecutionId} AS uuid)
      AND (status = 'PENDING' OR (status = 'WAITING' AND (resume_at IS NULL OR resume_at <= now())))
    RETURNING id, claim_token, workflow_id, incident_id, definition_snapshot, frontier, node_results, trigger_event,
              deadline_at
)
SELECT c.id, c.claim_token AS "claimToken", c.workflow_id AS "workflowId", w.name AS "workflowName",
       c.incident_id AS "incidentId", i.team_id AS "teamId",
       c.definition_snapshot::text AS definition, c.frontier::text AS frontier, c.node_results::text AS "nodeResults",
       c.trigger_event::text AS "triggerEvent",
       incident_event_payload('step', i)::text AS current,
       coalesce(c.definition_snapshot -> 'settings' ->> 'timeout', '5min') AS timeout,
       c.deadline_at AS "deadlineAt", now() AS "claimedAt"
FROM claimed c
JOIN workflows w ON w.id = c.workflow_id
LEFT JOIN incidents i ON i.id = c.incident_id
