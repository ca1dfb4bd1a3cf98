-- Schema runwire, owned by runwire_owner (Flyway's login) with everything in it; runwire_app (the service's login)
-- owns nothing and may only read and write rows. Idempotent: run by the superuser at every start.
CREATE SCHEMA IF NOT EXISTS runwire AUTHORIZATION runwire_owner;
ALTER SCHEMA runwire OWNER TO runwire_owner;
REVOKE ALL ON SCHEMA runwire FROM PUBLIC;
GRANT USAGE ON SCHEMA runwire TO runwire_app;
-- PostgreSQL 14 lets every role create tables in public; 15 and later no longer do
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Objects created by someone else (the superuser, before the upgrade) pass to runwire_owner. Indexes, column
-- sequences and row types follow their table (multiranges do not follow their range on PostgreSQL 14); extension
-- members stay with their extension.
DO $$
DECLARE
    object record;
BEGIN
    FOR object IN
        SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
               format('runwire.%I', c.relname) AS name
        FROM pg_class c
        WHERE c.relnamespace = 'runwire'::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND c.relowner <> 'runwire_owner'::regrole
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
        UNION ALL
        SELECT 'ROUTINE', format('runwire.%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
        FROM pg_proc p
        WHERE p.pronamespace = 'runwire'::regnamespace
          AND p.proowner <> 'runwire_owner'::regrole
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('runwire.%I', t.typname)
        FROM pg_type t
        WHERE t.typnamespace = 'runwire'::regnamespace
          AND t.typowner <> 'runwire_owner'::regrole
          AND (t.typtype IN ('d', 'e', 'r', 'm')
               OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO runwire_owner', object.kind, object.name);
    END LOOP;
END
$$;

-- What the service may do: rows, sequences, functions. Default privileges cover what later migrations create;
-- granting on what exists at every start also covers objects someone else created (and this step handed over).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA runwire TO runwire_app;
-- audit is append-only (DESIGN §3); db/migration/afterMigrate.sql says the same after every migration
DO $$
BEGIN
    IF to_regclass('runwire.audit_events') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON runwire.audit_events FROM runwire_app;
    END IF;
END
$$;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA runwire TO runwire_app;
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA runwire TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT USAGE, SELECT ON SEQUENCES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT EXECUTE ON FUNCTIONS TO runwire_app;

-- Anyone else who logs in (psql as postgres, the reliability drill) finds Runwire's tables by their plain names.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = runwire, public', current_database());
END
$$;
