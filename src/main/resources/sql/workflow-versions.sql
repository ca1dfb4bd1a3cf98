SELECT * FROM workflow_version_view WHERE "workflowId" = :#${variable.workflowId} ORDER BY version DESC
