-- Undo 0010: the functions as 0002, 0003, 0008 and 0009 defined them.
SET LOCAL search_path = public, ext;

CREATE OR REPLACE FUNCTION current_org_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.organization_id FROM public.staff s
   WHERE s.login_role = session_user AND NOT s.deleted
$$;

CREATE OR REPLACE FUNCTION current_staff_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.staff_role FROM public.staff s
   WHERE s.login_role = session_user AND NOT s.deleted
$$;

CREATE OR REPLACE FUNCTION _token_hash(p_token text) RETURNS text
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.encode(ext.digest(p_token, 'sha256'), 'hex')
$$;

CREATE OR REPLACE FUNCTION _new_token() RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.upper(pg_catalog.encode(ext.gen_random_bytes(20), 'hex'))
$$;

CREATE OR REPLACE FUNCTION validate_ticket(p_token text, p_gate text, p_event_id uuid DEFAULT NULL)
RETURNS TABLE (result text, ticket_id uuid, event_title text, attendee_name text,
               section_name text, row_label text, number_label text, tier_name text,
               scanned_at timestamptz, scanned_gate text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_t record;
  v_result text;
BEGIN
  IF NULLIF(pg_catalog.btrim(p_gate), '') IS NULL THEN
    RAISE EXCEPTION 'name the gate' USING ERRCODE = 'BO008';
  END IF;
  SELECT t.id, t.status, t.event_id, t.scanned_at, e.title, u.full_name, sec.name AS section_name,
         s.row_label, s.number_label, tt.name AS tier_name
    INTO v_t
    FROM public.tickets t
    JOIN public.events e ON e.id = t.event_id
    JOIN public.orders o ON o.id = t.order_id
    JOIN public.users u ON u.id = o.user_id
    JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
    JOIN public.sections sec ON sec.id = tt.section_id
    LEFT JOIN public.seats s ON s.id = t.seat_id
   WHERE t.qr_code_hash = public._token_hash(pg_catalog.btrim(COALESCE(p_token, '')))
     FOR UPDATE OF t;
  IF NOT FOUND THEN
    result := 'UNKNOWN';
    RETURN NEXT;
    RETURN;
  END IF;
  v_result := CASE
    WHEN v_t.status = 'CANCELLED' THEN 'CANCELLED'
    WHEN p_event_id IS NOT NULL AND v_t.event_id <> p_event_id THEN 'WRONG_EVENT'
    WHEN v_t.status = 'USED' THEN 'ALREADY_USED'
    ELSE 'ADMITTED' END;
  IF v_result = 'ADMITTED' THEN
    UPDATE public.tickets t SET status = 'USED', scanned_at = pg_catalog.clock_timestamp()
     WHERE t.id = v_t.id RETURNING t.scanned_at INTO v_t.scanned_at;
  END IF;
  INSERT INTO public.ticket_validations (organization_id, ticket_id, gate, result)
  VALUES (v_org, v_t.id, pg_catalog.btrim(p_gate), v_result);

  result := v_result; ticket_id := v_t.id; event_title := v_t.title;
  attendee_name := v_t.full_name; section_name := v_t.section_name;
  row_label := v_t.row_label; number_label := v_t.number_label; tier_name := v_t.tier_name;
  scanned_at := v_t.scanned_at;
  SELECT tv.gate INTO scanned_gate FROM public.ticket_validations tv
   WHERE tv.ticket_id = v_t.id AND tv.result = 'ADMITTED'
   ORDER BY tv.validated_at DESC LIMIT 1;
  RETURN NEXT;
END $$;

CREATE OR REPLACE FUNCTION _log_lookup(p_kind text, p_query text, p_user uuid, p_order uuid, p_results integer)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO public.person_lookups (organization_id, kind, query, user_id, order_id, results)
  VALUES (public.current_org_id(), p_kind, pg_catalog.left(p_query, 200), p_user, p_order, p_results)
$$;

CREATE OR REPLACE FUNCTION _stats_ticket_deltas(p_changes stats_ticket_change[]) RETURNS void
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

CREATE OR REPLACE FUNCTION _stats_order_deltas(p_changes stats_order_change[]) RETURNS void
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
