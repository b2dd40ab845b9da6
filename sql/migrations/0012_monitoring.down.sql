-- Undo 0012. pg_stat_statements stays (0001 installed it). The role stays if another
-- database of the cluster still uses it.
SET LOCAL search_path = public, ext;
SET LOCAL client_min_messages = warning;

DROP FUNCTION IF EXISTS monitor_statements(integer), monitor_statements_unavailable(),
  monitor_indexes(), monitor_tables(), monitor_connections(),
  monitor_connection_alert(integer, integer);
REVOKE EXECUTE ON FUNCTION ext.pg_stat_statements(boolean) FROM boxoffice_monitor;
REVOKE USAGE ON SCHEMA public FROM boxoffice_monitor;
REVOKE USAGE ON SCHEMA ext FROM boxoffice_monitor;
DO $role$ BEGIN
  DROP ROLE IF EXISTS boxoffice_monitor;
EXCEPTION WHEN dependent_objects_still_exist THEN
  RAISE NOTICE 'role boxoffice_monitor kept: still used elsewhere in the cluster';
END $role$;
