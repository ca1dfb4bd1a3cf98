-- The step on record, in one statement: the node's result appended, the frontier as it is now, and the execution's
-- standing — PENDING (a node is due now: it is queued again at once, so marked queued), WAITING until resume_at,
-- or final (COMPLETED, FAILED, CANCELLED) with completed_at; a FAILED one with its audit event
-- workflow.execution.failed (HIGH). Kept only while this runner still holds the claim: a runner whose lease was lost
-- (and whose node runs again elsewhere) or whose execution was cancelled records nothing.
WITH stepped AS (
    UPDATE workflow_executions e
    SET status          = :#status,
        frontier        = CAST(:#frontier AS jsonb),
        node_results    = e.node_results || CAST(:#appended AS jsonb),
        current_node_id = coalesce(:#currentNodeId, e.current_node_id),
        resume_at       = CAST(:#resumeAt AS timestamptz),
        error           = :#error,
        completed_at    = CASE WHEN :#status IN ('COMPLETED', 'FAILED', 'CANCELLED') THEN now() END,
        failed_at       = CASE WHEN :#status = 'FAILED' THEN now() END,
        queued_until    = CASE WHEN :#status = 'PENDING'
                               THEN now() + make_interval(secs => CAST(:#${properties:runwire.executor.requeue-after-seconds} AS integer))
                          END,
        lease_until     = NULL,
        claim_token     = NULL
    WHERE e.id = CAST(:#executionId AS uuid) AND e.status = 'RUNNING' AND e.claim_token = CAST(:#claimToken AS uuid)
    RETURNING e.id, e.status, e.error, e.workflow_id, e.incident_id, e.current_node_id
), audited AS (
    INSERT INTO audit_events (action, team_id, resource_type, resource_id, metadata, severity)
    SELECT 'workflow.execution.failed', i.team_id, 'workflow_execution', s.id::text,
           jsonb_strip_nulls(jsonb_build_object('executionId', s.id, 'workflowId', s.workflow_id,
                                                'incidentId', s.incident_id, 'nodeId', s.current_node_id,
                                                'error', s.error)),
           'HIGH'
    FROM stepped s
    LEFT JOIN incidents i ON i.id = s.incident_id
    WHERE s.status = 'FAILED'
)
SELECT id, status FROM stepped
