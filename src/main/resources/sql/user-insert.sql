INSERT INTO users (email, first_name, last_name, platform_role)
VALUES (:#email, :#firstName, :#lastName, coalesce(:#platformRole, 'USER'))
RETURNING id
