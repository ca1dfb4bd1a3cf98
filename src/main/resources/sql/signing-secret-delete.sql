-- Stops signing the owner's calls at once: every secret of it, the current one and those in a grace period, is
-- removed. Answers how many were.
WITH deleted AS (
    DELETE FROM signing_secrets s
    WHERE s.runbook_id = CAST(:#${variable.ownerRunbookId} AS uuid)
       OR (s.workflow_id = CAST(:#${variable.ownerWorkflowId} AS uuid) AND s.node_id = :#${variable.ownerNodeId})
    RETURNING s.id
)
SELECT count(*) AS deleted FROM deleted
