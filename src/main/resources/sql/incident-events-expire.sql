-- Dispatched events older than the days kept; undispatched ones stay until a dispatcher has taken them.
DELETE FROM incident_events
WHERE dispatched_at < now() - make_interval(days => CAST(:#${properties:runwire.workflows.dispatched-events-kept-days} AS integer))
