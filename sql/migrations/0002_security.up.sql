-- 0002 security: the organisation of the caller, row-level security on every tenant
-- table, the audit trail, grants, and the reporting views (DESIGN.md §3 "Security").
SET LOCAL search_path = public, ext;
SET LOCAL ROLE boxoffice_owner;

-- The caller's organisation, read by session_user: SET ROLE cannot change it and no
-- setting a client can forge is consulted. NULL (sees nothing) for a non-staff login.
-- Definer so it can read staff whatever the caller's grants; staff's policy for the
-- owner (staff_self) does not call back into this function, so there is no recursion.
CREATE FUNCTION current_org_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.organization_id FROM public.staff s
   WHERE s.login_role = session_user AND NOT s.deleted
$$;

-- The caller's staff role, for functions that allow some roles more than others.
CREATE FUNCTION current_staff_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.staff_role FROM public.staff s
   WHERE s.login_role = session_user AND NOT s.deleted
$$;

-- Every tenant table: enabled and forced, one policy on organization_id.
DO $rls$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'users', 'venues', 'sections', 'seats',
                           'events', 'event_sections', 'ticket_tiers', 'orders', 'order_items',
                           'tickets', 'ticket_validations', 'event_seats', 'payments'] LOOP
    EXECUTE pg_catalog.format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY %I ON %I USING (organization_id = (SELECT current_org_id())) '
      'WITH CHECK (organization_id = (SELECT current_org_id()))', t || '_org', t);
  END LOOP;
END
$rls$;

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_self ON staff FOR SELECT USING (login_role = session_user);
CREATE POLICY staff_org ON staff FOR SELECT
    TO boxoffice_api, boxoffice_staff USING (organization_id = (SELECT current_org_id()));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
    USING (organization_id = (SELECT current_org_id()));
-- Only the audit trigger (running as the owner) writes; it records what happened,
-- also when a superuser loads data, so its check is not the caller's organisation.
CREATE POLICY audit_log_write ON audit_log FOR INSERT TO boxoffice_owner WITH CHECK (true);

CREATE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN pg_catalog.to_jsonb(OLD) END;
  v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN pg_catalog.to_jsonb(NEW) END;
  v_row jsonb := COALESCE(v_new, v_old);
BEGIN
  IF TG_OP = 'UPDATE' AND v_old - 'updated_at' = v_new - 'updated_at' THEN
    RETURN NULL;
  END IF;
  INSERT INTO public.audit_log (organization_id, table_name, row_id, action, before, after)
  VALUES ((v_row ->> 'organization_id')::uuid, TG_TABLE_NAME,
          COALESCE(v_row ->> 'id', v_row ->> 'seat_id')::uuid, TG_OP, v_old, v_new);
  RETURN NULL;
END $$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'BO005';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

DO $aud$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'staff', 'users', 'venues', 'sections', 'seats',
                           'events', 'event_sections', 'ticket_tiers', 'orders', 'order_items',
                           'tickets', 'ticket_validations', 'payments'] LOOP
    EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                              'FOR EACH ROW EXECUTE FUNCTION audit_row()', t || '_audit', t);
  END LOOP;
END
$aud$;
-- The inventory is created in bulk with each event (80,000 rows for a stadium):
-- its creation is implied by the event's; its changes of state are recorded.
CREATE TRIGGER event_seats_audit AFTER UPDATE OR DELETE ON event_seats
    FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Staff read their organisation's data; every write goes through the functions of 0003.
GRANT SELECT ON organizations, venues, sections, seats, events, event_sections, ticket_tiers,
                users, orders, order_items, tickets, ticket_validations, event_seats, staff
      TO boxoffice_clerk, boxoffice_supervisor;
GRANT SELECT ON payments TO boxoffice_clerk, boxoffice_supervisor;
GRANT SELECT ON audit_log TO boxoffice_supervisor;
-- Help desk: people and tickets, not payment details nor QR hashes.
GRANT SELECT ON organizations, venues, sections, seats, events, event_sections, ticket_tiers,
                users, order_items, ticket_validations, event_seats, staff TO boxoffice_helpdesk;
GRANT SELECT (id, organization_id, user_id, event_id, status, created_by, paid_at, created_at,
              updated_at, deleted) ON orders TO boxoffice_helpdesk;
GRANT SELECT (id, organization_id, order_id, event_id, ticket_tier_id, seat_id, status,
              scanned_at, cancelled_at, deleted, created_at, updated_at)
      ON tickets TO boxoffice_helpdesk;

-- The API role owns the definer functions; RLS applies to it too, so a function
-- called by a clerk of A touches rows of A only, whatever its arguments say.
GRANT SELECT ON organizations, staff, users, venues, sections, seats, events, event_sections,
                ticket_tiers, orders, order_items, tickets, ticket_validations, event_seats,
                payments TO boxoffice_api;
GRANT INSERT, UPDATE ON users, orders, order_items, tickets, ticket_validations, event_seats,
                        event_sections, payments, events, ticket_tiers TO boxoffice_api;
GRANT EXECUTE ON FUNCTION current_org_id(), current_staff_role()
      TO boxoffice_api, boxoffice_staff, boxoffice_report;
REVOKE EXECUTE ON FUNCTION touch_updated_at(), event_sections_capacity(),
       sections_capacity_follow(), audit_row(), audit_log_append_only() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION current_org_id(), current_staff_role() FROM PUBLIC;

