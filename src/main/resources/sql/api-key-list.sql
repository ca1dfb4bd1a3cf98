SELECT * FROM api_key_view WHERE "userId" = :#${variable.keyOwnerId} ORDER BY "createdAt" DESC
