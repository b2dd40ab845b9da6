-- 0009 statistics kept as running totals: refresh_stats() costs what changed since the
-- last refresh, not the size of the event (0007 recomputed five views over every ticket:
-- 2.2-4.8 s for an event of 1,000,000 tickets; the goal is under 1 s).
--
-- How: statement-level triggers on tickets, orders and payments append signed deltas
-- to stats_deltas inside the transaction that makes the change (append-only, so no
-- two sales ever wait for each other on a counter row; a rolled-back sale leaves no
-- delta). refresh_stats() folds the committed deltas into four rollup tables and
-- refreshes the materialized views, which are now small views over those rollups with
-- the same names and columns as before. rebuild_stats() recomputes the rollups from
-- the tables (after a bulk load with triggers off); stats_drift() lists every figure
-- where the rollups and a recomputation disagree (tests; monitoring).
SET LOCAL search_path = public, ext;
SET LOCAL ROLE boxoffice_owner;

-- Signed changes; kind says which rollup: H hourly (paid orders), B payments by method
-- and clerk (paid orders), A admissions (live and scanned tickets), G general admission
-- tickets per section.
CREATE TABLE stats_deltas (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            "char" NOT NULL CHECK (kind IN ('H', 'B', 'A', 'G')),
    event_id        uuid NOT NULL,
    organization_id uuid NOT NULL,
    hour            timestamptz,
    method          text,
    clerk           name,
    section_id      uuid,
    orders          integer NOT NULL DEFAULT 0,
    tickets         integer NOT NULL DEFAULT 0,
    payments        integer NOT NULL DEFAULT 0,
    gross           numeric(14, 2) NOT NULL DEFAULT 0,
    fees            numeric(14, 2) NOT NULL DEFAULT 0,
    net             numeric(14, 2) NOT NULL DEFAULT 0,
    amount          numeric(14, 2) NOT NULL DEFAULT 0,
    used            integer NOT NULL DEFAULT 0,
    last_scan_at    timestamptz
);

CREATE TABLE stats_hourly (
    event_id        uuid NOT NULL,
    hour            timestamptz NOT NULL,
    organization_id uuid NOT NULL,
    orders          bigint NOT NULL,
    tickets         bigint NOT NULL,
    gross           numeric(14, 2) NOT NULL,
    fees            numeric(14, 2) NOT NULL,
    net             numeric(14, 2) NOT NULL,
    PRIMARY KEY (event_id, hour)
);
CREATE TABLE stats_payments (
    event_id        uuid NOT NULL,
    method          text NOT NULL,
    clerk           name NOT NULL,
    organization_id uuid NOT NULL,
    orders          bigint NOT NULL,
    payments        bigint NOT NULL,
    amount          numeric(14, 2) NOT NULL,
    PRIMARY KEY (event_id, method, clerk)
);
CREATE TABLE stats_admissions (
    event_id        uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    tickets_live    bigint NOT NULL,
    scanned         bigint NOT NULL,
    last_scan_at    timestamptz
);
CREATE TABLE stats_ga (
    event_id        uuid NOT NULL,
    section_id      uuid NOT NULL,
    organization_id uuid NOT NULL,
    tickets_sold    bigint NOT NULL,
    PRIMARY KEY (event_id, section_id)
);
RESET ROLE;

-- Not tenant tables: only boxoffice_report (which bypasses RLS, owns the views and the
-- functions below) reads or writes them; RLS forced with no policy keeps everyone else out.
DO $rls$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stats_deltas', 'stats_hourly', 'stats_payments', 'stats_admissions',
                           'stats_ga'] LOOP
    EXECUTE pg_catalog.format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('REVOKE ALL ON %I FROM PUBLIC', t);
    EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %I TO boxoffice_report', t);
  END LOOP;
END
$rls$;
GRANT SELECT ON ticket_tiers, sections, orders, tickets, payments, events, event_sections
      TO boxoffice_report;

-- ---------------------------------------------------------------------------
-- Deltas
-- ---------------------------------------------------------------------------

-- One changed ticket, one changed order: what the trigger functions hand to the two
-- functions that turn changes into deltas (one place for each rule).
SET LOCAL ROLE boxoffice_owner;
CREATE TYPE stats_ticket_change AS (event_id uuid, organization_id uuid, order_id uuid,
                                    ticket_tier_id uuid, live integer, used integer,
                                    scanned_at timestamptz);
