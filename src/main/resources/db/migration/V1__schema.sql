-- Runwire schema (DESIGN §3). Every table exists from the first release; later features fill them.

CREATE TABLE teams (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text NOT NULL CONSTRAINT teams_name_key UNIQUE CHECK (length(btrim(name)) > 0),
    slack_channel text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    first_name    text NOT NULL,
    last_name     text NOT NULL,
    platform_role text NOT NULL DEFAULT 'USER' CHECK (platform_role IN ('ADMIN', 'USER')),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE team_members (
    team_id    uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('TEAM_ADMIN', 'RESPONDER', 'OBSERVER')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    token_hash   text NOT NULL CONSTRAINT api_keys_token_hash_key UNIQUE,
    token_prefix text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

CREATE TABLE incidents (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id          uuid NOT NULL REFERENCES teams (id),
    title            text NOT NULL CHECK (length(btrim(title)) > 0),
    priority         text NOT NULL CHECK (priority IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO')),
    status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED')),
    service          text,
    metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
    assigned_user_id uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    acknowledged_at  timestamptz,
    resolved_at      timestamptz,
    closed_at        timestamptz
);
CREATE INDEX incidents_created_idx ON incidents (created_at DESC, id DESC);
CREATE INDEX incidents_team_status_created_idx ON incidents (team_id, status, created_at DESC);
CREATE INDEX incidents_status_created_idx ON incidents (status, created_at DESC);

CREATE TABLE runbooks (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id          uuid REFERENCES teams (id),
    name             text NOT NULL CHECK (length(btrim(name)) > 0),
    description      text,
    version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    webhook_url      text NOT NULL CHECK (webhook_url ~* '^https?://'),
    webhook_method   text NOT NULL DEFAULT 'POST' CHECK (webhook_method IN ('POST', 'PUT', 'PATCH')),
    webhook_headers  jsonb NOT NULL DEFAULT '{}'::jsonb,
    webhook_auth     text,                                   -- AES-GCM ciphertext of the auth settings
    parameters       jsonb NOT NULL DEFAULT '{"type": "object"}'::jsonb,
    payload_template text,
    timeout_seconds  integer NOT NULL DEFAULT 300 CHECK (timeout_seconds BETWEEN 1 AND 900),
    retry            jsonb,
    approval_status  text NOT NULL DEFAULT 'DRAFT' CHECK (approval_status IN ('DRAFT', 'APPROVED', 'DEPRECATED')),
    approved_by_id   uuid REFERENCES users (id),
    approved_at      timestamptz,
    created_by_id    uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz
);
CREATE INDEX runbooks_team_idx ON runbooks (team_id, name);

CREATE TABLE runbook_versions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    runbook_id    uuid NOT NULL REFERENCES runbooks (id) ON DELETE CASCADE,
    version       integer NOT NULL,
    definition    jsonb NOT NULL,
    changed_by_id uuid REFERENCES users (id),
    change_note   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT runbook_versions_runbook_version_key UNIQUE (runbook_id, version)
);

CREATE TABLE workflows (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id       uuid REFERENCES teams (id),
    name          text NOT NULL CHECK (length(btrim(name)) > 0),
    description   text,
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    definition    jsonb NOT NULL,
    enabled       boolean NOT NULL DEFAULT false,
    created_by_id uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX workflows_team_idx ON workflows (team_id, name);
CREATE INDEX workflows_enabled_idx ON workflows (enabled) WHERE enabled AND deleted_at IS NULL;

CREATE TABLE workflow_versions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id   uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    version       integer NOT NULL,
    definition    jsonb NOT NULL,
    changed_by_id uuid REFERENCES users (id),
    change_note   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT workflow_versions_workflow_version_key UNIQUE (workflow_id, version)
);

CREATE TABLE workflow_executions (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id         uuid NOT NULL REFERENCES workflows (id),
    workflow_version    integer NOT NULL,
    definition_snapshot jsonb NOT NULL,
    incident_id         uuid REFERENCES incidents (id),
    triggered_by        text NOT NULL CHECK (triggered_by IN ('event', 'manual')),
    trigger_event       jsonb,
    status              text NOT NULL DEFAULT 'PENDING'
                        CHECK (status IN ('PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    current_node_id     text,
    completed_nodes     jsonb NOT NULL DEFAULT '[]'::jsonb,
    resume_at           timestamptz,
    error               text,
    attempts            integer NOT NULL DEFAULT 0,
    claimed_by          text,
    lease_until         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    completed_at        timestamptz,
    failed_at           timestamptz
);
CREATE INDEX workflow_executions_incident_idx ON workflow_executions (incident_id, created_at DESC);
CREATE INDEX workflow_executions_workflow_idx ON workflow_executions (workflow_id, created_at DESC);
CREATE INDEX workflow_executions_open_idx ON workflow_executions (status, created_at)
    WHERE status IN ('PENDING', 'RUNNING', 'WAITING');

CREATE TABLE runbook_executions (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    runbook_id            uuid NOT NULL REFERENCES runbooks (id),
    runbook_version       integer NOT NULL,
    definition_snapshot   jsonb NOT NULL,
    incident_id           uuid REFERENCES incidents (id),
    workflow_execution_id uuid REFERENCES workflow_executions (id),
    workflow_node_id      text,
    parameters            jsonb NOT NULL DEFAULT '{}'::jsonb,
    status                text NOT NULL DEFAULT 'PENDING'
                          CHECK (status IN ('PENDING', 'RUNNING', 'SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED')),
    result                jsonb,
    error                 text,
    attempts              integer NOT NULL DEFAULT 0,
    max_attempts          integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    triggered_by          text NOT NULL CHECK (triggered_by IN ('manual', 'workflow')),
    executed_by_id        uuid REFERENCES users (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    started_at            timestamptz,
    completed_at          timestamptz,
    claimed_by            text,
    lease_until           timestamptz
);
CREATE INDEX runbook_executions_incident_idx ON runbook_executions (incident_id, created_at DESC);
CREATE INDEX runbook_executions_workflow_idx ON runbook_executions (workflow_execution_id);
CREATE INDEX runbook_executions_pending_idx ON runbook_executions (created_at) WHERE status = 'PENDING';
CREATE INDEX runbook_executions_running_idx ON runbook_executions (lease_until) WHERE status = 'RUNNING';

CREATE TABLE audit_events (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    action        text NOT NULL,
    user_id       uuid REFERENCES users (id),
    team_id       uuid REFERENCES teams (id),
    resource_type text,
    resource_id   text,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    ip_address    text,
    user_agent    text,
    severity      text NOT NULL DEFAULT 'INFO' CHECK (severity IN ('INFO', 'WARN', 'HIGH')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_created_idx ON audit_events (created_at DESC);
CREATE INDEX audit_events_team_created_idx ON audit_events (team_id, created_at DESC);
CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id, created_at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, created_at DESC);

-- Append-only: the application never updates or deletes an audit event, and the database refuses it too.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
