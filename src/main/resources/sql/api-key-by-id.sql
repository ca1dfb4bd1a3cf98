SELECT * FROM api_key_view WHERE id = :#${variable.keyId}