CREATE TYPE stats_order_change AS (id uuid, event_id uuid, organization_id uuid, paid_at timestamptz,
                                   total numeric, fee numeric, net numeric, sign integer);
RESET ROLE;

-- Tickets: live (VALID, USED) and used counts per event, per GA section, and per paid
-- order's hour (a pending order's tickets count when the order is paid, below).
CREATE FUNCTION _stats_ticket_deltas(p_changes stats_ticket_change[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH d AS (SELECT * FROM pg_catalog.unnest(p_changes)),
  a AS (
    INSERT INTO public.stats_deltas (kind, event_id, organization_id, tickets, used, last_scan_at)
    SELECT 'A', d.event_id, d.organization_id, sum(d.live), sum(d.used), max(d.scanned_at)
      FROM d GROUP BY d.event_id, d.organization_id
    HAVING sum(d.live) <> 0 OR sum(d.used) <> 0 OR max(d.scanned_at) IS NOT NULL
  ), g AS (
    INSERT INTO public.stats_deltas (kind, event_id, organization_id, section_id, tickets)
    SELECT 'G', d.event_id, d.organization_id, tt.section_id, sum(d.live)
      FROM d
      JOIN public.ticket_tiers tt ON tt.id = d.ticket_tier_id
      JOIN public.sections s ON s.id = tt.section_id AND s.type = 'GENERAL'
     GROUP BY d.event_id, d.organization_id, tt.section_id HAVING sum(d.live) <> 0
  )
  INSERT INTO public.stats_deltas (kind, event_id, organization_id, hour, tickets)
  SELECT 'H', d.event_id, d.organization_id, pg_catalog.date_trunc('hour', o.paid_at, 'UTC'), sum(d.live)
    FROM d JOIN public.orders o ON o.id = d.order_id AND o.status = 'PAID'
   GROUP BY d.event_id, d.organization_id, pg_catalog.date_trunc('hour', o.paid_at, 'UTC')
  HAVING sum(d.live) <> 0
$$;

-- Orders becoming PAID (sign 1) or leaving it (-1: cancelled): the order, its live
-- tickets and its payments join or leave the figures.
CREATE FUNCTION _stats_order_deltas(p_changes stats_order_change[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH d AS (SELECT * FROM pg_catalog.unnest(p_changes)),
  h AS (
    INSERT INTO public.stats_deltas (kind, event_id, organization_id, hour, orders, tickets, gross, fees, net)
    SELECT 'H', d.event_id, d.organization_id, pg_catalog.date_trunc('hour', d.paid_at, 'UTC'),
           sum(d.sign), sum(d.sign * (SELECT count(*) FROM public.tickets t
                                       WHERE t.order_id = d.id AND t.status IN ('VALID', 'USED'))),
           sum(d.sign * d.total), sum(d.sign * d.fee), sum(d.sign * d.net)
      FROM d GROUP BY d.event_id, d.organization_id, pg_catalog.date_trunc('hour', d.paid_at, 'UTC')
  )
  INSERT INTO public.stats_deltas (kind, event_id, organization_id, method, clerk, orders, payments, amount)
  SELECT 'B', d.event_id, d.organization_id, p.method, p.created_by,
         COALESCE(sum(d.sign) FILTER (WHERE p.first), 0), sum(d.sign), sum(d.sign * p.amount)
    FROM d
    JOIN (SELECT p.order_id, p.method, p.created_by, p.amount,
                 pg_catalog.row_number() OVER (PARTITION BY p.order_id, p.method, p.created_by) = 1 AS first
            FROM public.payments p WHERE p.order_id IN (SELECT d.id FROM d)) p ON p.order_id = d.id
   GROUP BY d.event_id, d.organization_id, p.method, p.created_by
$$;

CREATE FUNCTION stats_tickets_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM public._stats_ticket_deltas(ARRAY(
    SELECT ROW(n.event_id, n.organization_id, n.order_id, n.ticket_tier_id,
               (n.status IN ('VALID', 'USED'))::integer, (n.status = 'USED')::integer,
               n.scanned_at)::public.stats_ticket_change
      FROM new_rows n));
  RETURN NULL;
END $$;

CREATE FUNCTION stats_tickets_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- most updates (reprints, prints) change no status: nothing to count
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.status <> o.status) THEN
    PERFORM public._stats_ticket_deltas(ARRAY(
      SELECT ROW(n.event_id, n.organization_id, n.order_id, n.ticket_tier_id,
                 (n.status IN ('VALID', 'USED'))::integer - (o.status IN ('VALID', 'USED'))::integer,
                 (n.status = 'USED')::integer - (o.status = 'USED')::integer,
                 CASE WHEN n.status = 'USED' AND o.status <> 'USED' THEN n.scanned_at END
                 )::public.stats_ticket_change
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.status <> o.status));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION stats_orders_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n WHERE n.status = 'PAID') THEN
    PERFORM public._stats_order_deltas(ARRAY(
      SELECT ROW(n.id, n.event_id, n.organization_id, n.paid_at, n.total_amount, n.platform_fee,
                 n.net_amount, 1)::public.stats_order_change
        FROM new_rows n WHERE n.status = 'PAID'));
  END IF;
  RETURN NULL;
END $$;

-- An order leaving PAID takes its old figures out (-1), one becoming PAID puts its new
-- ones in (+1); a paid order whose time or amounts change does both.
CREATE FUNCTION stats_orders_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.status = 'PAID' OR o.status = 'PAID')
                AND (n.status, n.paid_at, n.total_amount, n.platform_fee, n.net_amount, n.event_id)
                    IS DISTINCT FROM
                    (o.status, o.paid_at, o.total_amount, o.platform_fee, o.net_amount, o.event_id)) THEN
    PERFORM public._stats_order_deltas(ARRAY(
      SELECT ROW(c.id, c.event_id, c.organization_id, c.paid_at, c.total_amount, c.platform_fee,
                 c.net_amount, c.sign)::public.stats_order_change
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       CROSS JOIN LATERAL (SELECT o.*, -1 AS sign WHERE o.status = 'PAID'
                           UNION ALL
                           SELECT n.*, 1 WHERE n.status = 'PAID') c
       WHERE (n.status, n.paid_at, n.total_amount, n.platform_fee, n.net_amount, n.event_id)
             IS DISTINCT FROM
             (o.status, o.paid_at, o.total_amount, o.platform_fee, o.net_amount, o.event_id)));
  END IF;
  RETURN NULL;
