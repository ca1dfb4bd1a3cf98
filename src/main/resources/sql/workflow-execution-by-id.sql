SELECT * FROM workflow_execution_view WHERE id = :#${variable.executionId}
