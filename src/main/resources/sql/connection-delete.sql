DELETE FROM connections WHERE id = :#${variable.connectionId}
