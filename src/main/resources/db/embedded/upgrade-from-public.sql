-- An earlier Runwire kept everything in schema public, owned by the superuser. Renaming the schema carries every
-- object, its data and Flyway's history along in one step; layout.sql then hands the objects to runwire_owner.
-- A schema runwire left empty by a start that failed before migrating goes first (RESTRICT: only when empty).
DROP SCHEMA IF EXISTS runwire RESTRICT;
ALTER SCHEMA public RENAME TO runwire;
CREATE SCHEMA public;
GRANT USAGE ON SCHEMA public TO PUBLIC;
