SELECT * FROM incident_view WHERE id = :#${variable.incidentId}
