-- Issue 14: the secrets Runwire signs a runbook's calls, or a workflow webhook node's calls, with (Runwire-Signature).
-- A row belongs to a runbook, or to one webhook node of a workflow. expires_at null: the current secret (at most one
-- per owner); set: a rotated-out secret that still signs until then (the grace period), so a receiver can switch over.
-- secret: AES-GCM ciphertext bound to signing_secrets/<id>/secret; it never leaves Runwire after its creation.
CREATE TABLE signing_secrets (
    id            uuid PRIMARY KEY,
    runbook_id    uuid REFERENCES runbooks (id),
    workflow_id   uuid REFERENCES workflows (id),
    node_id       text,
    secret        text NOT NULL,
    created_by_id uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    CHECK ((runbook_id IS NOT NULL AND workflow_id IS NULL AND node_id IS NULL)
        OR (runbook_id IS NULL AND workflow_id IS NOT NULL AND node_id IS NOT NULL))
);
CREATE UNIQUE INDEX signing_secrets_current_runbook ON signing_secrets (runbook_id)
    WHERE runbook_id IS NOT NULL AND expires_at IS NULL;
CREATE UNIQUE INDEX signing_secrets_current_node ON signing_secrets (workflow_id, node_id)
    WHERE workflow_id IS NOT NULL AND expires_at IS NULL;
-- the claim of every runbook execution looks its runbook's secrets up here
CREATE INDEX signing_secrets_runbook ON signing_secrets (runbook_id) WHERE runbook_id IS NOT NULL;
CREATE INDEX signing_secrets_node ON signing_secrets (workflow_id, node_id) WHERE workflow_id IS NOT NULL;
