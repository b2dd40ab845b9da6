-- Undo 0008: back to 0007 exactly (0003's mark_paid, 0007's close_shift and shift_report).
SET LOCAL search_path = public, ext;

DROP FUNCTION IF EXISTS find_attendees(text, integer), attendee_orders(uuid, timestamptz, uuid, integer),
  order_tickets(uuid), cancel_order(uuid, text, text, numeric),
  cancel_tickets(uuid[], text, text, numeric), exchange_tickets(uuid[], uuid, uuid, jsonb, text, jsonb, text),
  _refund(uuid, uuid, uuid[], text, numeric, text), _tickets_worth(uuid[]), refund_worth(uuid[]),
  _worth(uuid, uuid[]), _log_lookup(text, text, uuid, uuid, integer),
  _like_escape(text), shift_report(uuid);
DROP TABLE IF EXISTS refunds, person_lookups;
DROP FUNCTION IF EXISTS person_lookups_append_only();
DROP INDEX IF EXISTS idx_users_name_trgm, idx_users_name_prefix, idx_users_email_trgm, idx_users_phone_trgm,
  idx_orders_user_created;
DROP FUNCTION IF EXISTS _attendee_candidates(uuid, text, text, integer);
REVOKE EXECUTE ON FUNCTION ext.word_similarity(text, text), ext.word_similarity_op(text, text),
       ext.similarity_op(text, text) FROM boxoffice_report;
REVOKE SELECT ON users FROM boxoffice_report;
REVOKE SELECT ON users FROM boxoffice_clerk, boxoffice_helpdesk;
GRANT SELECT ON users TO boxoffice_clerk, boxoffice_supervisor, boxoffice_helpdesk;
SET LOCAL ROLE boxoffice_owner;
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('CASH', 'CARD', 'COMP'));
RESET ROLE;

-- 0003's mark_paid (tickets issued inline)
CREATE OR REPLACE FUNCTION mark_paid(p_order_id uuid, p_payments jsonb)
RETURNS TABLE (ticket_id uuid, seat_id uuid, token text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_order record;
  v_item record;
  v_token text;
  v_ticket uuid;
BEGIN
  SELECT o.* INTO v_order FROM public.orders o WHERE o.id = p_order_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % not found', p_order_id USING ERRCODE = 'BO001';
  END IF;
  IF v_order.status = 'PENDING' AND v_order.expires_at < pg_catalog.clock_timestamp()
     AND EXISTS (SELECT 1 FROM public.order_items oi
                  WHERE oi.order_id = p_order_id AND oi.seat_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM public.event_seats i
                                     WHERE i.event_id = v_order.event_id AND i.seat_id = oi.seat_id
                                       AND i.hold_id = p_order_id AND i.status = 'HELD')) THEN
    PERFORM public._release_order(p_order_id, 'FAILED');
    v_order.status := 'FAILED';
  END IF;
  IF v_order.status = 'FAILED' THEN
    RAISE EXCEPTION 'order % expired before payment; its seats went back on sale', p_order_id
      USING ERRCODE = 'BO007';
  ELSIF v_order.status <> 'PENDING' THEN
    RAISE EXCEPTION 'order % is already %', p_order_id, pg_catalog.lower(v_order.status)
      USING ERRCODE = 'BO006';
  END IF;

  PERFORM public._record_payments(v_org, p_order_id, v_order.total_amount, p_payments);
  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = v_order.event_id AND i.hold_id = p_order_id
   ORDER BY i.seat_id FOR UPDATE;

  FOR v_item IN SELECT oi.id, oi.ticket_tier_id, oi.seat_id, oi.unit_price, tt.section_id
                  FROM public.order_items oi JOIN public.ticket_tiers tt ON tt.id = oi.ticket_tier_id
                 WHERE oi.order_id = p_order_id ORDER BY oi.seat_id NULLS LAST, tt.section_id, oi.id LOOP
    v_token := public._new_token();
    INSERT INTO public.tickets (organization_id, order_id, event_id, ticket_tier_id, seat_id,
                                status, qr_code_hash, price_snapshot)
    VALUES (v_org, p_order_id, v_order.event_id, v_item.ticket_tier_id, v_item.seat_id,
            'VALID', public._token_hash(v_token), v_item.unit_price)
    RETURNING id INTO v_ticket;
    IF v_item.seat_id IS NOT NULL THEN
      UPDATE public.event_seats i SET status = 'SOLD', ticket_id = v_ticket, hold_id = NULL,
             held_by = NULL, hold_expires_at = NULL
       WHERE i.event_id = v_order.event_id AND i.seat_id = v_item.seat_id
         AND i.status = 'HELD' AND i.hold_id = p_order_id;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'a seat of order % is no longer held for it', p_order_id USING ERRCODE = 'BO007';
      END IF;
    ELSE
      UPDATE public.event_sections es SET held = es.held - 1, sold = es.sold + 1
       WHERE es.event_id = v_order.event_id AND es.section_id = v_item.section_id;
    END IF;
    ticket_id := v_ticket; seat_id := v_item.seat_id; token := v_token;
    RETURN NEXT;
  END LOOP;
  UPDATE public.orders SET status = 'PAID', paid_at = pg_catalog.clock_timestamp(), expires_at = NULL
   WHERE id = p_order_id;
END $$;
DROP FUNCTION IF EXISTS _issue_tickets(uuid, uuid);

