-- The owner's first signing secret, encrypted for its row (the id comes with it: SecretPlace.signingSecret). An owner
-- that has a current secret already meets the unique index: no row back (409).
INSERT INTO signing_secrets (id, runbook_id, workflow_id, node_id, secret, created_by_id)
VALUES (CAST(:#${variable.generated.id} AS uuid), CAST(:#${variable.ownerRunbookId} AS uuid),
        CAST(:#${variable.ownerWorkflowId} AS uuid), :#${variable.ownerNodeId}, :#${variable.generated.ciphertext},
        :#${exchangeProperty.principal.userId})
ON CONFLICT DO NOTHING
RETURNING id
