-- A new workflow at version 1, and version 1 in its history (every version of a workflow is kept there). The id is
-- chosen before the insert: the workflow's credentials are encrypted bound to it (SecretPlace).
WITH created AS (
    INSERT INTO workflows (id, team_id, name, description, definition, enabled, created_by_id)
    VALUES (:#${variable.newWorkflowId}, :#teamId, :#name, :#description, CAST(:#definition AS jsonb), :#enabled,
            :#${exchangeProperty.principal.userId})
    RETURNING id, version, definition
), kept AS (
    INSERT INTO workflow_versions (workflow_id, version, definition, changed_by_id, change_note)
    SELECT id, version, definition, :#${exchangeProperty.principal.userId}, :#changeNote FROM created
)
SELECT id FROM created
