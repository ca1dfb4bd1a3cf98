SELECT v.*, count(*) OVER () AS total
FROM workflow_view v
WHERE (CAST(:#${variable.teamFilter} AS uuid) IS NULL OR v."teamId" = :#${variable.teamFilter})
  AND (CAST(:#${variable.enabledFilter} AS boolean) IS NULL OR v.enabled = :#${variable.enabledFilter})
ORDER BY v.name, v.id
LIMIT :#${variable.page.limit} OFFSET :#${variable.page.offset}
