SELECT v.*,
       coalesce((SELECT json_agg(m ORDER BY m."teamName")
                 FROM (SELECT tm.team_id AS "teamId", t.name AS "teamName", tm.role
                       FROM team_members tm JOIN teams t ON t.id = tm.team_id
                       WHERE tm.user_id = v.id) m), '[]') AS memberships
FROM user_view v
WHERE v.id = :#${variable.userId}