END $$;

-- A payment added to an order that is already paid (the sale's own payments come
-- before the order is paid and are counted with it, above).
CREATE FUNCTION stats_payments_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.stats_deltas (kind, event_id, organization_id, method, clerk, orders, payments, amount)
  SELECT 'B', o.event_id, o.organization_id, n.method, n.created_by,
         count(DISTINCT n.order_id) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM public.payments p
            WHERE p.order_id = n.order_id AND p.method = n.method AND p.created_by = n.created_by
              AND p.id NOT IN (SELECT x.id FROM new_rows x))),
         count(*), sum(n.amount)
    FROM new_rows n JOIN public.orders o ON o.id = n.order_id AND o.status = 'PAID'
   GROUP BY o.event_id, o.organization_id, n.method, n.created_by;
  RETURN NULL;
END $$;

CREATE TRIGGER tickets_stats_insert AFTER INSERT ON tickets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_tickets_inserted();
CREATE TRIGGER tickets_stats_update AFTER UPDATE ON tickets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_tickets_updated();
CREATE TRIGGER orders_stats_insert AFTER INSERT ON orders
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_orders_inserted();
CREATE TRIGGER orders_stats_update AFTER UPDATE ON orders
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_orders_updated();
CREATE TRIGGER payments_stats_insert AFTER INSERT ON payments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_payments_inserted();

-- ---------------------------------------------------------------------------
-- Folding, rebuilding, checking
-- ---------------------------------------------------------------------------

