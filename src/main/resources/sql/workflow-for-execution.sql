-- A workflow as the manual trigger and the execution history need it: its team, version, state and trigger type.
SELECT w.id, w.team_id AS "teamId", w.name, w.version, w.enabled,
       w.definition -> 'trigger' ->> 'type' AS "triggerType"
FROM workflows w
WHERE w.id = :#${variable.workflowId} AND w.deleted_at IS NULL
