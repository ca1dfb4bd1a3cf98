SELECT r.rolname AS login, r.rolsuper AS superuser, r.rolcreaterole AS create_role, r.rolcreatedb AS create_db,
       EXISTS (SELECT FROM pg_class c
               WHERE c.relowner = r.oid AND c.relnamespace = to_regnamespace(current_schema())) AS owns_tables
FROM pg_roles r
WHERE r.rolname = current_user
