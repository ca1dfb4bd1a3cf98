-- One page of re-encrypted rows (SecretReencryption: [{table, id, old, new}], old and new the row's secret-holding
-- columns), each written only while its columns still hold what was read: a row saved meanwhile keeps what it got
-- (encrypted under the first key already). One change per row, so no row is updated twice here. Answers how many
-- rows changed.
WITH change AS (
    SELECT c."table", c.id, c.old, c.new
    FROM jsonb_to_recordset(CAST(:#${variable.reencryptionChanges} AS jsonb))
         AS c("table" text, id uuid, old jsonb, new jsonb)
), runbooks_changed AS (
    UPDATE runbooks t SET webhook_auth = c.new ->> 'webhook_auth'
    FROM change c
    WHERE c."table" = 'runbooks' AND t.id = c.id AND t.webhook_auth = c.old ->> 'webhook_auth'
    RETURNING t.id
), connections_changed AS (
    UPDATE connections t SET secret = c.new ->> 'secret'
    FROM change c
    WHERE c."table" = 'connections' AND t.id = c.id AND t.secret = c.old ->> 'secret'
    RETURNING t.id
), signing_secrets_changed AS (
    UPDATE signing_secrets t SET secret = c.new ->> 'secret'
    FROM change c
    WHERE c."table" = 'signing_secrets' AND t.id = c.id AND t.secret = c.old ->> 'secret'
    RETURNING t.id
), runbook_versions_changed AS (
    UPDATE runbook_versions t SET definition = c.new -> 'definition'
    FROM change c
    WHERE c."table" = 'runbook_versions' AND t.id = c.id AND t.definition = c.old -> 'definition'
    RETURNING t.id
), runbook_executions_changed AS (
    UPDATE runbook_executions t
    SET definition_snapshot = c.new -> 'definition_snapshot', parameters = c.new -> 'parameters'
    FROM change c
    WHERE c."table" = 'runbook_executions' AND t.id = c.id
      AND t.definition_snapshot = c.old -> 'definition_snapshot' AND t.parameters = c.old -> 'parameters'
    RETURNING t.id
), workflows_changed AS (
    UPDATE workflows t SET definition = c.new -> 'definition'
    FROM change c
    WHERE c."table" = 'workflows' AND t.id = c.id AND t.definition = c.old -> 'definition'
    RETURNING t.id
), workflow_versions_changed AS (
    UPDATE workflow_versions t SET definition = c.new -> 'definition'
    FROM change c
    WHERE c."table" = 'workflow_versions' AND t.id = c.id AND t.definition = c.old -> 'definition'
    RETURNING t.id
), workflow_executions_changed AS (
    UPDATE workflow_executions t SET definition_snapshot = c.new -> 'definition_snapshot'
    FROM change c
    WHERE c."table" = 'workflow_executions' AND t.id = c.id AND t.definition_snapshot = c.old -> 'definition_snapshot'
    RETURNING t.id
)
SELECT (SELECT count(*) FROM runbooks_changed) + (SELECT count(*) FROM connections_changed)
           + (SELECT count(*) FROM signing_secrets_changed)
           + (SELECT count(*) FROM runbook_versions_changed)
           + (SELECT count(*) FROM runbook_executions_changed) + (SELECT count(*) FROM workflows_changed)
           + (SELECT count(*) FROM workflow_versions_changed) + (SELECT count(*) FROM workflow_executions_changed)
       AS changed