-- 0007's close_shift and shift_report (refunds not counted)
-- Closes the caller's shift with a blind count: records the counted cash and card
-- totals and computes expected and variance, but returns nothing about them.
-- Expected cash = float + CASH payments' amounts taken by this login during the shift
-- (the amount, not the tendered: the change went back); card likewise, no float.
CREATE OR REPLACE FUNCTION close_shift(p_counted_cash numeric, p_counted_card numeric)
RETURNS TABLE (shift_id uuid, opened_at timestamptz, closed_at timestamptz,
               counted_cash numeric, counted_card numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_shift record;
  v_closed timestamptz := pg_catalog.now();
BEGIN
  IF p_counted_cash IS NULL OR p_counted_card IS NULL OR p_counted_cash < 0 OR p_counted_card < 0
     OR p_counted_cash <> pg_catalog.round(p_counted_cash, 2)
     OR p_counted_card <> pg_catalog.round(p_counted_card, 2) THEN
    RAISE EXCEPTION 'counted cash and card are amounts in cents, zero or more' USING ERRCODE = 'BO004';
  END IF;
  SELECT s.id, s.opened_at, s.float_amount INTO v_shift FROM public.shifts s
   WHERE s.staff_login = session_user AND s.closed_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'you have no shift open' USING ERRCODE = 'BO006';
  END IF;
  RETURN QUERY
  UPDATE public.shifts s
     SET closed_at = v_closed, counted_cash = p_counted_cash, counted_card = p_counted_card,
         expected_cash = v_shift.float_amount + p.cash, expected_card = p.card,
         variance_cash = p_counted_cash - (v_shift.float_amount + p.cash),
         variance_card = p_counted_card - p.card
    FROM (SELECT COALESCE(sum(pm.amount) FILTER (WHERE pm.method = 'CASH'), 0) AS cash,
                 COALESCE(sum(pm.amount) FILTER (WHERE pm.method = 'CARD'), 0) AS card
            FROM public.payments pm
           WHERE pm.created_by = session_user
             AND pm.created_at BETWEEN v_shift.opened_at AND v_closed) p
   WHERE s.id = v_shift.id
  RETURNING s.id, s.opened_at, s.closed_at, s.counted_cash, s.counted_card;
END $$;

-- A shift's report: expected against counted per method, the variance, and what the
-- drawer cannot show: comps, and tickets of the shift's sales cancelled since (no
-- refund is recorded, so their money stays in expected; cancelled_face_value is their
-- price_snapshot, fees excluded). Supervisors: any shift of their organisation (an open one
-- shows expected so far). Anyone, supervisor included: their own shift only once it
-- is signed off, so nobody learns their expected total before counting.
CREATE FUNCTION shift_report(p_shift_id uuid)
RETURNS TABLE (shift_id uuid, staff_login name, display_name text, opened_at timestamptz,
               closed_at timestamptz, float_amount numeric,
               cash_payments bigint, cash_taken numeric, expected_cash numeric,
               counted_cash numeric, variance_cash numeric,
               card_payments bigint, card_taken numeric, expected_card numeric,
               counted_card numeric, variance_card numeric,
               comp_payments bigint, cancelled_tickets bigint, cancelled_face_value numeric,
               signed_off_by name, signed_off_at timestamptz, note text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_s public.shifts;
  v_until timestamptz;
BEGIN
  SELECT * INTO v_s FROM public.shifts s WHERE s.id = p_shift_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'shift % not found', p_shift_id USING ERRCODE = 'BO001';
  END IF;
  IF v_s.staff_login = session_user THEN
    IF v_s.signed_off_at IS NULL THEN
      RAISE EXCEPTION 'your own shift''s report is shown once a supervisor has signed it off'
        USING ERRCODE = 'BO005';
    END IF;
  ELSIF public.current_staff_role() IS DISTINCT FROM 'SUPERVISOR' THEN
    RAISE EXCEPTION 'only a supervisor sees another login''s shift' USING ERRCODE = 'BO005';
  END IF;
  v_until := COALESCE(v_s.closed_at, pg_catalog.now());
  RETURN QUERY
  WITH p AS (
    SELECT pm.method, pm.amount, pm.order_id FROM public.payments pm
     WHERE pm.created_by = v_s.staff_login AND pm.created_at BETWEEN v_s.opened_at AND v_until
  ), c AS (
    SELECT count(*) AS n, COALESCE(sum(t.price_snapshot), 0) AS v FROM public.tickets t
     WHERE t.status = 'CANCELLED' AND t.order_id IN (SELECT p.order_id FROM p WHERE p.method <> 'COMP')
  )
  SELECT v_s.id, v_s.staff_login, st.display_name, v_s.opened_at, v_s.closed_at, v_s.float_amount,
         (SELECT count(*) FROM p WHERE p.method = 'CASH'),
         (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CASH'),
         COALESCE(v_s.expected_cash, v_s.float_amount + (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CASH')),
         v_s.counted_cash, v_s.variance_cash,
         (SELECT count(*) FROM p WHERE p.method = 'CARD'),
         (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CARD'),
         COALESCE(v_s.expected_card, (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CARD')),
         v_s.counted_card, v_s.variance_card,
         (SELECT count(*) FROM p WHERE p.method = 'COMP'),
         c.n, c.v, v_s.signed_off_by, v_s.signed_off_at, v_s.note
    FROM c LEFT JOIN public.staff st ON st.login_role = v_s.staff_login;
END $$;

DO $own$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('mark_paid', 'close_shift', 'shift_report') LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO boxoffice_api', f);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$own$;
GRANT EXECUTE ON FUNCTION mark_paid(uuid, jsonb), close_shift(numeric, numeric), shift_report(uuid)
      TO boxoffice_clerk;
