-- Undo 0001. Roles stay if another database of the cluster still uses them.
DROP TABLE IF EXISTS audit_log, payments, event_seats, ticket_validations, tickets, order_items,
  orders, ticket_tiers, event_sections, events, seats, sections, venues, users, staff,
  organizations CASCADE;
DROP FUNCTION IF EXISTS touch_updated_at(), event_sections_capacity(), sections_capacity_follow();
DROP COLLATION IF EXISTS natural_sort;
DROP SCHEMA IF EXISTS ext CASCADE;
DO $db$ BEGIN
  EXECUTE pg_catalog.format('ALTER DATABASE %I RESET search_path', pg_catalog.current_database());
  EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM boxoffice_staff', pg_catalog.current_database());
  EXECUTE pg_catalog.format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO PUBLIC', pg_catalog.current_database());
END $db$;
GRANT USAGE ON SCHEMA public TO PUBLIC;
REVOKE ALL ON SCHEMA public FROM boxoffice_owner, boxoffice_api, boxoffice_report, boxoffice_staff;
DO $roles$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['boxoffice_helpdesk', 'boxoffice_supervisor', 'boxoffice_clerk',
                           'boxoffice_staff', 'boxoffice_report', 'boxoffice_api',
                           'boxoffice_owner'] LOOP
    BEGIN
      EXECUTE pg_catalog.format('DROP ROLE IF EXISTS %I', r);
    EXCEPTION WHEN dependent_objects_still_exist THEN
      RAISE NOTICE 'role % kept: still used elsewhere in the cluster', r;
    END;
  END LOOP;
END
$roles$;
