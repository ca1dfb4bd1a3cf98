-- What a payload template may use: the incident as it is now, its team and assignee, the workflow that started it.
SELECT jsonb_build_object(
           'id', i.id, 'title', i.title, 'priority', i.priority, 'status', i.status, 'service', i.service,
           'metadata', i.metadata, 'createdAt', i.created_at, 'acknowledgedAt', i.acknowledged_at,
           'resolvedAt', i.resolved_at, 'teamName', t.name)::text AS incident,
       jsonb_build_object('id', t.id, 'name', t.name, 'slackChannel', t.slack_channel)::text AS team,
       CASE WHEN u.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', u.id, 'email', u.email, 'firstName', u.first_name,
                                    'lastName', u.last_name)::text END AS assignee,
       CASE WHEN w.id IS NULL THEN NULL
            ELSE jsonb_build_object('id', w.id, 'name', w.name, 'executionId', we.id)::text END AS workflow
FROM runbook_executions e
LEFT JOIN incidents i ON i.id = e.incident_id
LEFT JOIN teams t ON t.id = i.team_id
LEFT JOIN users u ON u.id = i.assigned_user_id
LEFT JOIN workflow_executions we ON we.id = e.workflow_execution_id
LEFT JOIN workflows w ON w.id = we.workflow_id
WHERE e.id = CAST(:#${variable.executionId} AS uuid)
