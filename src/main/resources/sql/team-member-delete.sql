DELETE FROM team_members
WHERE team_id = :#${variable.teamId} AND user_id = :#${variable.userId}
RETURNING user_id AS "userId", role AS "formerRole"
