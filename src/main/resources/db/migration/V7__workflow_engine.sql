-- The durable workflow engine (DESIGN §4 "Workflows", issue 10), on the runbook executions' mechanism: one claim per
-- step, under a lease and a fresh claim token that the statement recording the step must match; a wait (delay node,
-- retry backoff, Retry-After) is a stored due time, never a sleeping thread.
--
-- frontier:     the nodes ready or waiting to run, [{nodeId, attempt, dueAt?, lastError?}]; dueAt null = now
-- node_results: each finished node, in the order they finished,
--               [{nodeId, type, status COMPLETED|FAILED, output?, error?, startedAt, completedAt, attempts}]
-- deadline_at:  created_at + settings.timeout (1min|5min|15min, default 5min), set by the first claim; a claim past
--               it ends the execution CANCELLED, and resume_at never lies beyond it, so a waiting one is seen then
-- completed_nodes (V1) stays unused: node_results holds failed nodes too, under a name that says so.
ALTER TABLE workflow_executions ADD COLUMN claim_token uuid;
ALTER TABLE workflow_executions ADD COLUMN deadline_at timestamptz;
ALTER TABLE workflow_executions ADD COLUMN frontier jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE workflow_executions ADD COLUMN node_results jsonb NOT NULL DEFAULT '[]'::jsonb;

-- the due-time poller's and the reclaim poller's way in
CREATE INDEX workflow_executions_due_idx ON workflow_executions (resume_at) WHERE status IN ('PENDING', 'WAITING');
CREATE INDEX workflow_executions_lease_idx ON workflow_executions (lease_until) WHERE status = 'RUNNING';

-- How the API shows a workflow execution: camelCase columns that camel-sql hands to the routes as they are. Here, not
-- in R__api_views.sql: a repeatable migration also runs on a database migrated only up to an earlier version.
CREATE OR REPLACE VIEW workflow_execution_view AS
SELECT e.id, e.workflow_id AS "workflowId", e.workflow_version AS "workflowVersion", w.name AS "workflowName",
       e.incident_id AS "incidentId", i.team_id AS "teamId", e.triggered_by AS "triggeredBy", e.status,
       e.current_node_id AS "currentNodeId", e.node_results AS "nodeResults", e.frontier,
       e.resume_at AS "resumeAt", e.deadline_at AS "deadlineAt", e.error,
       e.created_at AS "createdAt", e.started_at AS "startedAt", e.completed_at AS "completedAt"
FROM workflow_executions e
JOIN workflows w ON w.id = e.workflow_id
LEFT JOIN incidents i ON i.id = e.incident_id;
