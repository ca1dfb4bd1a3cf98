-- The connection a node names: its workflow execution's team's, else a global one of that name.
SELECT id, kind, name, base_url AS "baseUrl", email, secret
FROM connections
WHERE kind = :kind AND name = :name AND (team_id = CAST(:teamId AS uuid) OR team_id IS NULL)
ORDER BY team_id NULLS LAST
LIMIT 1
