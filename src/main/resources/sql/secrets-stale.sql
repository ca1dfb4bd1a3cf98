-- One page of the rows that hold a secret not yet bound to its place under the key that encrypts (a v1 ciphertext,
-- or a v2 one under an older key), after (:#afterTable, :#afterId), for SecretReencryption. Each row: its table, its
-- id, the id its secrets are bound to (owner), and its secret-holding columns as one jsonb object.
WITH current_key AS (SELECT 'v2:' || CAST(:#${variable.reencryption.keyId} AS text) || ':' AS prefix),
workflow_definitions AS (
    SELECT 'workflows' AS "table", id, id AS owner, 'definition' AS "column", definition FROM workflows
    UNION ALL
    SELECT 'workflow_versions', id, workflow_id, 'definition', definition FROM workflow_versions
    UNION ALL
    SELECT 'workflow_executions', id, workflow_id, 'definition_snapshot', definition_snapshot FROM workflow_executions
),
stale AS (
    SELECT 'runbooks' AS "table", r.id, r.id AS owner, jsonb_build_object('webhook_auth', r.webhook_auth) AS "columns"
    FROM runbooks r, current_key k
    WHERE r.webhook_auth IS NOT NULL AND NOT starts_with(r.webhook_auth, k.prefix)
    UNION ALL
    SELECT 'connections', c.id, c.id, jsonb_build_object('secret', c.secret)
    FROM connections c, current_key k
    WHERE NOT starts_with(c.secret, k.prefix)
    UNION ALL
    SELECT 'signing_secrets', g.id, g.id, jsonb_build_object('secret', g.secret)
    FROM signing_secrets g, current_key k
    WHERE NOT starts_with(g.secret, k.prefix)
    UNION ALL
    SELECT 'runbook_versions', v.id, v.runbook_id, jsonb_build_object('definition', v.definition)
    FROM runbook_versions v, current_key k
    WHERE jsonb_typeof(v.definition -> 'webhookAuth') = 'string'
      AND NOT starts_with(v.definition ->> 'webhookAuth', k.prefix)
    UNION ALL
    SELECT 'runbook_executions', e.id, e.runbook_id,
           jsonb_build_object('definition_snapshot', e.definition_snapshot, 'parameters', e.parameters)
    FROM runbook_executions e, current_key k
    WHERE (jsonb_typeof(e.definition_snapshot -> 'webhookAuth') = 'string'
           AND NOT starts_with(e.definition_snapshot ->> 'webhookAuth', k.prefix))
       OR (jsonb_typeof(e.parameters -> '$secrets') = 'string'
           AND NOT starts_with(e.parameters ->> '$secrets', k.prefix))
    UNION ALL
    SELECT d."table", d.id, d.owner, jsonb_build_object(d."column", d.definition)
    FROM workflow_definitions d, current_key k
    WHERE jsonb_path_exists(d.definition,
              '$.nodes[*] ? (@.data.actionType == "webhook").data.config.auth'
              ' ? (@.type() == "string" && !(@ starts with $prefix))',
              jsonb_build_object('prefix', k.prefix))
)
SELECT s."table", s.id, s.owner, s."columns"::text AS "columns"
FROM stale s
WHERE (s."table", s.id) > (CAST(:#${variable.reencryption.afterTable} AS text),
                           CAST(:#${variable.reencryption.afterId} AS uuid))
ORDER BY s."table", s.id
LIMIT CAST(:#${variable.reencryption.pageSize} AS integer)
