-- Flyway runs this after every migrate, as the migration login. Audit events are append-only (DESIGN §3): whoever
-- the owner granted table privileges to (by default privileges, or by hand) may add and read them, never change or
-- remove one. The trigger on audit_events refuses it too; this makes it a missing privilege before that.
DO $$
DECLARE
    grantee text;
BEGIN
    -- replicas migrating at the same moment take turns: concurrent REVOKEs on one table can fail
    PERFORM pg_advisory_xact_lock(hashtext('runwire audit_events privileges'));
    FOR grantee IN
        SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END  -- regrole quotes as needed
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = 'audit_events'::regclass
          AND a.grantee <> c.relowner
          AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %s', grantee);
    END LOOP;
END
$$;
