-- Undo 0007: back to 0006 exactly (0002's refresh_stats(), 0003's event_seat_map()).
SET LOCAL search_path = public, ext;

DROP FUNCTION IF EXISTS stats_as_of(), refresh_stats(integer);
DROP VIEW IF EXISTS org_event_sales_hourly, org_event_sales_breakdown, org_event_admissions;
DROP MATERIALIZED VIEW IF EXISTS event_sales_hourly, event_sales_breakdown, event_admissions;
REVOKE SELECT ON payments FROM boxoffice_report;
DROP FUNCTION IF EXISTS event_live_stats(uuid),
  set_event_section(uuid, uuid, boolean, integer), publish_event(uuid), close_sales(uuid),
  delete_tier(uuid), kill_seats(uuid, uuid[], text), release_kills(uuid, uuid[]),
  hold_killed_seats(uuid, uuid, uuid[], integer), open_shift(numeric),
  close_shift(numeric, numeric), shift_report(uuid), sign_off_shift(uuid, text);
DROP TRIGGER IF EXISTS event_seats_kill_guard ON event_seats;
DROP FUNCTION IF EXISTS event_seats_kill_guard();
DROP TABLE IF EXISTS shifts, stats_refresh;
DROP INDEX IF EXISTS idx_payments_created_by;
ALTER TABLE event_seats DROP CONSTRAINT IF EXISTS event_seats_kill_shape;
ALTER TABLE staff DROP CONSTRAINT IF EXISTS staff_organization_id_login_role_key;

-- 0003's seat map (an expired hold reads AVAILABLE)
CREATE OR REPLACE FUNCTION event_seat_map(p_event_id uuid, p_section_id uuid DEFAULT NULL)
RETURNS TABLE (seat_id uuid, section_id uuid, row_label text, number_label text,
               x_position numeric, y_position numeric, is_accessible boolean, status text,
               hold_id uuid, held_by name, hold_expires_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.section_id, s.row_label, s.number_label, s.x_position, s.y_position,
         s.is_accessible,
         CASE WHEN i.status = 'HELD' AND i.hold_expires_at < pg_catalog.clock_timestamp()
              THEN 'AVAILABLE' ELSE i.status END,
         -- a hold's id is its sale's (the order id): only its own clerk sees it
         CASE WHEN i.hold_expires_at >= pg_catalog.clock_timestamp() AND i.held_by = session_user
              THEN i.hold_id END,
         CASE WHEN i.hold_expires_at >= pg_catalog.clock_timestamp() THEN i.held_by END,
         CASE WHEN i.hold_expires_at >= pg_catalog.clock_timestamp() THEN i.hold_expires_at END
    FROM public.event_seats i
    JOIN public.seats s ON s.id = i.seat_id
   WHERE i.event_id = p_event_id AND NOT s.deleted
     AND (p_section_id IS NULL OR s.section_id = p_section_id)
$$;

-- 0002's refresh_stats()
CREATE FUNCTION refresh_stats() RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.section_availability;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_stats;
  RETURN pg_catalog.clock_timestamp();
END $$;
REVOKE EXECUTE ON FUNCTION refresh_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_stats() TO boxoffice_supervisor;
ALTER FUNCTION refresh_stats() OWNER TO boxoffice_report;
