SELECT * FROM runbook_version_view WHERE "runbookId" = :#${variable.runbookId} ORDER BY version DESC
