SELECT * FROM workflow_version_view
WHERE "workflowId" = :#${variable.workflowId} AND version = CAST(:#${variable.rollback[version]} AS integer)
