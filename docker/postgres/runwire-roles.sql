-- Runwire's two logins, as README ("External PostgreSQL") asks of an operator. The postgres image runs this once,
-- on an empty data directory, as its superuser in database runwire; the passwords come from the environment.
\getenv owner_password RUNWIRE_DB_OWNER_PASSWORD
\getenv app_password RUNWIRE_DB_APP_PASSWORD

-- Flyway migrates as the owner of schema runwire; the service runs as a login that owns nothing
CREATE ROLE runwire_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE runwire_app LOGIN PASSWORD :'app_password';
CREATE SCHEMA runwire AUTHORIZATION runwire_owner;
ALTER ROLE runwire_owner SET search_path = runwire;
ALTER ROLE runwire_app SET search_path = runwire;

-- rows, sequences and functions of every table the owner's migrations create; Runwire itself then takes
-- UPDATE and DELETE on audit_events away again (append-only)
GRANT USAGE ON SCHEMA runwire TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT USAGE, SELECT ON SEQUENCES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT EXECUTE ON FUNCTIONS TO runwire_app;