-- The committed deltas into the rollups, in one statement (deltas of transactions
-- still running are invisible to it and wait for the next fold).
CREATE FUNCTION _stats_fold() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_n bigint;
BEGIN
  WITH d AS (
    DELETE FROM public.stats_deltas RETURNING *
  ), h AS (
    INSERT INTO public.stats_hourly AS r (event_id, hour, organization_id, orders, tickets, gross, fees, net)
    SELECT d.event_id, d.hour, d.organization_id, sum(d.orders), sum(d.tickets), sum(d.gross),
           sum(d.fees), sum(d.net)
      FROM d WHERE d.kind = 'H' GROUP BY d.event_id, d.hour, d.organization_id
    ON CONFLICT (event_id, hour) DO UPDATE
       SET orders = r.orders + excluded.orders, tickets = r.tickets + excluded.tickets,
           gross = r.gross + excluded.gross, fees = r.fees + excluded.fees, net = r.net + excluded.net
  ), b AS (
    INSERT INTO public.stats_payments AS r (event_id, method, clerk, organization_id, orders, payments, amount)
    SELECT d.event_id, d.method, d.clerk, d.organization_id, sum(d.orders), sum(d.payments), sum(d.amount)
      FROM d WHERE d.kind = 'B' GROUP BY d.event_id, d.method, d.clerk, d.organization_id
    ON CONFLICT (event_id, method, clerk) DO UPDATE
       SET orders = r.orders + excluded.orders, payments = r.payments + excluded.payments,
           amount = r.amount + excluded.amount
  ), a AS (
    INSERT INTO public.stats_admissions AS r (event_id, organization_id, tickets_live, scanned, last_scan_at)
    SELECT d.event_id, d.organization_id, sum(d.tickets), sum(d.used), max(d.last_scan_at)
      FROM d WHERE d.kind = 'A' GROUP BY d.event_id, d.organization_id
    ON CONFLICT (event_id) DO UPDATE
       SET tickets_live = r.tickets_live + excluded.tickets_live, scanned = r.scanned + excluded.scanned,
           last_scan_at = GREATEST(r.last_scan_at, excluded.last_scan_at)
  ), g AS (
    INSERT INTO public.stats_ga AS r (event_id, section_id, organization_id, tickets_sold)
    SELECT d.event_id, d.section_id, d.organization_id, sum(d.tickets)
      FROM d WHERE d.kind = 'G' GROUP BY d.event_id, d.section_id, d.organization_id
    ON CONFLICT (event_id, section_id) DO UPDATE SET tickets_sold = r.tickets_sold + excluded.tickets_sold
  )
  SELECT count(*) INTO v_n FROM d;
  RETURN v_n;
END $$;

