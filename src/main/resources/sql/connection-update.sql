-- A name already taken by another of the team's connections of this kind: no row back (409).
UPDATE connections
SET name = :#name, base_url = :#baseUrl, email = :#email, secret = :#secret, updated_at = now()
WHERE id = :#${variable.connectionId}
  AND NOT EXISTS (SELECT 1 FROM connections o
                  WHERE o.id <> :#${variable.connectionId} AND o.kind = connections.kind AND o.name = :#name
                    AND o.team_id IS NOT DISTINCT FROM connections.team_id)
RETURNING id
