SELECT * FROM runbook_view
WHERE (CAST(:#${variable.teamFilter} AS uuid) IS NULL OR "teamId" = :#${variable.teamFilter})
  AND (CAST(:#${variable.statusFilter} AS text) IS NULL OR "approvalStatus" = :#${variable.statusFilter})
ORDER BY name, id
