SELECT * FROM workflow_view WHERE id = :#${variable.workflowId}
