SELECT * FROM runbook_execution_view WHERE id = :#${variable.executionId}
