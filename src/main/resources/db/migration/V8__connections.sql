-- Issue 11: the Jira sites and Linear workspaces a team's (or, with team_id null, every team's) jira and linear
-- action nodes may name, and what each ticket-opening node has sent and created.

-- secret: AES-GCM ciphertext of the API token or key; ConnectionDefinitions masks it, it never leaves Runwire.
CREATE TABLE connections (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id       uuid REFERENCES teams (id),
    kind          text NOT NULL CHECK (kind IN ('jira', 'linear')),
    name          text NOT NULL CHECK (length(btrim(name)) > 0),
    base_url      text NOT NULL CHECK (base_url ~* '^https?://'),
    email         text,
    secret        text NOT NULL,
    created_by_id uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- one name per kind in a team, and one among the global ones
CREATE UNIQUE INDEX connections_name_key
    ON connections (kind, name, coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- A jira or linear node's ticket, kept apart from the step that records the node: sent_at is written before the
-- create request goes out, the issue once it is known. A re-run of the node (a retry, a resume after a crash) that
-- finds sent_at without an issue cannot know whether the first request made one, so it searches before creating.
-- marker: the Jira label, or the Linear issue id, that the search looks for.
CREATE TABLE ticket_actions (
    workflow_execution_id uuid NOT NULL,
    node_id               text NOT NULL,
    kind                  text NOT NULL CHECK (kind IN ('jira', 'linear')),
    marker                text NOT NULL,
    sent_at               timestamptz,
    issue_id              text,
    issue_key             text,
    issue_url             text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    completed_at          timestamptz,
    PRIMARY KEY (workflow_execution_id, node_id)
);

-- How the API shows a connection. Here, not in R__api_views.sql: a repeatable migration also runs on a database
-- migrated only up to an earlier version.
CREATE OR REPLACE VIEW connection_view AS
SELECT c.id, c.team_id AS "teamId", c.kind, c.name, c.base_url AS "baseUrl", c.email, c.secret,
       c.created_by_id AS "createdById", c.created_at AS "createdAt", c.updated_at AS "updatedAt"
FROM connections c;
