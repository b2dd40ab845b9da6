-- 0003 functions: the only way clients change anything. Each is SECURITY DEFINER,
-- owned by boxoffice_api (not the table owner, no BYPASSRLS: the caller's
-- organisation still bounds every row it touches), with a pinned search_path and
-- fully qualified names. Errors a person can cause carry their own SQLSTATE:
--   BO001 not found (unknown, deleted, or another organisation's)   BO002 seat not available
--   BO003 sold out / over capacity   BO004 wrong amount   BO005 not permitted
--   BO006 wrong state                BO007 hold or order expired   BO008 invalid input
-- Lock order: every function locks the inventory rows it will change first, in
-- seat_id order, then GA counters in section_id order. Locking in whatever order a
-- scan or a JSON list gives deadlocked 16 racing clerks (tests/concurrency).

-- Who may call: the staff row of session_user, or a clear refusal.
CREATE FUNCTION _require_staff() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_org uuid := public.current_org_id();
BEGIN
  IF v_org IS NULL THEN
    RAISE EXCEPTION 'login "%" is not a member of any organisation''s staff', session_user
      USING ERRCODE = 'BO005';
  END IF;
  RETURN v_org;
END $$;

-- Expires the pending orders of one event whose time ran out: their GA places and
-- seats go back on sale. Called at the start of every sale function for that event,
-- so a crashed terminal's order frees itself without a background job.
CREATE FUNCTION _sweep_expired(p_event_id uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_order uuid; v_n integer := 0;
BEGIN
  FOR v_order IN
    SELECT o.id FROM public.orders o
     WHERE o.event_id = p_event_id AND o.status = 'PENDING'
       AND o.expires_at < pg_catalog.clock_timestamp()
     FOR UPDATE SKIP LOCKED
  LOOP
    PERFORM public._release_order(v_order, 'FAILED');
    v_n := v_n + 1;
  END LOOP;
  RETURN v_n;
END $$;

-- Gives back what a pending order took: its held seats and its GA places.
CREATE FUNCTION _release_order(p_order_id uuid, p_status text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM 1 FROM public.event_seats i WHERE i.hold_id = p_order_id ORDER BY i.seat_id FOR UPDATE;
  UPDATE public.event_sections es SET held = es.held - ga.n
    FROM (SELECT tt.event_id, tt.section_id, count(*)::integer AS n
            FROM public.order_items oi
            JOIN public.ticket_tiers tt ON tt.id = oi.ticket_tier_id
           WHERE oi.order_id = p_order_id AND oi.seat_id IS NULL
           GROUP BY tt.event_id, tt.section_id) ga
   WHERE es.event_id = ga.event_id AND es.section_id = ga.section_id;
  UPDATE public.event_seats SET status = 'AVAILABLE', hold_id = NULL, held_by = NULL,
         hold_expires_at = NULL
   WHERE hold_id = p_order_id AND status = 'HELD';
  UPDATE public.orders SET status = p_status WHERE id = p_order_id;
END $$;

-- What every hold checks first (the caller is staff, the input makes sense, the event
-- is on sale, the sale is still open, every seat belongs to the event and to a section
-- on sale): returns how many distinct seats were asked for.
CREATE FUNCTION _hold_request(p_event_id uuid, p_hold_id uuid, p_seat_ids uuid[], p_minutes integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_want integer;
  v_got integer;
BEGIN
  PERFORM public._require_staff();
  IF p_hold_id IS NULL OR p_seat_ids IS NULL OR pg_catalog.cardinality(p_seat_ids) = 0 THEN
    RAISE EXCEPTION 'no seats given to hold' USING ERRCODE = 'BO008';
  END IF;
  IF p_minutes IS NULL OR p_minutes NOT BETWEEN 1 AND 120 THEN
    RAISE EXCEPTION 'hold time must be 1 to 120 minutes, not %', p_minutes USING ERRCODE = 'BO008';
  END IF;
  PERFORM 1 FROM public.events e
   WHERE e.id = p_event_id AND e.status = 'PUBLISHED' AND NOT e.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % is not on sale', p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF EXISTS (SELECT 1 FROM public.orders o WHERE o.id = p_hold_id AND o.status <> 'PENDING') THEN
    RAISE EXCEPTION 'order % is already closed; start a new sale', p_hold_id USING ERRCODE = 'BO006';
  END IF;
  SELECT count(DISTINCT x) INTO v_want FROM pg_catalog.unnest(p_seat_ids) x;
  SELECT count(*) INTO v_got FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids);
  IF v_got <> v_want THEN
    RAISE EXCEPTION '% of the % seats are not part of this event', v_want - v_got, v_want
      USING ERRCODE = 'BO001';
  END IF;
  IF EXISTS (SELECT 1 FROM public.seats s
              JOIN public.event_sections es ON es.section_id = s.section_id AND es.event_id = p_event_id
             WHERE s.id = ANY (p_seat_ids) AND NOT es.is_active) THEN
    RAISE EXCEPTION 'some of these seats are in a section not on sale for this event'
      USING ERRCODE = 'BO001';
  END IF;
  RETURN v_want;
END $$;

-- Holds seats for the order being built (p_hold_id: the order id the client made up).
-- All or nothing: one seat held or sold by someone else fails the whole call.
CREATE FUNCTION hold_seats(p_event_id uuid, p_hold_id uuid, p_seat_ids uuid[],
                           p_minutes integer DEFAULT 10)
RETURNS TABLE (seat_id uuid, hold_expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_want integer;
  v_got integer;
  v_bad text;
BEGIN
  v_want := public._hold_request(p_event_id, p_hold_id, p_seat_ids, p_minutes);

  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
   ORDER BY i.seat_id FOR UPDATE;
  RETURN QUERY
  UPDATE public.event_seats i
     SET status = 'HELD', hold_id = p_hold_id, held_by = session_user,
         hold_expires_at = pg_catalog.clock_timestamp() + pg_catalog.make_interval(mins => p_minutes)
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
     AND (i.status = 'AVAILABLE'
          OR (i.status = 'HELD' AND ((i.hold_id = p_hold_id AND i.held_by = session_user)
                                     OR i.hold_expires_at < pg_catalog.clock_timestamp())))
  RETURNING i.seat_id, i.hold_expires_at;
  GET DIAGNOSTICS v_got = ROW_COUNT;

  IF v_got <> v_want THEN
    SELECT pg_catalog.string_agg(s.row_label || '-' || s.number_label || ' ('
             || CASE i.status WHEN 'SOLD' THEN 'sold' WHEN 'KILLED' THEN 'not for sale'
                              ELSE 'held by ' || i.held_by END || ')', ', '
             ORDER BY s.row_label, s.number_label)
      INTO v_bad
      FROM public.event_seats i JOIN public.seats s ON s.id = i.seat_id
     WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
       AND NOT (i.status = 'HELD' AND i.hold_id = p_hold_id AND i.held_by = session_user);
    RAISE EXCEPTION 'seat not available: %', v_bad USING ERRCODE = 'BO002';
  END IF;
END $$;

-- Lets seats go (all of the hold when p_seat_ids is NULL). Returns how many.
CREATE FUNCTION release_holds(p_hold_id uuid, p_seat_ids uuid[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE v_n integer;
BEGIN
  PERFORM public._require_staff();
  IF EXISTS (SELECT 1 FROM public.orders o WHERE o.id = p_hold_id AND o.status = 'PENDING') THEN
    RAISE EXCEPTION 'order % is waiting for payment: abandon the order instead', p_hold_id
      USING ERRCODE = 'BO006';
  END IF;
  PERFORM 1 FROM public.event_seats i
   WHERE i.hold_id = p_hold_id AND (p_seat_ids IS NULL OR i.seat_id = ANY (p_seat_ids))
   ORDER BY i.seat_id FOR UPDATE;
  UPDATE public.event_seats i
     SET status = 'AVAILABLE', hold_id = NULL, held_by = NULL, hold_expires_at = NULL
   WHERE i.hold_id = p_hold_id AND i.status = 'HELD' AND i.held_by = session_user
     AND (p_seat_ids IS NULL OR i.seat_id = ANY (p_seat_ids));
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END $$;

-- The buyer of an order: found by e-mail (so one person's orders stay together),
-- made when new, or the organisation's walk-up customer when no name is given.
CREATE FUNCTION _customer(p_org uuid, p_name text, p_email text, p_phone text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id uuid;
  v_email text := pg_catalog.lower(NULLIF(pg_catalog.btrim(p_email), ''));
BEGIN
  IF v_email IS NOT NULL THEN
    SELECT u.id INTO v_id FROM public.users u
     WHERE u.organization_id = p_org AND pg_catalog.lower(u.email) = v_email AND NOT u.deleted
     ORDER BY u.created_at LIMIT 1;
    IF v_id IS NOT NULL THEN
      RETURN v_id;
    END IF;
  END IF;
  IF NULLIF(pg_catalog.btrim(p_name), '') IS NOT NULL THEN
    INSERT INTO public.users (organization_id, full_name, email, phone)
    VALUES (p_org, pg_catalog.btrim(p_name), v_email, NULLIF(pg_catalog.btrim(p_phone), ''))
    RETURNING id INTO v_id;
    RETURN v_id;
  END IF;
  SELECT u.id INTO v_id FROM public.users u WHERE u.organization_id = p_org AND u.is_walk_up;
  IF v_id IS NULL THEN
    INSERT INTO public.users (organization_id, full_name, is_walk_up)
    VALUES (p_org, 'Walk-up customer', true)
    ON CONFLICT (organization_id) WHERE is_walk_up DO NOTHING;
    SELECT u.id INTO v_id FROM public.users u WHERE u.organization_id = p_org AND u.is_walk_up;
  END IF;
  RETURN v_id;
END $$;

-- Creates a pending order from held seats and GA quantities.
-- p_items: [{"seat_id": "…", "tier_id": "…"}, {"tier_id": "…", "quantity": 2}]
-- Idempotent on p_order_id: a retry after a lost connection returns the same order.
CREATE FUNCTION create_order(p_order_id uuid, p_event_id uuid, p_items jsonb,
                             p_customer_name text DEFAULT NULL,
                             p_customer_email text DEFAULT NULL,
                             p_customer_phone text DEFAULT NULL,
                             p_minutes integer DEFAULT 10)
RETURNS TABLE (order_id uuid, status text, total_amount numeric, platform_fee numeric,
               expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_item jsonb;
  v_tier record;
  v_qty integer;
  v_seat uuid;
  v_expires timestamptz := pg_catalog.clock_timestamp() + pg_catalog.make_interval(mins => p_minutes);
  v_left integer;
BEGIN
  IF p_order_id IS NULL OR p_event_id IS NULL THEN
    RAISE EXCEPTION 'an order needs an id and an event' USING ERRCODE = 'BO008';
  END IF;
  IF EXISTS (SELECT 1 FROM public.orders o WHERE o.id = p_order_id) THEN
    RETURN QUERY SELECT o.id, o.status, o.total_amount, o.platform_fee, o.expires_at
                   FROM public.orders o
                  WHERE o.id = p_order_id AND o.event_id = p_event_id
                    AND o.created_by = session_user;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'order % already exists for another sale', p_order_id USING ERRCODE = 'BO006';
    END IF;
    RETURN;
  END IF;
  IF p_items IS NULL OR pg_catalog.jsonb_typeof(p_items) <> 'array'
     OR pg_catalog.jsonb_array_length(p_items) = 0 THEN
    RAISE EXCEPTION 'an order needs at least one seat or place' USING ERRCODE = 'BO008';
  END IF;
  IF p_minutes IS NULL OR p_minutes NOT BETWEEN 1 AND 120 THEN
    RAISE EXCEPTION 'payment time must be 1 to 120 minutes, not %', p_minutes USING ERRCODE = 'BO008';
  END IF;
  PERFORM public._sweep_expired(p_event_id);
  PERFORM 1 FROM public.events e WHERE e.id = p_event_id AND e.status = 'PUBLISHED' AND NOT e.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % is not on sale', p_event_id USING ERRCODE = 'BO001';
  END IF;

  INSERT INTO public.orders (id, organization_id, user_id, event_id, status, expires_at)
  VALUES (p_order_id, v_org, public._customer(v_org, p_customer_name, p_customer_email, p_customer_phone),
          p_event_id, 'PENDING', v_expires);

  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.hold_id = p_order_id
   ORDER BY i.seat_id FOR UPDATE;
  PERFORM 1 FROM public.event_sections es
   WHERE es.event_id = p_event_id
     AND es.section_id IN (SELECT tt.section_id FROM public.ticket_tiers tt
                            WHERE tt.event_id = p_event_id
                              AND tt.id::text IN (SELECT x ->> 'tier_id'
                                                    FROM pg_catalog.jsonb_array_elements(p_items) x
                                                   WHERE x ->> 'seat_id' IS NULL))
   ORDER BY es.section_id FOR UPDATE;
  FOR v_item IN SELECT * FROM pg_catalog.jsonb_array_elements(p_items) LOOP
    BEGIN
      SELECT tt.id, tt.section_id, tt.price, tt.fee, s.type, s.name
        INTO v_tier
        FROM public.ticket_tiers tt
        JOIN public.sections s ON s.id = tt.section_id
        JOIN public.event_sections es ON es.event_id = tt.event_id AND es.section_id = s.id
       WHERE tt.id = (v_item ->> 'tier_id')::uuid AND tt.event_id = p_event_id
         AND NOT tt.deleted AND es.is_active;
      v_seat := (v_item ->> 'seat_id')::uuid;
      v_qty := COALESCE((v_item ->> 'quantity')::integer, 1);
    EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
      RAISE EXCEPTION 'order line % is malformed', v_item USING ERRCODE = 'BO008';
    END;
    IF v_tier.id IS NULL THEN
      RAISE EXCEPTION 'price tier % is not on sale for this event', v_item ->> 'tier_id'
        USING ERRCODE = 'BO001';
    END IF;
    IF v_tier.type = 'NUMBERED' THEN
      IF v_seat IS NULL OR v_qty <> 1 THEN
        RAISE EXCEPTION 'section % has numbered seats: pick seats, not a quantity', v_tier.name
          USING ERRCODE = 'BO008';
      END IF;
      UPDATE public.event_seats i SET hold_expires_at = v_expires
        FROM public.seats s
       WHERE i.event_id = p_event_id AND i.seat_id = v_seat AND s.id = i.seat_id
         AND s.section_id = v_tier.section_id
         AND i.status = 'HELD' AND i.hold_id = p_order_id
         AND i.hold_expires_at >= pg_catalog.clock_timestamp();
      IF NOT FOUND THEN
        RAISE EXCEPTION 'seat % is not held for this sale (hold expired, or seat of another section)',
          v_seat USING ERRCODE = 'BO007';
      END IF;
      INSERT INTO public.order_items (organization_id, order_id, ticket_tier_id, seat_id, unit_price, unit_fee)
      VALUES (v_org, p_order_id, v_tier.id, v_seat, v_tier.price, v_tier.fee);
    ELSE
      IF v_seat IS NOT NULL OR v_qty NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION 'general admission takes a quantity of 1 to 100, not %', v_qty
          USING ERRCODE = 'BO008';
      END IF;
      UPDATE public.event_sections es SET held = es.held + v_qty
       WHERE es.event_id = p_event_id AND es.section_id = v_tier.section_id AND es.is_active
         AND es.sold + es.held + v_qty <= es.capacity
      RETURNING es.capacity - es.sold - es.held INTO v_left;
      IF NOT FOUND THEN
        SELECT es.capacity - es.sold - es.held INTO v_left FROM public.event_sections es
         WHERE es.event_id = p_event_id AND es.section_id = v_tier.section_id;
        RAISE EXCEPTION '% is sold out for % places: % left', v_tier.name, v_qty, v_left
          USING ERRCODE = 'BO003';
      END IF;
      INSERT INTO public.order_items (organization_id, order_id, ticket_tier_id, unit_price, unit_fee)
      SELECT v_org, p_order_id, v_tier.id, v_tier.price, v_tier.fee
        FROM pg_catalog.generate_series(1, v_qty);
    END IF;
  END LOOP;

  -- Seats held for this sale but not in the order go back on sale.
  UPDATE public.event_seats i SET status = 'AVAILABLE', hold_id = NULL, held_by = NULL,
         hold_expires_at = NULL
   WHERE i.hold_id = p_order_id AND i.status = 'HELD'
     AND NOT EXISTS (SELECT 1 FROM public.order_items oi
                      WHERE oi.order_id = p_order_id AND oi.seat_id = i.seat_id);

  RETURN QUERY
  UPDATE public.orders o
     SET total_amount = t.total, platform_fee = t.fees, net_amount = t.total - t.fees
    FROM (SELECT sum(oi.unit_price + oi.unit_fee) AS total, sum(oi.unit_fee) AS fees
            FROM public.order_items oi WHERE oi.order_id = p_order_id) t
   WHERE o.id = p_order_id
  RETURNING o.id, o.status, o.total_amount, o.platform_fee, o.expires_at;
END $$;

-- Payments must add up to the order's total exactly. Returns the change due in cash.
-- p_payments: [{"method":"CASH","amount":"20.00","tendered":"50.00"},
--              {"method":"CARD","amount":"5.00","reference":"T-1234"},
--              {"method":"COMP","amount":"0.00","reason":"artist guest"}]
CREATE FUNCTION _record_payments(p_org uuid, p_order_id uuid, p_total numeric, p_payments jsonb)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_p jsonb;
  v_method text;
  v_amount numeric(10, 2);
  v_tendered numeric(10, 2);
  v_sum numeric(10, 2) := 0;
BEGIN
  IF p_payments IS NULL OR pg_catalog.jsonb_typeof(p_payments) <> 'array'
     OR pg_catalog.jsonb_array_length(p_payments) = 0 THEN
    RAISE EXCEPTION 'no payment given' USING ERRCODE = 'BO008';
  END IF;
  FOR v_p IN SELECT * FROM pg_catalog.jsonb_array_elements(p_payments) LOOP
    BEGIN
      v_method := pg_catalog.upper(v_p ->> 'method');
      v_amount := (v_p ->> 'amount')::numeric(10, 2);
      v_tendered := COALESCE((v_p ->> 'tendered')::numeric(10, 2), v_amount);
    EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
      RAISE EXCEPTION 'payment % is malformed', v_p USING ERRCODE = 'BO008';
    END;
    IF v_amount IS NULL OR v_amount < 0 THEN
      RAISE EXCEPTION 'a payment needs an amount of zero or more' USING ERRCODE = 'BO004';
    END IF;
    CASE v_method
    WHEN 'CASH' THEN
      IF v_tendered < v_amount THEN
        RAISE EXCEPTION 'cash tendered (%) is less than the amount (%)', v_tendered, v_amount
          USING ERRCODE = 'BO004';
      END IF;
    WHEN 'CARD' THEN
      IF NULLIF(pg_catalog.btrim(v_p ->> 'reference'), '') IS NULL THEN
        RAISE EXCEPTION 'a card payment needs the terminal reference' USING ERRCODE = 'BO008';
      END IF;
    WHEN 'COMP' THEN
      IF NOT pg_catalog.pg_has_role(session_user, 'boxoffice_supervisor', 'MEMBER') THEN
        RAISE EXCEPTION 'only a supervisor may give complimentary tickets' USING ERRCODE = 'BO005';
      END IF;
      IF NULLIF(pg_catalog.btrim(v_p ->> 'reason'), '') IS NULL THEN
        RAISE EXCEPTION 'a complimentary ticket needs a reason' USING ERRCODE = 'BO008';
      END IF;
    ELSE
      RAISE EXCEPTION 'unknown payment method "%": use CASH, CARD or COMP', v_p ->> 'method'
        USING ERRCODE = 'BO008';
    END CASE;
    INSERT INTO public.payments (organization_id, order_id, method, amount, tendered, change_due,
                                 reference, reason)
    VALUES (p_org, p_order_id, v_method, v_amount,
            CASE WHEN v_method = 'CASH' THEN v_tendered END,
            CASE WHEN v_method = 'CASH' THEN v_tendered - v_amount END,
            NULLIF(pg_catalog.btrim(v_p ->> 'reference'), ''),
            NULLIF(pg_catalog.btrim(v_p ->> 'reason'), ''));
    v_sum := v_sum + v_amount;
  END LOOP;
  -- A comp covers whatever the other tenders leave; otherwise the sum must be exact.
  IF v_sum <> p_total AND NOT (p_payments @> '[{"method":"COMP"}]' AND v_sum <= p_total) THEN
    RAISE EXCEPTION 'payments add up to %, the order total is %', v_sum, p_total
      USING ERRCODE = 'BO004';
  END IF;
END $$;

-- A new ticket token: 160 random bits, upper-case hex (QR alphanumeric mode).
-- Only its SHA-256 is stored; the token goes back to the caller once, to print.
CREATE FUNCTION _new_token() RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.upper(pg_catalog.encode(ext.gen_random_bytes(20), 'hex'))
$$;

CREATE FUNCTION _token_hash(p_token text) RETURNS text
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.encode(ext.digest(p_token, 'sha256'), 'hex')
$$;

-- Takes payment and issues the tickets in one transaction.
CREATE FUNCTION mark_paid(p_order_id uuid, p_payments jsonb)
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

-- The customer walked away or the payment failed: everything goes back on sale.
CREATE FUNCTION abandon_order(p_order_id uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE v_status text;
BEGIN
  PERFORM public._require_staff();
  SELECT o.status INTO v_status FROM public.orders o WHERE o.id = p_order_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % not found', p_order_id USING ERRCODE = 'BO001';
  END IF;
  IF v_status = 'PENDING' THEN
    PERFORM public._release_order(p_order_id, 'FAILED');
  ELSIF v_status <> 'FAILED' THEN
    RAISE EXCEPTION 'order % is %: cancel its tickets instead', p_order_id, pg_catalog.lower(v_status)
      USING ERRCODE = 'BO006';
  END IF;
END $$;

-- Gate check (the spec's query 4, with its row lock): VALID becomes USED once.
-- Outcomes are results, not errors, so a gate can show them; each is recorded.
CREATE FUNCTION validate_ticket(p_token text, p_gate text, p_event_id uuid DEFAULT NULL)
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

-- Cancels one ticket: the seat or GA place goes back on sale at once.
CREATE FUNCTION cancel_ticket(p_ticket_id uuid, p_reason text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE v_t record;
BEGIN
  PERFORM public._require_staff();
  IF NULLIF(pg_catalog.btrim(p_reason), '') IS NULL THEN
    RAISE EXCEPTION 'say why the ticket is cancelled' USING ERRCODE = 'BO008';
  END IF;
  SELECT t.*, tt.section_id INTO v_t FROM public.tickets t
    JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
   WHERE t.id = p_ticket_id FOR UPDATE OF t;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ticket % not found', p_ticket_id USING ERRCODE = 'BO001';
  END IF;
  IF v_t.status <> 'VALID' THEN
    RAISE EXCEPTION 'ticket % is % and cannot be cancelled', p_ticket_id, pg_catalog.lower(v_t.status)
      USING ERRCODE = 'BO006';
  END IF;
  UPDATE public.tickets SET status = 'CANCELLED', cancelled_at = pg_catalog.clock_timestamp(),
         cancel_reason = pg_catalog.btrim(p_reason)
   WHERE id = p_ticket_id;
  IF v_t.seat_id IS NOT NULL THEN
    UPDATE public.event_seats SET status = 'AVAILABLE', ticket_id = NULL
     WHERE event_id = v_t.event_id AND seat_id = v_t.seat_id AND ticket_id = p_ticket_id;
  ELSE
    UPDATE public.event_sections SET sold = sold - 1
     WHERE event_id = v_t.event_id AND section_id = v_t.section_id;
  END IF;
  UPDATE public.orders o SET status = 'CANCELLED'
   WHERE o.id = v_t.order_id
     AND NOT EXISTS (SELECT 1 FROM public.tickets t
                      WHERE t.order_id = o.id AND t.status <> 'CANCELLED');
END $$;

-- Event set-up (supervisors): the event, its sections and its seat inventory.
CREATE FUNCTION create_event(p_venue_id uuid, p_title text, p_start timestamptz,
                             p_publish boolean DEFAULT false, p_event_id uuid DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_event uuid;
BEGIN
  PERFORM 1 FROM public.venues v WHERE v.id = p_venue_id AND NOT v.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'venue % not found', p_venue_id USING ERRCODE = 'BO001';
  END IF;
  INSERT INTO public.events (id, organization_id, venue_id, title, start_time, status)
  VALUES (COALESCE(p_event_id, ext.uuid_generate_v4()), v_org, p_venue_id, p_title, p_start,
          CASE WHEN p_publish THEN 'PUBLISHED' ELSE 'DRAFT' END)
  RETURNING id INTO v_event;
  INSERT INTO public.event_sections (organization_id, event_id, section_id)
  SELECT v_org, v_event, s.id FROM public.sections s WHERE s.venue_id = p_venue_id AND NOT s.deleted;
  INSERT INTO public.event_seats (organization_id, event_id, seat_id)
  SELECT v_org, v_event, st.id
    FROM public.seats st JOIN public.sections s ON s.id = st.section_id
   WHERE s.venue_id = p_venue_id AND NOT s.deleted AND NOT st.deleted AND s.type = 'NUMBERED';
  RETURN v_event;
END $$;

CREATE FUNCTION set_tier(p_event_id uuid, p_section_id uuid, p_name text, p_price numeric,
                         p_fee numeric DEFAULT 0)
RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_id uuid;
BEGIN
  PERFORM 1 FROM public.event_sections es WHERE es.event_id = p_event_id AND es.section_id = p_section_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'section % is not part of event %', p_section_id, p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF p_price IS NULL OR p_price < 0 OR COALESCE(p_fee, 0) < 0 THEN
    RAISE EXCEPTION 'price and fee must be zero or more' USING ERRCODE = 'BO004';
  END IF;
  INSERT INTO public.ticket_tiers (organization_id, event_id, section_id, name, price, fee)
  VALUES (v_org, p_event_id, p_section_id, p_name, p_price, COALESCE(p_fee, 0))
  ON CONFLICT (event_id, section_id, name)
  DO UPDATE SET price = EXCLUDED.price, fee = EXCLUDED.fee, deleted = false
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;

-- The seat map's read: every seat of an event (or one section) with its position and
-- state; an expired hold reads as AVAILABLE. Invoker rights: the caller's RLS applies.
-- The client compares hold_id with the id of the sale it is building ("mine").
-- No SET search_path here, on purpose: a SQL function with a SET clause is never
-- inlined, so it was planned blind (a scan of every seat of the organisation, 5.3 ms
-- for an 800-seat section of a stadium; inlined: an index range, ~2 ms). It runs with
-- the caller's rights, names are qualified, and staff can create objects nowhere.
CREATE FUNCTION event_seat_map(p_event_id uuid, p_section_id uuid DEFAULT NULL)
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
REVOKE ALL ON FUNCTION event_seat_map(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_seat_map(uuid, uuid) TO boxoffice_staff;
ALTER FUNCTION event_seat_map(uuid, uuid) OWNER TO boxoffice_owner;

-- Ownership and grants: nothing for PUBLIC, each function for the roles that may call it.
DO $own$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('_require_staff', '_sweep_expired', '_release_order', '_hold_request', 'hold_seats',
                                'release_holds', '_customer', 'create_order', '_record_payments',
                                '_new_token', '_token_hash', 'mark_paid', 'abandon_order',
                                'validate_ticket', 'cancel_ticket', 'create_event', 'set_tier') LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO boxoffice_api', f);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$own$;
GRANT EXECUTE ON FUNCTION hold_seats(uuid, uuid, uuid[], integer), release_holds(uuid, uuid[]),
      create_order(uuid, uuid, jsonb, text, text, text, integer), mark_paid(uuid, jsonb),
      abandon_order(uuid) TO boxoffice_clerk;
GRANT EXECUTE ON FUNCTION validate_ticket(text, text, uuid) TO boxoffice_staff;
GRANT EXECUTE ON FUNCTION cancel_ticket(uuid, text) TO boxoffice_supervisor, boxoffice_helpdesk;
GRANT EXECUTE ON FUNCTION create_event(uuid, text, timestamptz, boolean, uuid),
      set_tier(uuid, uuid, text, numeric, numeric) TO boxoffice_supervisor;

-- Creates a staff login (run by the DBA, who may create roles; not granted to anyone).
-- Timeouts go on the login itself: settings of group roles are not inherited.
CREATE FUNCTION add_staff_login(p_login name, p_org uuid, p_role text, p_display text,
                                p_password text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_id uuid;
BEGIN
  IF p_role NOT IN ('CLERK', 'SUPERVISOR', 'HELPDESK') THEN
    RAISE EXCEPTION 'staff role must be CLERK, SUPERVISOR or HELPDESK' USING ERRCODE = 'BO008';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                              'NOREPLICATION NOBYPASSRLS', p_login);
  END IF;
  IF p_password IS NOT NULL THEN
    EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
  END IF;
  IF NOT pg_catalog.pg_has_role(p_login, 'boxoffice_' || pg_catalog.lower(p_role), 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT %I TO %I', 'boxoffice_' || pg_catalog.lower(p_role), p_login);
  END IF;
  EXECUTE pg_catalog.format('ALTER ROLE %I SET statement_timeout = %L', p_login, '15s');
  EXECUTE pg_catalog.format('ALTER ROLE %I SET lock_timeout = %L', p_login, '3s');
  EXECUTE pg_catalog.format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_login, '60s');
  INSERT INTO public.staff (organization_id, login_role, staff_role, display_name)
  VALUES (p_org, p_login, p_role, p_display)
  ON CONFLICT (login_role) DO UPDATE SET organization_id = EXCLUDED.organization_id,
     staff_role = EXCLUDED.staff_role, display_name = EXCLUDED.display_name, deleted = false
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;
REVOKE ALL ON FUNCTION add_staff_login(name, uuid, text, text, text) FROM PUBLIC;
ALTER FUNCTION add_staff_login(name, uuid, text, text, text) OWNER TO boxoffice_owner;
