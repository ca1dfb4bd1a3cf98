SELECT * FROM user_view ORDER BY lower(email)