-- The box-office's event list: security_invoker, so the caller's RLS applies.
CREATE VIEW event_overview WITH (security_invoker = true) AS
SELECT e.id AS event_id, e.organization_id, e.title, e.start_time, e.status,
       v.name AS venue_name,
       COALESCE(cap.seats_total, 0)::bigint AS seats_total,
       COALESCE(cap.seats_left, 0)::bigint AS seats_left
  FROM events e
  JOIN venues v ON v.id = e.venue_id
  LEFT JOIN LATERAL (
        SELECT sum(CASE WHEN s.type = 'GENERAL' THEN es.capacity ELSE inv.total END) AS seats_total,
               sum(CASE WHEN s.type = 'GENERAL' THEN es.capacity - es.sold - es.held
                        ELSE inv.free END) AS seats_left
          FROM event_sections es
          JOIN sections s ON s.id = es.section_id AND NOT s.deleted
          LEFT JOIN LATERAL (
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE i.status = 'AVAILABLE'
                                           OR (i.status = 'HELD' AND i.hold_expires_at < now())) AS free
                  FROM event_seats i JOIN seats st ON st.id = i.seat_id
                 WHERE i.event_id = e.id AND st.section_id = s.id AND s.type = 'NUMBERED'
          ) inv ON true
         WHERE es.event_id = e.id AND es.is_active
  ) cap ON true
 WHERE NOT e.deleted;
GRANT SELECT ON event_overview TO boxoffice_staff;

RESET ROLE;

-- Materialized views (the spec's two, corrected: see sql/README.md). Owned by
-- boxoffice_report, the one role that may read across organisations, so a refresh
-- sees every organisation; nothing is granted on them.
GRANT SELECT ON sections, event_sections, ticket_tiers, tickets, events, orders TO boxoffice_report;
-- REFRESH … CONCURRENTLY diffs through a temporary table.
DO $tmp$ BEGIN
  EXECUTE pg_catalog.format('GRANT TEMPORARY ON DATABASE %I TO boxoffice_report',
                            pg_catalog.current_database());
END $tmp$;

CREATE MATERIALIZED VIEW section_availability AS
SELECT
    s.id AS section_id,
    es.event_id,
    s.organization_id,
    s.name AS section_name,
    s.venue_id,
    s.type AS section_type,
    COALESCE(es.custom_capacity, s.capacity) AS total_capacity,
    COUNT(t.id) FILTER (WHERE t.status IN ('VALID', 'USED')) AS tickets_sold,
    (COALESCE(es.custom_capacity, s.capacity)
     - COUNT(t.id) FILTER (WHERE t.status IN ('VALID', 'USED'))) AS available
FROM sections s
JOIN event_sections es ON es.section_id = s.id
LEFT JOIN ticket_tiers tt ON tt.section_id = s.id AND tt.event_id = es.event_id
LEFT JOIN tickets t ON t.ticket_tier_id = tt.id
WHERE s.type = 'GENERAL'
  AND s.deleted = false
GROUP BY s.id, es.event_id, s.organization_id, s.name, s.venue_id, s.type, s.capacity,
         es.custom_capacity;
CREATE UNIQUE INDEX idx_section_availability_section ON section_availability (section_id, event_id);

CREATE MATERIALIZED VIEW event_stats AS
SELECT
    e.id AS event_id,
    e.organization_id,
    e.title,
    e.start_time,
    COUNT(o.id) AS total_orders,
    COALESCE(SUM(o.live_tickets), 0) AS tickets_sold,
    COALESCE(SUM(o.total_amount), 0) AS gross_revenue,
    COALESCE(SUM(o.platform_fee), 0) AS platform_fees,
    COALESCE(SUM(o.net_amount), 0) AS net_revenue,
    clock_timestamp() AS as_of
FROM events e
LEFT JOIN LATERAL (
    SELECT o.id, o.total_amount, o.platform_fee, o.net_amount,
           (SELECT count(*) FROM tickets t
             WHERE t.order_id = o.id AND t.status IN ('VALID', 'USED')) AS live_tickets
      FROM orders o
     WHERE o.event_id = e.id AND o.status = 'PAID'
) o ON true
WHERE e.deleted = false
GROUP BY e.id, e.organization_id, e.title, e.start_time;
CREATE UNIQUE INDEX idx_event_stats_event ON event_stats (event_id);

-- Refreshing needs the materialized views' owner; supervisors call this, never per order.
CREATE FUNCTION refresh_stats() RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.section_availability;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_stats;
  RETURN pg_catalog.clock_timestamp();
END $$;
REVOKE EXECUTE ON FUNCTION refresh_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_stats() TO boxoffice_supervisor;
REVOKE ALL ON section_availability, event_stats FROM PUBLIC;
ALTER MATERIALIZED VIEW section_availability OWNER TO boxoffice_report;
ALTER MATERIALIZED VIEW event_stats OWNER TO boxoffice_report;
ALTER FUNCTION refresh_stats() OWNER TO boxoffice_report;

-- Materialized views cannot have RLS: staff read them only through these
-- security-barrier views of their own organisation.
CREATE VIEW org_section_availability WITH (security_barrier = true) AS
SELECT * FROM section_availability WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_stats WITH (security_barrier = true) AS
SELECT * FROM event_stats WHERE organization_id = (SELECT current_org_id());
ALTER VIEW org_section_availability OWNER TO boxoffice_report;
ALTER VIEW org_event_stats OWNER TO boxoffice_report;
GRANT SELECT ON org_section_availability, org_event_stats TO boxoffice_staff;
