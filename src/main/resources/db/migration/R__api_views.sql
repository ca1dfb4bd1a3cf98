-- How the API shows each resource: camelCase columns that camel-sql hands to the routes as they are.
-- A repeatable migration: Flyway re-applies it whenever it changes.

CREATE OR REPLACE VIEW team_view AS
SELECT t.id, t.name, t.slack_channel AS "slackChannel", t.created_at AS "createdAt",
       (SELECT count(*) FROM team_members m WHERE m.team_id = t.id) AS "memberCount"
FROM teams t;

CREATE OR REPLACE VIEW team_member_view AS
SELECT m.team_id AS "teamId", m.user_id AS "userId", m.role, u.email, u.first_name AS "firstName",
       u.last_name AS "lastName", m.created_at AS "addedAt"
FROM team_members m
JOIN users u ON u.id = m.user_id;

CREATE OR REPLACE VIEW user_view AS
SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.platform_role AS "platformRole",
       u.active, u.created_at AS "createdAt"
FROM users u;

-- api_key_view: in V9__api_key_usage.sql

CREATE OR REPLACE VIEW incident_view AS
SELECT i.id, i.team_id AS "teamId", t.name AS "teamName", i.title, i.priority, i.status, i.service, i.metadata,
       i.assigned_user_id AS "assignedUserId", i.created_at AS "createdAt", i.acknowledged_at AS "acknowledgedAt",
       i.resolved_at AS "resolvedAt", i.closed_at AS "closedAt"
FROM incidents i
JOIN teams t ON t.id = i.team_id;

CREATE OR REPLACE VIEW audit_event_view AS
SELECT a.id, a.action, a.severity, a.user_id AS "userId", a.team_id AS "teamId", a.resource_type AS "resourceType",
       a.resource_id AS "resourceId", a.metadata, a.ip_address AS "ipAddress", a.user_agent AS "userAgent",
       a.created_at AS "createdAt"
FROM audit_events a;

-- webhookAuth is the AES-GCM ciphertext; RunbookDefinitions masks it before anything leaves Runwire.
CREATE OR REPLACE VIEW runbook_view AS
SELECT r.id, r.team_id AS "teamId", r.name, r.description, r.version, r.webhook_url AS "webhookUrl",
       r.webhook_method AS "webhookMethod", r.webhook_headers AS "webhookHeaders", r.webhook_auth AS "webhookAuth",
       r.parameters, r.payload_template AS "payloadTemplate", r.timeout_seconds AS "timeoutSeconds", r.retry,
       r.approval_status AS "approvalStatus", r.approved_by_id AS "approvedById", r.approved_at AS "approvedAt",
       r.created_by_id AS "createdById", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
       r.concurrency
FROM runbooks r
WHERE r.deleted_at IS NULL;

CREATE OR REPLACE VIEW runbook_version_view AS
SELECT v.runbook_id AS "runbookId", v.version, v.definition, v.changed_by_id AS "changedById",
       v.change_note AS "changeNote", v.created_at AS "createdAt"
FROM runbook_versions v;

-- parameters hold write-only values as {"$secret": "<ciphertext>"}; RunbookExecutions masks them.
CREATE OR REPLACE VIEW runbook_execution_view AS
SELECT e.id, e.runbook_id AS "runbookId", e.runbook_version AS "runbookVersion",
       jsonb_build_object('name', e.definition_snapshot ->> 'name',
                          'description', e.definition_snapshot ->> 'description') AS runbook,
       e.incident_id AS "incidentId", e.workflow_execution_id AS "workflowExecutionId",
       e.workflow_node_id AS "workflowNodeId", e.parameters, e.status, e.result, e.error, e.attempts,
       e.triggered_by AS "triggeredBy",
       CASE WHEN u.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name) END AS "executedBy",
       e.created_at AS "createdAt", e.started_at AS "startedAt", e.completed_at AS "completedAt",
       e.definition_snapshot -> 'concurrency' AS concurrency
FROM runbook_executions e
LEFT JOIN users u ON u.id = e.executed_by_id;

-- definition holds each webhook action's auth as AES-GCM ciphertext; WorkflowDefinitions masks it.
CREATE OR REPLACE VIEW workflow_view AS
SELECT w.id, w.team_id AS "teamId", w.name, w.description, w.version, w.enabled, w.definition,
       w.created_by_id AS "createdById", w.created_at AS "createdAt", w.updated_at AS "updatedAt"
FROM workflows w
WHERE w.deleted_at IS NULL;

CREATE OR REPLACE VIEW workflow_version_view AS
SELECT v.workflow_id AS "workflowId", v.version, v.definition, v.changed_by_id AS "changedById",
       v.change_note AS "changeNote", v.created_at AS "createdAt"
FROM workflow_versions v;

-- What a runbook's payload template sees of an incident ($incident, $team, $assignee), as the worker's claim
-- (runbook-execution-claim.sql) and a preview (runbook-preview-context.sql) read it: one definition for both.
CREATE OR REPLACE VIEW runbook_template_context AS
SELECT i.id AS incident_id,
       jsonb_build_object(
           'id', i.id, 'title', i.title, 'priority', i.priority, 'status', i.status, 'service', i.service,
           'metadata', i.metadata, 'createdAt', i.created_at, 'acknowledgedAt', i.acknowledged_at,
           'resolvedAt', i.resolved_at, 'teamName', t.name) AS incident,
       jsonb_build_object('id', t.id, 'name', t.name, 'slackChannel', t.slack_channel) AS team,
       CASE WHEN u.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', u.id, 'email', u.email, 'firstName', u.first_name,
                                    'lastName', u.last_name) END AS assignee
FROM incidents i
LEFT JOIN teams t ON t.id = i.team_id
LEFT JOIN users u ON u.id = i.assigned_user_id;
