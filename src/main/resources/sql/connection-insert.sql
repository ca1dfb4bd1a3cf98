-- A name already taken among the team's (or the global) connections of this kind: no row back (409).
-- The id comes with the request: the secret is bound to it (SecretPlace.connectionSecret).
INSERT INTO connections (id, team_id, kind, name, base_url, email, secret, created_by_id)
VALUES (CAST(:#id AS uuid), CAST(:#teamId AS uuid), :#kind, :#name, :#baseUrl, :#email, :#secret, :#${exchangeProperty.principal.userId})
ON CONFLICT DO NOTHING
RETURNING id
