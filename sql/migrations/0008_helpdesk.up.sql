-- 0008 help desk and gate (issue 7): find any attendee as you type (pg_trgm), their
-- orders (the spec's query 5, corrected and paginated by keyset), each order's tickets
-- with scans and print history; cancellations with a refund record; exchanges to
-- other seats or another performance in one transaction; every lookup of a person
-- recorded; contact details readable only through those recorded lookups.
-- Same rules as 0003: SECURITY DEFINER functions owned by boxoffice_api, pinned
-- search_path (pg_catalog, pg_temp), every name schema-qualified.
SET LOCAL search_path = public, ext;
SET LOCAL ROLE boxoffice_owner;

-- ---------------------------------------------------------------------------
-- Tables and indexes
-- ---------------------------------------------------------------------------

-- Money handed back: one row per cancellation or exchange that returns money (or
-- explicitly none: method NONE, amount 0), against the order the money was paid on.
CREATE TABLE refunds (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    order_id        uuid NOT NULL,
    method          text NOT NULL CHECK (method IN ('CASH', 'CARD', 'NONE')),
    amount          numeric(10, 2) NOT NULL CHECK (amount >= 0),
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    ticket_ids      uuid[] NOT NULL CHECK (cardinality(ticket_ids) > 0),
    created_by      name NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CHECK ((method = 'NONE') = (amount = 0)),
    FOREIGN KEY (organization_id, order_id) REFERENCES orders (organization_id, id)
);
CREATE INDEX idx_refunds_order ON refunds (order_id);
-- a shift's refunds are found by login and time, like its payments
CREATE INDEX idx_refunds_created_by ON refunds (created_by, created_at);
CREATE TRIGGER refunds_touch BEFORE UPDATE ON refunds FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Who looked whom up (append-only): the search typed, or the person / order opened.
CREATE TABLE person_lookups (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    who             name NOT NULL DEFAULT session_user,
    kind            text NOT NULL CHECK (kind IN ('SEARCH', 'PERSON', 'ORDER')),
    query           text CHECK (length(query) <= 200),
    user_id         uuid,
    order_id        uuid,
    results         integer CHECK (results >= 0)
);
CREATE INDEX idx_person_lookups_org_at ON person_lookups (organization_id, at DESC);
CREATE INDEX idx_person_lookups_user ON person_lookups (user_id, at DESC) WHERE user_id IS NOT NULL;

CREATE FUNCTION person_lookups_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'person_lookups is append-only' USING ERRCODE = 'BO005';
END $$;
CREATE TRIGGER person_lookups_append_only BEFORE UPDATE OR DELETE ON person_lookups
    FOR EACH ROW EXECUTE FUNCTION person_lookups_append_only();
CREATE TRIGGER person_lookups_no_truncate BEFORE TRUNCATE ON person_lookups
    FOR EACH STATEMENT EXECUTE FUNCTION person_lookups_append_only();

-- Search as you type: trigrams for fuzzy names and partial e-mails and phones, a
-- prefix index for the first two letters (too short for a trigram).
CREATE INDEX idx_users_name_trgm ON users USING gin (full_name gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX idx_users_name_prefix ON users (organization_id, lower(full_name) text_pattern_ops)
    WHERE NOT deleted;
CREATE INDEX idx_users_email_trgm ON users USING gin (lower(email) gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX idx_users_phone_trgm ON users USING gin (regexp_replace(phone, '[^0-9]', '', 'g') gin_trgm_ops)
    WHERE NOT deleted;
-- A person's orders newest first whatever their status (keyset pages of query 5).
CREATE INDEX idx_orders_user_created ON orders (user_id, created_at DESC, id DESC);

-- An exchange pays for the new tickets partly with what the old ones were worth.
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
    CHECK (method IN ('CASH', 'CARD', 'COMP', 'EXCHANGE'));
RESET ROLE;

ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
ALTER TABLE refunds FORCE ROW LEVEL SECURITY;
CREATE POLICY refunds_org ON refunds USING (organization_id = (SELECT current_org_id()))
    WITH CHECK (organization_id = (SELECT current_org_id()));
CREATE TRIGGER refunds_audit AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION audit_row();
GRANT SELECT, INSERT ON refunds TO boxoffice_api;
GRANT SELECT ON refunds TO boxoffice_clerk, boxoffice_supervisor, boxoffice_report;

ALTER TABLE person_lookups ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_lookups FORCE ROW LEVEL SECURITY;
CREATE POLICY person_lookups_org ON person_lookups USING (organization_id = (SELECT current_org_id()))
    WITH CHECK (organization_id = (SELECT current_org_id()));
GRANT SELECT, INSERT ON person_lookups TO boxoffice_api;
GRANT SELECT ON person_lookups TO boxoffice_supervisor;
REVOKE ALL ON FUNCTION person_lookups_append_only() FROM PUBLIC;

-- Contact details only through the recorded lookups below: clerks and the help desk
-- read a person's name from the table, never their e-mail or phone.
REVOKE SELECT ON users FROM boxoffice_clerk, boxoffice_helpdesk;
GRANT SELECT (id, organization_id, full_name, is_walk_up, deleted, created_at, updated_at)
      ON users TO boxoffice_clerk, boxoffice_helpdesk;

-- ---------------------------------------------------------------------------
-- Lookup
-- ---------------------------------------------------------------------------

CREATE FUNCTION _log_lookup(p_kind text, p_query text, p_user uuid, p_order uuid, p_results integer)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO public.person_lookups (organization_id, kind, query, user_id, order_id, results)
  VALUES (public.current_org_id(), p_kind, pg_catalog.left(p_query, 200), p_user, p_order, p_results)
$$;

-- LIKE's wildcards in what a person typed are letters, not wildcards.
CREATE FUNCTION _like_escape(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p_text, '\', '\\'), '%', '\%'), '_', '\_')
$$;

-- One search box. What the text looks like decides how it is searched:
--   a ticket's QR token (40 hex digits; a scanner types it and Enter) → its holder;
--   hex digits with at least one digit, 4 to 32 of them (dashes ignored) → orders
--     whose reference (id) starts with them (digits only: phones containing them too);
--   mostly digits (at least 4) → phone numbers containing those digits;
--   anything else → names, typo-tolerant (trigram similarity of the words), and
--     e-mails containing the text; one or two letters → names starting with them.
-- Every search is recorded (person_lookups). Results: best match first.
-- The candidates of a search, as ids with a score (best first, at most p_limit), of
-- organisation p_org only. Owned by boxoffice_report, which bypasses row-level
-- security: under RLS the planner may not use the trigram and prefix indexes, because
-- their operators are not leakproof (measured on 100,000 people: 250 ms a keystroke
-- scanning every row of the organisation, against 5-40 ms with the indexes). The
-- organisation is the caller's (find_attendees passes current_org_id()), and
-- find_attendees reads the people themselves back under RLS: a second fence.
CREATE FUNCTION _attendee_candidates(p_org uuid, p_how text, p_q text, p_limit integer)
RETURNS TABLE (id uuid, score real, matched text)
-- ROWS: a page of people, so the people are read back by their key, not by a scan
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, pg_temp
SET pg_trgm.similarity_threshold = 0.3 SET pg_trgm.word_similarity_threshold = 0.5 AS $$
DECLARE
  v_like text := '%' || public._like_escape(p_q) || '%';
BEGIN
  -- EXECUTE: planned with the text typed, so a LIKE prefix can use its index (a cached
  -- generic plan could not)
  IF p_org IS NULL THEN
    RETURN;
  ELSIF p_how = 'phone' THEN
    RETURN QUERY EXECUTE
    $q$SELECT u.id, 1::real, 'phone'::text FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted
          AND pg_catalog.regexp_replace(u.phone, '[^0-9]', '', 'g') LIKE $2
        ORDER BY u.full_name LIMIT $3$q$ USING p_org, '%' || p_q || '%', p_limit;
  ELSIF p_how = 'prefix' THEN
    RETURN QUERY EXECUTE
    $q$SELECT u.id, 1::real, 'name'::text FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
          AND pg_catalog.lower(u.full_name) LIKE $2
        ORDER BY pg_catalog.lower(u.full_name) USING OPERATOR(pg_catalog.~<~) LIMIT $3$q$
    USING p_org, public._like_escape(p_q) || '%', p_limit;
  ELSE
    RETURN QUERY EXECUTE
    $q$SELECT u.id,
              GREATEST(ext.word_similarity($2, pg_catalog.lower(u.full_name)),
                       CASE WHEN pg_catalog.lower(u.email) LIKE $3 THEN 0.9 ELSE 0 END)::real,
              CASE WHEN pg_catalog.lower(u.email) LIKE $3 THEN 'email' ELSE 'name' END
         FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
          AND ($2 OPERATOR(ext.<%) u.full_name
               OR u.full_name OPERATOR(ext.%) $2
               OR pg_catalog.lower(u.email) LIKE $3)
        ORDER BY 2 DESC, u.full_name LIMIT $4$q$ USING p_org, p_q, v_like, p_limit;
  END IF;
END $$;
ALTER FUNCTION _attendee_candidates(uuid, text, text, integer) OWNER TO boxoffice_report;
REVOKE ALL ON FUNCTION _attendee_candidates(uuid, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION _attendee_candidates(uuid, text, text, integer) TO boxoffice_api;
GRANT SELECT ON users TO boxoffice_report;
GRANT EXECUTE ON FUNCTION ext.word_similarity(text, text), ext.word_similarity_op(text, text),
      ext.similarity_op(text, text) TO boxoffice_report;

CREATE FUNCTION find_attendees(p_query text, p_limit integer DEFAULT 20)
RETURNS TABLE (user_id uuid, full_name text, email text, phone text, orders bigint,
               last_order_at timestamptz, matched text, order_id uuid, ticket_id uuid,
               score real)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_q text := pg_catalog.btrim(COALESCE(p_query, ''));
  v_lq text := pg_catalog.lower(pg_catalog.btrim(COALESCE(p_query, '')));
  v_hex text := pg_catalog.replace(pg_catalog.lower(pg_catalog.btrim(COALESCE(p_query, ''))), '-', '');
  v_digits text := pg_catalog.regexp_replace(COALESCE(p_query, ''), '[^0-9]', '', 'g');
  v_limit integer := LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);
  v_n integer;
  v_k integer;
BEGIN
  IF pg_catalog.length(v_q) > 200 THEN
    RAISE EXCEPTION 'a search is at most 200 characters' USING ERRCODE = 'BO008';
  END IF;
  IF v_q = '' THEN
    RETURN;
  END IF;
  IF v_q ~ '^[0-9A-Fa-f]{40}$' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, 1::bigint, o.created_at, 'ticket'::text, o.id, t.id,
           1::real
      FROM public.tickets t JOIN public.orders o ON o.id = t.order_id JOIN public.users u ON u.id = o.user_id
     WHERE t.qr_code_hash = public._token_hash(pg_catalog.upper(v_q));
  ELSIF v_hex ~ '^[0-9a-f]{4,32}$' AND v_hex ~ '[0-9]' AND v_q !~ '[^0-9A-Fa-f-]'
        AND (v_q ~ '[A-Fa-f-]' OR pg_catalog.length(v_digits) >= 4) THEN
    -- Digits only could be a phone or an order reference: both are listed.
    IF v_q ~ '^[0-9]+$' THEN
      RETURN QUERY
      SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
             c.score
        FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
        JOIN public.users u ON u.id = c.id
        LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                            WHERE o.user_id = u.id) s ON true
       ORDER BY c.score DESC, u.full_name;
      GET DIAGNOSTICS v_n = ROW_COUNT;
    END IF;
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, 1::bigint, o.created_at, 'order'::text, o.id, NULL::uuid,
           1::real
      FROM public.orders o JOIN public.users u ON u.id = o.user_id
     WHERE o.id BETWEEN pg_catalog.rpad(v_hex, 32, '0')::uuid AND pg_catalog.rpad(v_hex, 32, 'f')::uuid
       AND NOT o.deleted
     ORDER BY o.created_at DESC LIMIT v_limit;
  ELSIF pg_catalog.length(v_digits) >= 4 AND v_q !~ '[^0-9 +()./-]' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY u.full_name;
  ELSIF pg_catalog.length(v_q) < 3 THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'prefix', v_lq, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY pg_catalog.lower(u.full_name);
  ELSE
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'fuzzy', v_lq, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY c.score DESC, u.full_name;
  END IF;
  GET DIAGNOSTICS v_k = ROW_COUNT;
  PERFORM public._log_lookup('SEARCH', v_q, NULL, NULL, COALESCE(v_n, 0) + v_k);
END $$;

-- A person's orders, newest first (the spec's query 5, corrected: pending orders have
-- no tickets yet and are kept; cancelled tickets are counted apart; pages by keyset —
-- pass the last row's created_at and order_id to get the next page). Recorded.
CREATE FUNCTION attendee_orders(p_user_id uuid, p_before_at timestamptz DEFAULT NULL,
                                p_before_id uuid DEFAULT NULL, p_limit integer DEFAULT 20)
RETURNS TABLE (order_id uuid, created_at timestamptz, paid_at timestamptz, status text,
               total_amount numeric, refunded numeric, event_id uuid, event_title text,
               start_time timestamptz, tickets_valid bigint, tickets_used bigint,
               tickets_cancelled bigint, places bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_limit integer := LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);
BEGIN
  PERFORM 1 FROM public.users u WHERE u.id = p_user_id AND NOT u.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'person % not found', p_user_id USING ERRCODE = 'BO001';
  END IF;
  IF p_before_at IS NULL THEN
    PERFORM public._log_lookup('PERSON', NULL, p_user_id, NULL, NULL);
  END IF;
  RETURN QUERY
  SELECT o.id, o.created_at, o.paid_at, o.status, o.total_amount,
         COALESCE((SELECT sum(r.amount) FROM public.refunds r WHERE r.order_id = o.id), 0),
         e.id, e.title, e.start_time,
         count(t.id) FILTER (WHERE t.status = 'VALID'),
         count(t.id) FILTER (WHERE t.status = 'USED'),
         count(t.id) FILTER (WHERE t.status = 'CANCELLED'),
         (SELECT count(*) FROM public.order_items oi WHERE oi.order_id = o.id)
    FROM public.orders o
    JOIN public.events e ON e.id = o.event_id
    LEFT JOIN public.tickets t ON t.order_id = o.id AND NOT t.deleted
   WHERE o.user_id = p_user_id AND NOT o.deleted
     AND (p_before_at IS NULL OR (o.created_at, o.id) < (p_before_at, p_before_id))
   GROUP BY o.id, e.id
   ORDER BY o.created_at DESC, o.id DESC
   LIMIT v_limit;
END $$;

-- An order's tickets: seat, tier, price, status; when and at which gate it was
-- admitted; cancellation; how often and where it was printed. Recorded.
CREATE FUNCTION order_tickets(p_order_id uuid)
RETURNS TABLE (ticket_id uuid, event_id uuid, section_name text, row_label text, number_label text,
               tier_name text, price numeric, status text, scanned_at timestamptz, scanned_gate text,
               cancelled_at timestamptz, cancel_reason text, reprints integer, prints bigint,
               last_printed_at timestamptz, last_printer text, last_print_status text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_user uuid;
BEGIN
  SELECT o.user_id INTO v_user FROM public.orders o WHERE o.id = p_order_id AND NOT o.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % not found', p_order_id USING ERRCODE = 'BO001';
  END IF;
  PERFORM public._log_lookup('ORDER', NULL, v_user, p_order_id, NULL);
  RETURN QUERY
  SELECT t.id, t.event_id, sec.name, s.row_label, s.number_label, tt.name, t.price_snapshot, t.status,
         t.scanned_at,
         (SELECT tv.gate FROM public.ticket_validations tv
           WHERE tv.ticket_id = t.id AND tv.result = 'ADMITTED'
           ORDER BY tv.validated_at DESC LIMIT 1),
         t.cancelled_at, t.cancel_reason, t.reprints,
         (SELECT count(*) FROM public.ticket_prints tp WHERE tp.ticket_id = t.id),
         lp.created_at, lp.printer, lp.status
    FROM public.tickets t
    JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
    JOIN public.sections sec ON sec.id = tt.section_id
    LEFT JOIN public.seats s ON s.id = t.seat_id
    LEFT JOIN LATERAL (SELECT tp.created_at, tp.printer, tp.status FROM public.ticket_prints tp
                        WHERE tp.ticket_id = t.id ORDER BY tp.created_at DESC LIMIT 1) lp ON true
   WHERE t.order_id = p_order_id AND NOT t.deleted
   ORDER BY sec.name, s.row_label, (NULLIF(pg_catalog.regexp_replace(s.number_label, '[^0-9]', '', 'g'), ''))::integer,
            s.number_label, t.id;
END $$;

-- ---------------------------------------------------------------------------
-- Cancellations with refunds, exchanges
-- ---------------------------------------------------------------------------

-- What tickets of one order are worth to their holder: face value plus the fee paid
-- with each, but never more than the order's money taken (comps are worth nothing)
-- less what was refunded on it already.
CREATE FUNCTION _worth(p_order_id uuid, p_ticket_ids uuid[]) RETURNS numeric
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT GREATEST(LEAST(
    (SELECT COALESCE(sum(t.price_snapshot
                         + COALESCE((SELECT oi.unit_fee FROM public.order_items oi
                                      WHERE oi.order_id = t.order_id AND oi.ticket_tier_id = t.ticket_tier_id
                                        AND oi.seat_id IS NOT DISTINCT FROM t.seat_id LIMIT 1), 0)), 0)
       FROM public.tickets t WHERE t.id = ANY (p_ticket_ids) AND t.order_id = p_order_id),
    (SELECT COALESCE(sum(p.amount) FILTER (WHERE p.method <> 'COMP'), 0)
       FROM public.payments p WHERE p.order_id = p_order_id)
    - (SELECT COALESCE(sum(r.amount), 0) FROM public.refunds r WHERE r.order_id = p_order_id)), 0)
$$;

-- Locks the tickets (in id order) and checks they exist, are VALID and belong to one
-- order. Returns the order, its buyer and what the tickets are worth (_worth).
CREATE FUNCTION _tickets_worth(p_ticket_ids uuid[], OUT order_id uuid, OUT worth numeric,
                               OUT user_id uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_t record;
  v_n integer := 0;
BEGIN
  IF p_ticket_ids IS NULL OR pg_catalog.cardinality(p_ticket_ids) = 0 THEN
    RAISE EXCEPTION 'no tickets given' USING ERRCODE = 'BO008';
  END IF;
  FOR v_t IN SELECT t.id, t.order_id, t.status FROM public.tickets t
              WHERE t.id = ANY (p_ticket_ids) AND NOT t.deleted
              ORDER BY t.id FOR UPDATE OF t LOOP
    IF order_id IS NULL THEN
      order_id := v_t.order_id;
    ELSIF order_id <> v_t.order_id THEN
      RAISE EXCEPTION 'the tickets belong to different orders: take one order at a time'
        USING ERRCODE = 'BO008';
    END IF;
    IF v_t.status <> 'VALID' THEN
      RAISE EXCEPTION 'ticket % is % and cannot be taken back', v_t.id, pg_catalog.lower(v_t.status)
        USING ERRCODE = 'BO006';
    END IF;
    v_n := v_n + 1;
  END LOOP;
  IF v_n <> (SELECT count(DISTINCT x) FROM pg_catalog.unnest(p_ticket_ids) x) THEN
    RAISE EXCEPTION 'a ticket was not found' USING ERRCODE = 'BO001';
  END IF;
  worth := public._worth(order_id, p_ticket_ids);
  SELECT o.user_id INTO user_id FROM public.orders o WHERE o.id = _tickets_worth.order_id;
END $$;

-- What cancelling these tickets can refund at most (and what an exchange credits),
-- for the screen to offer before asking: no locks, nothing recorded. NULL when the
-- tickets are not all valid tickets of one order.
CREATE FUNCTION refund_worth(p_ticket_ids uuid[]) RETURNS numeric
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN count(DISTINCT t.order_id) = 1 AND bool_and(t.status = 'VALID')
                   AND count(*) = (SELECT count(DISTINCT x) FROM pg_catalog.unnest(p_ticket_ids) x)
              THEN public._worth(min(t.order_id::text)::uuid, p_ticket_ids) END
    FROM public.tickets t WHERE t.id = ANY (p_ticket_ids) AND NOT t.deleted
$$;

CREATE FUNCTION _refund(p_org uuid, p_order_id uuid, p_ticket_ids uuid[], p_method text,
                        p_amount numeric, p_reason text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_method text := pg_catalog.upper(NULLIF(pg_catalog.btrim(p_method), ''));
  v_id uuid;
BEGIN
  IF COALESCE(p_amount, 0) = 0 THEN
    IF v_method IS NOT NULL AND v_method <> 'NONE' THEN
      RAISE EXCEPTION 'a refund of 0.00 has no method (%): leave it out', v_method USING ERRCODE = 'BO004';
    END IF;
    v_method := 'NONE';
  ELSIF v_method IS NULL OR v_method NOT IN ('CASH', 'CARD') THEN
    RAISE EXCEPTION 'a refund of % is paid back in CASH or to the CARD, not %', p_amount,
      COALESCE(p_method, 'nothing') USING ERRCODE = 'BO008';
  END IF;
  INSERT INTO public.refunds (organization_id, order_id, method, amount, reason, ticket_ids)
  VALUES (p_org, p_order_id, v_method, COALESCE(p_amount, 0), pg_catalog.left(p_reason, 500), p_ticket_ids)
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;

-- Cancels valid tickets of one order with a reason and records the refund (method
-- CASH or CARD and an amount up to what the tickets are worth, or no refund: 0).
-- Seats go back on sale and GA places return at once (cancel_ticket); the seat maps
-- hear of it (NOTIFY). All or nothing.
CREATE FUNCTION cancel_tickets(p_ticket_ids uuid[], p_reason text, p_refund_method text DEFAULT NULL,
                               p_refund_amount numeric DEFAULT 0)
RETURNS TABLE (refund_id uuid, order_id uuid, cancelled integer, refunded numeric, worth numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_reason text := NULLIF(pg_catalog.btrim(p_reason), '');
  v_w record;
  v_id uuid;
BEGIN
  IF v_reason IS NULL THEN
    RAISE EXCEPTION 'say why the tickets are cancelled' USING ERRCODE = 'BO008';
  END IF;
  IF p_refund_amount < 0 OR p_refund_amount <> pg_catalog.round(p_refund_amount, 2) THEN
    RAISE EXCEPTION 'a refund is an amount in cents, zero or more, not %', p_refund_amount
      USING ERRCODE = 'BO004';
  END IF;
  SELECT * INTO v_w FROM public._tickets_worth(p_ticket_ids);
  IF COALESCE(p_refund_amount, 0) > v_w.worth THEN
    RAISE EXCEPTION 'the refund (%) is more than the tickets are worth (%)', p_refund_amount, v_w.worth
      USING ERRCODE = 'BO004';
  END IF;
  FOR v_id IN SELECT DISTINCT x FROM pg_catalog.unnest(p_ticket_ids) x ORDER BY 1 LOOP
    PERFORM public.cancel_ticket(v_id, v_reason);
  END LOOP;
  refund_id := public._refund(v_org, v_w.order_id,
                              ARRAY(SELECT DISTINCT x FROM pg_catalog.unnest(p_ticket_ids) x ORDER BY 1),
                              p_refund_method, p_refund_amount, v_reason);
  order_id := v_w.order_id;
  cancelled := (SELECT count(DISTINCT x) FROM pg_catalog.unnest(p_ticket_ids) x);
  refunded := COALESCE(p_refund_amount, 0);
  worth := v_w.worth;
  RETURN NEXT;
END $$;

-- A whole order: every ticket still valid.
CREATE FUNCTION cancel_order(p_order_id uuid, p_reason text, p_refund_method text DEFAULT NULL,
                             p_refund_amount numeric DEFAULT 0)
RETURNS TABLE (refund_id uuid, order_id uuid, cancelled integer, refunded numeric, worth numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_ids uuid[];
BEGIN
  PERFORM public._require_staff();
  PERFORM 1 FROM public.orders o WHERE o.id = p_order_id AND NOT o.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % not found', p_order_id USING ERRCODE = 'BO001';
  END IF;
  v_ids := ARRAY(SELECT t.id FROM public.tickets t
                  WHERE t.order_id = p_order_id AND t.status = 'VALID' AND NOT t.deleted ORDER BY t.id);
  IF pg_catalog.cardinality(v_ids) = 0 THEN
    RAISE EXCEPTION 'order % has no valid tickets to cancel', p_order_id USING ERRCODE = 'BO006';
  END IF;
  RETURN QUERY SELECT * FROM public.cancel_tickets(v_ids, p_reason, p_refund_method, p_refund_amount);
END $$;

-- Tickets of a paid order issued with new tokens (mark_paid's second half, shared
-- with exchange_tickets so there is one way to issue a ticket).
CREATE FUNCTION _issue_tickets(p_org uuid, p_order_id uuid)
RETURNS TABLE (ticket_id uuid, seat_id uuid, token text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_event uuid;
  v_item record;
  v_token text;
  v_ticket uuid;
BEGIN
  SELECT o.event_id INTO v_event FROM public.orders o WHERE o.id = p_order_id;
  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = v_event AND i.hold_id = p_order_id
   ORDER BY i.seat_id FOR UPDATE;
  FOR v_item IN SELECT oi.id, oi.ticket_tier_id, oi.seat_id, oi.unit_price, tt.section_id
                  FROM public.order_items oi JOIN public.ticket_tiers tt ON tt.id = oi.ticket_tier_id
                 WHERE oi.order_id = p_order_id ORDER BY oi.seat_id NULLS LAST, tt.section_id, oi.id LOOP
    v_token := public._new_token();
    INSERT INTO public.tickets (organization_id, order_id, event_id, ticket_tier_id, seat_id,
                                status, qr_code_hash, price_snapshot)
    VALUES (p_org, p_order_id, v_event, v_item.ticket_tier_id, v_item.seat_id,
            'VALID', public._token_hash(v_token), v_item.unit_price)
    RETURNING id INTO v_ticket;
    IF v_item.seat_id IS NOT NULL THEN
      UPDATE public.event_seats i SET status = 'SOLD', ticket_id = v_ticket, hold_id = NULL,
             held_by = NULL, hold_expires_at = NULL
       WHERE i.event_id = v_event AND i.seat_id = v_item.seat_id
         AND i.status = 'HELD' AND i.hold_id = p_order_id;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'a seat of order % is no longer held for it', p_order_id USING ERRCODE = 'BO007';
      END IF;
    ELSE
      UPDATE public.event_sections es SET held = es.held - 1, sold = es.sold + 1
       WHERE es.event_id = v_event AND es.section_id = v_item.section_id;
    END IF;
    ticket_id := v_ticket; seat_id := v_item.seat_id; token := v_token;
    RETURN NEXT;
  END LOOP;
  UPDATE public.orders SET status = 'PAID', paid_at = pg_catalog.clock_timestamp(), expires_at = NULL
   WHERE id = p_order_id;
END $$;

CREATE OR REPLACE FUNCTION mark_paid(p_order_id uuid, p_payments jsonb)
RETURNS TABLE (ticket_id uuid, seat_id uuid, token text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_order record;
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
  RETURN QUERY SELECT * FROM public._issue_tickets(v_org, p_order_id);
END $$;

-- Moves valid tickets of one order to other seats or another performance in one
-- transaction. The new seats are held first like any sale (hold_seats with hold id
-- p_order_id, the new order's client-made id); p_items as for create_order. What the
-- old tickets are worth pays for the new ones (a payment EXCHANGE on the new order);
-- a difference due is taken with p_payments (as mark_paid's, adding up to it), a
-- difference owed back is refunded with p_refund_method on the old order. The old
-- tickets are cancelled (their seats back on sale), the new ones issued with tokens.
CREATE FUNCTION exchange_tickets(p_ticket_ids uuid[], p_order_id uuid, p_event_id uuid,
                                 p_items jsonb, p_reason text, p_payments jsonb DEFAULT NULL,
                                 p_refund_method text DEFAULT NULL)
RETURNS TABLE (ticket_id uuid, seat_id uuid, token text, worth numeric, total numeric,
               paid numeric, refunded numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_reason text := NULLIF(pg_catalog.btrim(p_reason), '');
  v_w record;
  v_total numeric;
  v_due numeric;
  v_id uuid;
BEGIN
  IF v_reason IS NULL THEN
    RAISE EXCEPTION 'say why the tickets are exchanged' USING ERRCODE = 'BO008';
  END IF;
  SELECT * INTO v_w FROM public._tickets_worth(p_ticket_ids);
  FOR v_id IN SELECT DISTINCT x FROM pg_catalog.unnest(p_ticket_ids) x ORDER BY 1 LOOP
    PERFORM public.cancel_ticket(v_id, 'exchanged: ' || v_reason);
  END LOOP;
  SELECT c.total_amount INTO v_total FROM public.create_order(p_order_id, p_event_id, p_items) c;
  UPDATE public.orders o SET user_id = v_w.user_id WHERE o.id = p_order_id AND o.status = 'PENDING';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % was already used for another sale', p_order_id USING ERRCODE = 'BO006';
  END IF;
  v_due := v_total - v_w.worth;
  IF LEAST(v_w.worth, v_total) > 0 THEN
    INSERT INTO public.payments (organization_id, order_id, method, amount, reference, reason)
    VALUES (v_org, p_order_id, 'EXCHANGE', LEAST(v_w.worth, v_total), v_w.order_id::text,
            pg_catalog.left(v_reason, 500));
  END IF;
  IF v_due > 0 THEN
    PERFORM public._record_payments(v_org, p_order_id, v_due, p_payments);
  ELSIF p_payments IS NOT NULL AND pg_catalog.jsonb_typeof(p_payments) = 'array'
        AND pg_catalog.jsonb_array_length(p_payments) > 0 THEN
    RAISE EXCEPTION 'nothing is due on this exchange: take no payment' USING ERRCODE = 'BO004';
  END IF;
  IF v_due < 0 THEN
    PERFORM public._refund(v_org, v_w.order_id,
                           ARRAY(SELECT DISTINCT x FROM pg_catalog.unnest(p_ticket_ids) x ORDER BY 1),
                           p_refund_method, -v_due, 'exchange: ' || v_reason);
  ELSIF p_refund_method IS NOT NULL AND pg_catalog.upper(p_refund_method) <> 'NONE' THEN
    RAISE EXCEPTION 'nothing is owed back on this exchange' USING ERRCODE = 'BO004';
  END IF;
  RETURN QUERY
  SELECT i.ticket_id, i.seat_id, i.token, v_w.worth, v_total, GREATEST(v_due, 0), GREATEST(-v_due, 0)
    FROM public._issue_tickets(v_org, p_order_id) i;
END $$;

-- ---------------------------------------------------------------------------
-- Shifts count refunds: cash handed back leaves the drawer
-- ---------------------------------------------------------------------------

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
         expected_cash = v_shift.float_amount + p.cash - r.cash, expected_card = p.card - r.card,
         variance_cash = p_counted_cash - (v_shift.float_amount + p.cash - r.cash),
         variance_card = p_counted_card - (p.card - r.card)
    FROM (SELECT COALESCE(sum(pm.amount) FILTER (WHERE pm.method = 'CASH'), 0) AS cash,
                 COALESCE(sum(pm.amount) FILTER (WHERE pm.method = 'CARD'), 0) AS card
            FROM public.payments pm
           WHERE pm.created_by = session_user
             AND pm.created_at BETWEEN v_shift.opened_at AND v_closed) p,
         (SELECT COALESCE(sum(rf.amount) FILTER (WHERE rf.method = 'CASH'), 0) AS cash,
                 COALESCE(sum(rf.amount) FILTER (WHERE rf.method = 'CARD'), 0) AS card
            FROM public.refunds rf
           WHERE rf.created_by = session_user
             AND rf.created_at BETWEEN v_shift.opened_at AND v_closed) r
   WHERE s.id = v_shift.id
  RETURNING s.id, s.opened_at, s.closed_at, s.counted_cash, s.counted_card;
END $$;

-- As 0007's, with the shift's refunds (two more columns at the end; expected
-- amounts of an open shift count them too).
DROP FUNCTION shift_report(uuid);
CREATE FUNCTION shift_report(p_shift_id uuid)
RETURNS TABLE (shift_id uuid, staff_login name, display_name text, opened_at timestamptz,
               closed_at timestamptz, float_amount numeric,
               cash_payments bigint, cash_taken numeric, expected_cash numeric,
               counted_cash numeric, variance_cash numeric,
               card_payments bigint, card_taken numeric, expected_card numeric,
               counted_card numeric, variance_card numeric,
               comp_payments bigint, cancelled_tickets bigint, cancelled_face_value numeric,
               signed_off_by name, signed_off_at timestamptz, note text,
               cash_refunded numeric, card_refunded numeric)
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
  ), r AS (
    SELECT COALESCE(sum(rf.amount) FILTER (WHERE rf.method = 'CASH'), 0) AS cash,
           COALESCE(sum(rf.amount) FILTER (WHERE rf.method = 'CARD'), 0) AS card
      FROM public.refunds rf
     WHERE rf.created_by = v_s.staff_login AND rf.created_at BETWEEN v_s.opened_at AND v_until
  ), c AS (
    SELECT count(*) AS n, COALESCE(sum(t.price_snapshot), 0) AS v FROM public.tickets t
     WHERE t.status = 'CANCELLED' AND t.order_id IN (SELECT p.order_id FROM p WHERE p.method <> 'COMP')
  )
  SELECT v_s.id, v_s.staff_login, st.display_name, v_s.opened_at, v_s.closed_at, v_s.float_amount,
         (SELECT count(*) FROM p WHERE p.method = 'CASH'),
         (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CASH'),
         COALESCE(v_s.expected_cash,
                  v_s.float_amount + (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CASH') - r.cash),
         v_s.counted_cash, v_s.variance_cash,
         (SELECT count(*) FROM p WHERE p.method = 'CARD'),
         (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CARD'),
         COALESCE(v_s.expected_card, (SELECT COALESCE(sum(p.amount), 0) FROM p WHERE p.method = 'CARD') - r.card),
         v_s.counted_card, v_s.variance_card,
         (SELECT count(*) FROM p WHERE p.method = 'COMP'),
         c.n, c.v, v_s.signed_off_by, v_s.signed_off_at, v_s.note, r.cash, r.card
    FROM c CROSS JOIN r LEFT JOIN public.staff st ON st.login_role = v_s.staff_login;
END $$;

DO $own$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('_log_lookup', '_like_escape', 'find_attendees', 'attendee_orders',
                                'order_tickets', '_worth', '_tickets_worth', 'refund_worth', '_refund', 'cancel_tickets',
                                'cancel_order', '_issue_tickets', 'mark_paid', 'exchange_tickets',
                                'close_shift', 'shift_report') LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO boxoffice_api', f);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$own$;
GRANT EXECUTE ON FUNCTION mark_paid(uuid, jsonb) TO boxoffice_clerk;
GRANT EXECUTE ON FUNCTION close_shift(numeric, numeric), shift_report(uuid) TO boxoffice_clerk;
-- Looking people up: everyone at the window; cancelling with a refund: the help desk and
-- supervisors (as cancel_ticket); exchanging needs seats held and money taken: clerks
-- (supervisors are clerks too).
GRANT EXECUTE ON FUNCTION find_attendees(text, integer),
      attendee_orders(uuid, timestamptz, uuid, integer), order_tickets(uuid), refund_worth(uuid[])
      TO boxoffice_staff;
GRANT EXECUTE ON FUNCTION cancel_tickets(uuid[], text, text, numeric),
      cancel_order(uuid, text, text, numeric) TO boxoffice_supervisor, boxoffice_helpdesk;
GRANT EXECUTE ON FUNCTION exchange_tickets(uuid[], uuid, uuid, jsonb, text, jsonb, text)
      TO boxoffice_clerk;
GRANT EXECUTE ON FUNCTION _like_escape(text) TO boxoffice_report;
