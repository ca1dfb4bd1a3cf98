SELECT * FROM runbook_execution_view WHERE "incidentId" = :#${variable.incidentId} ORDER BY "createdAt" DESC, id DESC
