-- Replaces the definition with the workflow's next version, kept in its history too. Nothing happens when someone
-- else changed the workflow since it was read (no row back: 409).
WITH updated AS (
    UPDATE workflows
    SET name = :#name, description = :#description, definition = CAST(:#definition AS jsonb), enabled = :#enabled,
        version = version + 1, updated_at = now()
    WHERE id = :#${variable.workflowId} AND version = :#${variable.workflow[version]} AND deleted_at IS NULL
    RETURNING id, version, definition
), kept AS (
    INSERT INTO workflow_versions (workflow_id, version, definition, changed_by_id, change_note)
    SELECT id, version, definition, :#${exchangeProperty.principal.userId}, :#changeNote FROM updated
)
SELECT version FROM updated
