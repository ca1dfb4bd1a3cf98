SELECT v.*, count(*) OVER () AS total
FROM connection_view v
WHERE (CAST(:#${variable.teamFilter} AS uuid) IS NULL OR v."teamId" = :#${variable.teamFilter})
  AND (CAST(:#${variable.kindFilter} AS text) IS NULL OR v.kind = :#${variable.kindFilter})
ORDER BY v.kind, v.name, v.id
LIMIT :#${variable.page.limit} OFFSET :#${variable.page.offset}
