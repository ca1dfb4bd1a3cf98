INSERT INTO audit_events (action, user_id, team_id, resource_type, resource_id, metadata, ip_address, user_agent, severity)
VALUES (:action, :userId, :teamId, :resourceType, :resourceId, CAST(:metadata AS jsonb), :ipAddress, :userAgent, :severity)
