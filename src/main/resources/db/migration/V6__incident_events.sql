-- The workflow outbox (DESIGN §4 "Workflows", issue 10): what happened to an incident, written by the statement that
-- changed the incident, so a crash between the change and the workflows it starts loses nothing. The dispatcher
-- (routes/workflow-triggers.yaml) claims undispatched events under a lease and a claim token, and one statement
-- writes their workflow executions and marks them dispatched: an event starts its workflows once.
CREATE TABLE incident_events (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    incident_id   uuid NOT NULL REFERENCES incidents (id),
    team_id       uuid NOT NULL REFERENCES teams (id),
    kind          text NOT NULL CHECK (kind IN ('incident_created', 'state_changed', 'escalation', 'age')),
    -- an age event is for the one workflow whose threshold the incident passed; the other kinds are for all
    workflow_id   uuid REFERENCES workflows (id) ON DELETE CASCADE,
    -- {kind, incident, team, assignee} as they were at the event, with {from, to} for state_changed
    payload       jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz,
    claimed_by    text,
    claim_token   uuid,
    lease_until   timestamptz,
    -- how many claims it took; more than one means a dispatcher died or failed while holding it
    attempts      integer NOT NULL DEFAULT 0,
    CHECK ((kind = 'age') = (workflow_id IS NOT NULL))
);
CREATE INDEX incident_events_undispatched_idx ON incident_events (created_at) WHERE dispatched_at IS NULL;
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, created_at);

-- An age workflow fires once per incident: this row's key is taken by exactly one poll, on whichever node.
CREATE TABLE workflow_age_fired (
    workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    incident_id uuid NOT NULL REFERENCES incidents (id),
    fired_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow_id, incident_id)
);

-- An event's payload from the incident row as the statement left it (a data-modifying CTE's later steps cannot read
-- the row it wrote, only what it returned): the incident as payload templates see it (DESIGN §4), its team, its
-- assignee. One definition for every statement that raises an event.
CREATE FUNCTION incident_event_payload(event_kind text, i incidents) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
SELECT jsonb_build_object(
           'kind', event_kind,
           'incident', jsonb_build_object(
               'id', i.id, 'teamId', i.team_id, 'teamName', t.name, 'title', i.title, 'priority', i.priority,
               'status', i.status, 'service', i.service, 'metadata', i.metadata, 'assignedUserId', i.assigned_user_id,
               'createdAt', i.created_at, 'acknowledgedAt', i.acknowledged_at, 'resolvedAt', i.resolved_at,
               'closedAt', i.closed_at),
           'team', jsonb_build_object('id', t.id, 'name', t.name, 'slackChannel', t.slack_channel),
           'assignee', (SELECT jsonb_build_object('id', u.id, 'email', u.email, 'firstName', u.first_name,
                                                  'lastName', u.last_name)
                        FROM users u WHERE u.id = i.assigned_user_id))
FROM teams t
WHERE t.id = i.team_id
$$;
