SELECT v.*, count(*) OVER () AS total
FROM audit_event_view v
WHERE (CAST(:#${variable.auditScope[teamIds]} AS text) IS NULL
       OR v."teamId" = ANY (string_to_array(:#${variable.auditScope[teamIds]}, ',')::uuid[]))
  AND (CAST(:#${variable.auditFilter[action]} AS text) IS NULL OR v.action = :#${variable.auditFilter[action]})
  AND (CAST(:#${variable.auditFilter[resourceType]} AS text) IS NULL
       OR v."resourceType" = :#${variable.auditFilter[resourceType]})
  AND (CAST(:#${variable.auditFilter[resourceId]} AS text) IS NULL
       OR v."resourceId" = :#${variable.auditFilter[resourceId]})
  AND (CAST(:#${variable.auditFilter[since]} AS timestamptz) IS NULL
       OR v."createdAt" >= :#${variable.auditFilter[since]})
ORDER BY v."createdAt" DESC, v.id DESC
LIMIT :#${variable.page.limit} OFFSET :#${variable.page.offset}
