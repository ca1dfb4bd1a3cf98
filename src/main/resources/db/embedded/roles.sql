-- The two logins of the least-privilege layout (README, "External PostgreSQL", asks an operator for the same).
-- Run by the embedded cluster's superuser at every start; trust authentication on loopback, so no passwords.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'runwire_owner') THEN
        CREATE ROLE runwire_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'runwire_app') THEN
        CREATE ROLE runwire_app LOGIN;
    END IF;
END
$$;

-- stated at every start, so a power given by hand does not outlive the next restart
ALTER ROLE runwire_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE runwire_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE runwire_owner SET search_path = runwire;
ALTER ROLE runwire_app SET search_path = runwire;
