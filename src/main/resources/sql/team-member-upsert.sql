-- Adds the member or changes their role; says what the role was before (null when the user just joined).
WITH previous AS (
    SELECT role FROM team_members WHERE team_id = :#${variable.teamId} AND user_id = :#${variable.userId}
), upserted AS (
    INSERT INTO team_members (team_id, user_id, role)
    VALUES (:#${variable.teamId}, :#${variable.userId}, :#role)
    ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role
    RETURNING team_id, user_id, role
)
SELECT upserted.team_id AS "teamId", upserted.user_id AS "userId", upserted.role,
       (SELECT role FROM previous) AS "previousRole"
FROM upserted
