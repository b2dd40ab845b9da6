-- Undo 0009: back to 0007's statistics (views recomputed from the tables).
SET LOCAL search_path = public, ext;

DROP TRIGGER IF EXISTS tickets_stats_insert ON tickets;
DROP TRIGGER IF EXISTS tickets_stats_update ON tickets;
DROP TRIGGER IF EXISTS orders_stats_insert ON orders;
DROP TRIGGER IF EXISTS orders_stats_update ON orders;
DROP TRIGGER IF EXISTS payments_stats_insert ON payments;
DROP VIEW org_section_availability, org_event_stats, org_event_sales_hourly, org_event_sales_breakdown,
          org_event_admissions;
DROP MATERIALIZED VIEW section_availability, event_stats, event_sales_hourly, event_sales_breakdown,
                       event_admissions;
DROP FUNCTION stats_drift(), rebuild_stats(), _stats_fold(), _stats_recompute(), _stats_rollups(),
  stats_tickets_inserted(), stats_tickets_updated(), stats_orders_inserted(), stats_orders_updated(),
  stats_payments_inserted(), _stats_ticket_deltas(stats_ticket_change[]),
  _stats_order_deltas(stats_order_change[]);
DROP TYPE stats_ticket_change, stats_order_change;
DROP TABLE stats_deltas, stats_hourly, stats_payments, stats_admissions, stats_ga;

SET LOCAL ROLE boxoffice_owner;
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
CREATE MATERIALIZED VIEW event_sales_hourly AS
SELECT o.event_id, o.organization_id,
       pg_catalog.date_trunc('hour', o.paid_at, 'UTC') AS hour,
       count(*) AS orders,
       COALESCE(sum(t.n), 0)::bigint AS tickets,
       sum(o.total_amount) AS gross
  FROM orders o
  JOIN events e ON e.id = o.event_id AND NOT e.deleted
  LEFT JOIN (SELECT t.order_id, count(*) AS n FROM tickets t
              WHERE t.status IN ('VALID', 'USED') GROUP BY t.order_id) t ON t.order_id = o.id
 WHERE o.status = 'PAID'
 GROUP BY o.event_id, o.organization_id, pg_catalog.date_trunc('hour', o.paid_at, 'UTC');
CREATE UNIQUE INDEX idx_event_sales_hourly_event_hour ON event_sales_hourly (event_id, hour);

-- Money by payment method and clerk (the login that took the payment), paid orders.
CREATE MATERIALIZED VIEW event_sales_breakdown AS
SELECT o.event_id, o.organization_id, p.method, p.created_by AS clerk,
       count(DISTINCT p.order_id) AS orders,
       count(*) AS payments,
       sum(p.amount) AS amount
  FROM payments p
  JOIN orders o ON o.id = p.order_id
  JOIN events e ON e.id = o.event_id AND NOT e.deleted
 WHERE o.status = 'PAID'
 GROUP BY o.event_id, o.organization_id, p.method, p.created_by;
CREATE UNIQUE INDEX idx_event_sales_breakdown_key ON event_sales_breakdown (event_id, method, clerk);

-- Scanned in at the gate: live tickets, how many are USED, the last scan.
CREATE MATERIALIZED VIEW event_admissions AS
SELECT e.id AS event_id, e.organization_id,
       count(t.id) AS tickets_live,
       count(t.id) FILTER (WHERE t.status = 'USED') AS scanned,
       max(t.scanned_at) AS last_scan_at
  FROM events e
  LEFT JOIN tickets t ON t.event_id = e.id AND t.status IN ('VALID', 'USED')
 WHERE NOT e.deleted
 GROUP BY e.id, e.organization_id;
CREATE UNIQUE INDEX idx_event_admissions_event ON event_admissions (event_id);
CREATE VIEW org_section_availability WITH (security_barrier = true) AS
SELECT * FROM section_availability WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_stats WITH (security_barrier = true) AS
SELECT * FROM event_stats WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_sales_hourly WITH (security_barrier = true) AS
SELECT * FROM event_sales_hourly WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_sales_breakdown WITH (security_barrier = true) AS
SELECT * FROM event_sales_breakdown WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_admissions WITH (security_barrier = true) AS
SELECT * FROM event_admissions WHERE organization_id = (SELECT current_org_id());
RESET ROLE;
DO $own$
DECLARE v text;
BEGIN
  FOREACH v IN ARRAY ARRAY['section_availability', 'event_stats', 'event_sales_hourly',
                           'event_sales_breakdown', 'event_admissions'] LOOP
    EXECUTE pg_catalog.format('ALTER MATERIALIZED VIEW %I OWNER TO boxoffice_report', v);
    EXECUTE pg_catalog.format('ALTER VIEW %I OWNER TO boxoffice_report', 'org_' || v);
  END LOOP;
END
$own$;
REVOKE ALL ON section_availability, event_stats, event_sales_hourly, event_sales_breakdown,
              event_admissions FROM PUBLIC;
GRANT SELECT ON org_section_availability, org_event_stats, org_event_sales_hourly, org_event_admissions
      TO boxoffice_staff;
GRANT SELECT ON org_event_sales_breakdown TO boxoffice_supervisor;

-- 0007's refresh_stats (no fold)
CREATE OR REPLACE FUNCTION refresh_stats(p_min_seconds integer DEFAULT 2) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_last record;
  v_start timestamptz;
BEGIN
  IF p_min_seconds IS NULL OR p_min_seconds NOT BETWEEN 1 AND 3600 THEN
    RAISE EXCEPTION 'refresh at most every 1 to 3600 seconds, not %', p_min_seconds
      USING ERRCODE = 'BO008';
  END IF;
  FOR i IN 1..2 LOOP
    SELECT r.refreshed_at, r.finished_at INTO v_last FROM public.stats_refresh r;
    IF pg_catalog.clock_timestamp() < v_last.finished_at
         + GREATEST(pg_catalog.make_interval(secs => p_min_seconds),
                    4 * (v_last.finished_at - v_last.refreshed_at)) THEN
      RETURN v_last.refreshed_at;
    END IF;
    -- the second look, under the lock: someone may have finished in between
    EXIT WHEN i = 2;
    IF NOT pg_catalog.pg_try_advisory_xact_lock(4242007) THEN
      RETURN v_last.refreshed_at;
    END IF;
  END LOOP;
  v_start := pg_catalog.clock_timestamp();
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.section_availability;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_stats;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_sales_hourly;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_sales_breakdown;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_admissions;
  UPDATE public.stats_refresh
     SET refreshed_at = v_start, finished_at = pg_catalog.clock_timestamp(), refreshed_by = session_user;
  RETURN v_start;
END $$;
REVOKE EXECUTE ON FUNCTION refresh_stats(integer) FROM PUBLIC;
