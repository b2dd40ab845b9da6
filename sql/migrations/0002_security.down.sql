DROP VIEW IF EXISTS org_event_stats, org_section_availability, event_overview;
DROP FUNCTION IF EXISTS refresh_stats();
DROP MATERIALIZED VIEW IF EXISTS event_stats, section_availability;
DO $t$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'staff', 'users', 'venues', 'sections', 'seats',
                           'events', 'event_sections', 'ticket_tiers', 'orders', 'order_items',
                           'tickets', 'ticket_validations', 'payments', 'event_seats'] LOOP
    EXECUTE pg_catalog.format('DROP TRIGGER IF EXISTS %I ON %I', t || '_audit', t);
    EXECUTE pg_catalog.format('DROP POLICY IF EXISTS %I ON %I', t || '_org', t);
    EXECUTE pg_catalog.format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('REVOKE ALL ON %I FROM boxoffice_api, boxoffice_clerk, '
                              'boxoffice_supervisor, boxoffice_helpdesk', t);
  END LOOP;
END
$t$;
DROP POLICY IF EXISTS staff_self ON staff;
DROP POLICY IF EXISTS staff_org ON staff;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
DROP POLICY IF EXISTS audit_log_read ON audit_log;
DROP POLICY IF EXISTS audit_log_write ON audit_log;
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON audit_log FROM boxoffice_api, boxoffice_supervisor;
REVOKE ALL ON sections, event_sections, ticket_tiers, tickets, events, orders FROM boxoffice_report;
DROP FUNCTION IF EXISTS audit_row(), audit_log_append_only(), current_staff_role(), current_org_id();
DO $tmp$ BEGIN
  EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM boxoffice_report',
                            pg_catalog.current_database());
END $tmp$;
