SELECT * FROM connection_view WHERE id = :#${variable.connectionId}
