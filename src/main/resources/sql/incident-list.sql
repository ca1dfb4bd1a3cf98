SELECT v.*, count(*) OVER () AS total
FROM incident_view v
WHERE (CAST(:#${variable.teamFilter} AS uuid) IS NULL OR v."teamId" = :#${variable.teamFilter})
  AND (CAST(:#${variable.statusFilter} AS text) IS NULL OR v.status = :#${variable.statusFilter})
ORDER BY v."createdAt" DESC, v.id DESC
LIMIT :#${variable.page.limit} OFFSET :#${variable.page.offset}
