INSERT INTO users (email, first_name, last_name, platform_role)
VALUES (:email, 'Runwire', 'Admin', 'ADMIN')
ON CONFLICT (lower(email)) DO UPDATE SET platform_role = 'ADMIN', active = true
RETURNING id
