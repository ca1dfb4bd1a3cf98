-- The signing secrets of the workflow's webhook node valid now, encrypted, the current one first: what its call is
-- signed with (RequestSigner). Null when the node signs nothing.
SELECT jsonb_agg(jsonb_build_object('id', s.id, 'secret', s.secret)
                 ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC)::text AS keys
FROM signing_secrets s
WHERE s.workflow_id = CAST(:#${variable.workflowId} AS uuid) AND s.node_id = :#${variable.workflowNodeId}
  AND (s.expires_at IS NULL OR s.expires_at > now())
