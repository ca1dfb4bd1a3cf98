SELECT v.*,
       coalesce((SELECT json_agg(m ORDER BY m.email)
                 FROM (SELECT "userId", role, email, "firstName", "lastName", "addedAt"
                       FROM team_member_view WHERE "teamId" = v.id) m), '[]') AS members
FROM team_view v
WHERE v.id = :#${variable.teamId}
