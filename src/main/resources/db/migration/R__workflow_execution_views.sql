-- How the API shows a workflow execution (DESIGN §4): camelCase columns that camel-sql hands to the routes as they
-- are. Apart from R__api_views.sql so the workflow definitions' views can grow there without touching this.
CREATE OR REPLACE VIEW workflow_execution_view AS
SELECT e.id, e.workflow_id AS "workflowId", e.workflow_version AS "workflowVersion", w.name AS "workflowName",
       e.incident_id AS "incidentId", i.team_id AS "teamId", e.triggered_by AS "triggeredBy", e.status,
       e.current_node_id AS "currentNodeId", e.node_results AS "nodeResults", e.frontier,
       e.resume_at AS "resumeAt", e.deadline_at AS "deadlineAt", e.error,
       e.created_at AS "createdAt", e.started_at AS "startedAt", e.completed_at AS "completedAt"
FROM workflow_executions e
JOIN workflows w ON w.id = e.workflow_id
LEFT JOIN incidents i ON i.id = e.incident_id;
