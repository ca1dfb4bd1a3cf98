INSERT INTO incidents (team_id, title, priority, service, metadata, assigned_user_id)
VALUES (:#${variable.teamId}, :#title, :#priority, :#service, coalesce(CAST(:#metadata AS jsonb), '{}'::jsonb),
        :#${variable.assigneeId})
RETURNING id
