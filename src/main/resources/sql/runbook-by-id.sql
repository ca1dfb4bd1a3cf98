SELECT * FROM runbook_view WHERE id = :#${variable.runbookId}
