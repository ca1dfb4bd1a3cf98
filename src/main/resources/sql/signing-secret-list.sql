-- The secrets that sign the owner's calls now (ids and dates; never the secret): the current one first, then those
-- rotated out whose grace period has not ended. Owner: a runbook (:#ownerRunbookId) or a workflow's webhook node.
SELECT s.id, s.created_at AS "createdAt", s.expires_at AS "expiresAt"
FROM signing_secrets s
WHERE (s.runbook_id = CAST(:#${variable.ownerRunbookId} AS uuid)
       OR (s.workflow_id = CAST(:#${variable.ownerWorkflowId} AS uuid) AND s.node_id = :#${variable.ownerNodeId}))
  AND (s.expires_at IS NULL OR s.expires_at > now())
ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC
