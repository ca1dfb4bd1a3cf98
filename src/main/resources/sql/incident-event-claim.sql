-- The oldest undispatched incident events that no dispatcher holds (or whose dispatcher let its lease run out), for
-- this batch: its claim token and a lease. SKIP LOCKED: two dispatchers, on one node or two, never claim one event.
-- With each, the workflows it may start: enabled, not deleted, of the incident's team or global, with a trigger of
-- the event's kind (an age event: only the workflow whose threshold it passed). WorkflowTriggers decides the rest.
WITH claimed AS (
    UPDATE incident_events e
    SET claimed_by = :#${properties:runwire.node-id}, claim_token = CAST(:#${variable.claimToken} AS uuid),
        attempts = attempts + 1,
        lease_until = now() + make_interval(secs => CAST(:#${properties:runwire.workflows.dispatch-lease-seconds} AS integer))
    WHERE e.id IN (
        SELECT id FROM incident_events
        WHERE dispatched_at IS NULL AND (lease_until IS NULL OR lease_until < now())
        ORDER BY created_at
        LIMIT CAST(:#${properties:runwire.workflows.dispatch-batch-size} AS integer)
        FOR UPDATE SKIP LOCKED)
    RETURNING e.id, e.team_id, e.kind, e.workflow_id, e.payload, e.created_at, e.attempts
)
SELECT c.id, c.kind, c.attempts, c.payload::text AS payload,
       coalesce((SELECT jsonb_agg(jsonb_build_object('workflowId', w.id, 'trigger', w.definition -> 'trigger')
                                  ORDER BY w.created_at)
                 FROM workflows w
                 WHERE w.enabled AND w.deleted_at IS NULL
                   AND (w.team_id IS NULL OR w.team_id = c.team_id)
                   AND w.definition -> 'trigger' ->> 'type' = c.kind
                   AND (c.workflow_id IS NULL OR w.id = c.workflow_id)), '[]'::jsonb)::text AS candidates
FROM claimed c
ORDER BY c.created_at
