SELECT * FROM team_view ORDER BY name
