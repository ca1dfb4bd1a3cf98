-- A rotation: the current secret keeps signing for :#graceSeconds more, the new one signs from now on, and secrets
-- whose grace period has ended are removed. No row back: the owner has no current secret to rotate (409).
WITH owned AS (
    SELECT s.id, s.expires_at
    FROM signing_secrets s
    WHERE s.runbook_id = CAST(:#${variable.ownerRunbookId} AS uuid)
       OR (s.workflow_id = CAST(:#${variable.ownerWorkflowId} AS uuid) AND s.node_id = :#${variable.ownerNodeId})
), rotated AS (
    UPDATE signing_secrets s
    SET expires_at = now() + make_interval(secs => CAST(:#${variable.graceSeconds} AS double precision))
    FROM owned o
    -- on s, not o: a rotation that waited for another one's lock finds the secret rotated already, and inserts nothing
    WHERE s.id = o.id AND s.expires_at IS NULL
    RETURNING s.id
), purged AS (
    DELETE FROM signing_secrets s USING owned o WHERE s.id = o.id AND o.expires_at <= now()
)
INSERT INTO signing_secrets (id, runbook_id, workflow_id, node_id, secret, created_by_id)
SELECT CAST(:#${variable.generated.id} AS uuid), CAST(:#${variable.ownerRunbookId} AS uuid),
       CAST(:#${variable.ownerWorkflowId} AS uuid), :#${variable.ownerNodeId}, :#${variable.generated.ciphertext},
       :#${exchangeProperty.principal.userId}
FROM rotated
RETURNING id