-- The rollups as recomputed from the tables (0007's definitions).
CREATE FUNCTION _stats_recompute()
RETURNS TABLE (kind "char", event_id uuid, organization_id uuid, key text,
               n1 numeric, n2 numeric, n3 numeric, n4 numeric, n5 numeric, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT 'H'::"char", o.event_id, o.organization_id,
         pg_catalog.date_trunc('hour', o.paid_at, 'UTC')::text,
         count(*)::numeric, COALESCE(sum(t.n), 0)::numeric, sum(o.total_amount), sum(o.platform_fee),
         sum(o.net_amount), NULL::timestamptz
    FROM public.orders o
    LEFT JOIN (SELECT t.order_id, count(*) AS n FROM public.tickets t
                WHERE t.status IN ('VALID', 'USED') GROUP BY t.order_id) t ON t.order_id = o.id
   WHERE o.status = 'PAID'
   GROUP BY o.event_id, o.organization_id, pg_catalog.date_trunc('hour', o.paid_at, 'UTC')
  UNION ALL
  SELECT 'B', o.event_id, o.organization_id, p.method || ' ' || p.created_by,
         count(DISTINCT p.order_id)::numeric, count(*)::numeric, sum(p.amount), NULL, NULL, NULL
    FROM public.payments p JOIN public.orders o ON o.id = p.order_id
   WHERE o.status = 'PAID'
   GROUP BY o.event_id, o.organization_id, p.method, p.created_by
  UNION ALL
  SELECT 'A', t.event_id, t.organization_id, NULL,
         count(*)::numeric, (count(*) FILTER (WHERE t.status = 'USED'))::numeric, NULL, NULL, NULL,
         max(t.scanned_at)
    FROM public.tickets t WHERE t.status IN ('VALID', 'USED')
   GROUP BY t.event_id, t.organization_id
  UNION ALL
  SELECT 'G', t.event_id, t.organization_id, tt.section_id::text, count(*)::numeric, NULL, NULL, NULL,
         NULL, NULL
    FROM public.tickets t
    JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
    JOIN public.sections s ON s.id = tt.section_id AND s.type = 'GENERAL'
   WHERE t.status IN ('VALID', 'USED')
   GROUP BY t.event_id, t.organization_id, tt.section_id
$$;

-- The rollups as they stand, in _stats_recompute's shape (zero rows left out, as a
-- recomputation has none).
CREATE FUNCTION _stats_rollups()
RETURNS TABLE (kind "char", event_id uuid, organization_id uuid, key text,
               n1 numeric, n2 numeric, n3 numeric, n4 numeric, n5 numeric, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT 'H'::"char", h.event_id, h.organization_id, h.hour::text, h.orders::numeric, h.tickets::numeric,
         h.gross, h.fees, h.net, NULL::timestamptz
    FROM public.stats_hourly h WHERE h.orders <> 0 OR h.tickets <> 0 OR h.gross <> 0
  UNION ALL
  SELECT 'B', b.event_id, b.organization_id, b.method || ' ' || b.clerk, b.orders::numeric,
         b.payments::numeric, b.amount, NULL, NULL, NULL
    FROM public.stats_payments b WHERE b.payments <> 0
  UNION ALL
  SELECT 'A', a.event_id, a.organization_id, NULL, a.tickets_live::numeric, a.scanned::numeric, NULL, NULL,
         NULL, a.last_scan_at
    FROM public.stats_admissions a WHERE a.tickets_live <> 0
  UNION ALL
  SELECT 'G', g.event_id, g.organization_id, g.section_id::text, g.tickets_sold::numeric, NULL, NULL, NULL,
         NULL, NULL
    FROM public.stats_ga g WHERE g.tickets_sold <> 0
$$;

-- Where the rollups (with the deltas not yet folded) disagree with the tables: no rows
-- when all is well. For tests and monitoring; reads every ticket, so not for screens.
CREATE FUNCTION stats_drift()
RETURNS TABLE (kind "char", event_id uuid, key text, rollup text, recomputed text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM public._stats_fold();
  RETURN QUERY
  SELECT COALESCE(r.kind, c.kind), COALESCE(r.event_id, c.event_id), COALESCE(r.key, c.key),
         ROW(r.n1, r.n2, r.n3, r.n4, r.n5, r.at)::text,
         ROW(c.n1, c.n2, c.n3, c.n4, c.n5, c.at)::text
    FROM public._stats_rollups() r
    FULL JOIN public._stats_recompute() c
      ON c.kind = r.kind AND c.event_id = r.event_id AND c.key IS NOT DISTINCT FROM r.key
   WHERE r IS DISTINCT FROM c;
END $$;

-- Recomputes the rollups from the tables, for data loaded with triggers off
-- (session_replication_role = replica) and as the migration's first fill. Takes the
-- fold's lock and blocks sales' deltas for its duration (a DBA's tool, not a screen's).
CREATE FUNCTION rebuild_stats() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(4242007);
  LOCK TABLE public.stats_deltas IN EXCLUSIVE MODE;
  DELETE FROM public.stats_deltas;
  TRUNCATE public.stats_hourly, public.stats_payments, public.stats_admissions, public.stats_ga;
  INSERT INTO public.stats_hourly (event_id, hour, organization_id, orders, tickets, gross, fees, net)
  SELECT c.event_id, c.key::timestamptz, c.organization_id, c.n1, c.n2, c.n3, c.n4, c.n5
    FROM public._stats_recompute() c WHERE c.kind = 'H';
  INSERT INTO public.stats_payments (event_id, method, clerk, organization_id, orders, payments, amount)
  SELECT c.event_id, pg_catalog.split_part(c.key, ' ', 1), pg_catalog.substr(c.key, pg_catalog.strpos(c.key, ' ') + 1),
         c.organization_id, c.n1, c.n2, c.n3
    FROM public._stats_recompute() c WHERE c.kind = 'B';
  INSERT INTO public.stats_admissions (event_id, organization_id, tickets_live, scanned, last_scan_at)
  SELECT c.event_id, c.organization_id, c.n1, c.n2, c.at FROM public._stats_recompute() c WHERE c.kind = 'A';
  INSERT INTO public.stats_ga (event_id, section_id, organization_id, tickets_sold)
  SELECT c.event_id, c.key::uuid, c.organization_id, c.n1 FROM public._stats_recompute() c WHERE c.kind = 'G';
END $$;

DO $own$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('_stats_ticket_deltas', '_stats_order_deltas', 'stats_tickets_inserted',
                                'stats_tickets_updated', 'stats_orders_inserted', 'stats_orders_updated',
                                'stats_payments_inserted',
                                '_stats_fold', '_stats_recompute', '_stats_rollups', 'stats_drift',
                                'rebuild_stats') LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO boxoffice_report', f);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$own$;

-- ---------------------------------------------------------------------------
-- The materialized views over the rollups (names and columns unchanged)
-- ---------------------------------------------------------------------------

DROP VIEW org_section_availability, org_event_stats, org_event_sales_hourly, org_event_sales_breakdown,
          org_event_admissions;
DROP MATERIALIZED VIEW section_availability, event_stats, event_sales_hourly, event_sales_breakdown,
                       event_admissions;

SET LOCAL ROLE boxoffice_owner;
CREATE MATERIALIZED VIEW section_availability AS
SELECT s.id AS section_id, es.event_id, s.organization_id, s.name AS section_name, s.venue_id,
       s.type AS section_type,
       COALESCE(es.custom_capacity, s.capacity) AS total_capacity,
       COALESCE(g.tickets_sold, 0) AS tickets_sold,
       COALESCE(es.custom_capacity, s.capacity) - COALESCE(g.tickets_sold, 0) AS available
  FROM sections s
  JOIN event_sections es ON es.section_id = s.id
  LEFT JOIN stats_ga g ON g.event_id = es.event_id AND g.section_id = s.id
 WHERE s.type = 'GENERAL' AND s.deleted = false;
CREATE UNIQUE INDEX idx_section_availability_section ON section_availability (section_id, event_id);

CREATE MATERIALIZED VIEW event_stats AS
SELECT e.id AS event_id, e.organization_id, e.title, e.start_time,
       COALESCE(sum(h.orders), 0)::bigint AS total_orders,
       COALESCE(sum(h.tickets), 0) AS tickets_sold,
       COALESCE(sum(h.gross), 0) AS gross_revenue,
       COALESCE(sum(h.fees), 0) AS platform_fees,
       COALESCE(sum(h.net), 0) AS net_revenue,
       clock_timestamp() AS as_of
  FROM events e
  LEFT JOIN stats_hourly h ON h.event_id = e.id
 WHERE e.deleted = false
 GROUP BY e.id, e.organization_id, e.title, e.start_time;
CREATE UNIQUE INDEX idx_event_stats_event ON event_stats (event_id);

CREATE MATERIALIZED VIEW event_sales_hourly AS
SELECT h.event_id, h.organization_id, h.hour, h.orders, h.tickets, h.gross
  FROM stats_hourly h JOIN events e ON e.id = h.event_id AND NOT e.deleted
 WHERE h.orders <> 0;
CREATE UNIQUE INDEX idx_event_sales_hourly_event_hour ON event_sales_hourly (event_id, hour);

CREATE MATERIALIZED VIEW event_sales_breakdown AS
SELECT b.event_id, b.organization_id, b.method, b.clerk, b.orders, b.payments, b.amount
  FROM stats_payments b JOIN events e ON e.id = b.event_id AND NOT e.deleted
 WHERE b.payments <> 0;
CREATE UNIQUE INDEX idx_event_sales_breakdown_key ON event_sales_breakdown (event_id, method, clerk);

CREATE MATERIALIZED VIEW event_admissions AS
SELECT e.id AS event_id, e.organization_id,
       COALESCE(a.tickets_live, 0) AS tickets_live, COALESCE(a.scanned, 0) AS scanned, a.last_scan_at
  FROM events e LEFT JOIN stats_admissions a ON a.event_id = e.id
 WHERE NOT e.deleted;
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

-- ---------------------------------------------------------------------------
-- refresh_stats: fold, then the (now small) views
-- ---------------------------------------------------------------------------

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
  PERFORM public._stats_fold();
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.section_availability;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_stats;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_sales_hourly;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_sales_breakdown;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.event_admissions;
  UPDATE public.stats_refresh
     SET refreshed_at = v_start, finished_at = pg_catalog.clock_timestamp(), refreshed_by = session_user;
  RETURN v_start;
END $$;

-- The first fill, from what the tables hold now.
SELECT rebuild_stats();
REFRESH MATERIALIZED VIEW section_availability;
REFRESH MATERIALIZED VIEW event_stats;
REFRESH MATERIALIZED VIEW event_sales_hourly;
REFRESH MATERIALIZED VIEW event_sales_breakdown;
REFRESH MATERIALIZED VIEW event_admissions;
