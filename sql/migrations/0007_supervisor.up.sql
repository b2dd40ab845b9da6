-- 0007 supervisor: event set-up (sections, capacity, publish, close, tiers), seats
-- taken off sale (kills) and sold from there, clerks' shifts with a blind cash count,
-- and the statistics: three more materialized views, a debounced refresh_stats(),
-- and event_live_stats() from the counters for what must be live.
-- Same rules as 0003: SECURITY DEFINER functions owned by boxoffice_api, pinned
-- search_path, qualified names, refusals with the BO codes of sql/README.md, lock
-- order inventory rows (seat_id order) then GA counters (section_id order).
SET LOCAL search_path = public, ext;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
SET LOCAL ROLE boxoffice_owner;

-- A shift's login is staff of the shift's organisation (composite key, DESIGN.md §3).
ALTER TABLE staff ADD CONSTRAINT staff_organization_id_login_role_key UNIQUE (organization_id, login_role);

-- A kill always says why; the reason stays on a killed seat while a supervisor sells it
-- (HELD), so an abandoned or expired sale puts it back off sale, not on sale.
ALTER TABLE event_seats ADD CONSTRAINT event_seats_kill_shape
    CHECK ((status <> 'KILLED' OR kill_reason IS NOT NULL)
           AND (kill_reason IS NULL OR status IN ('KILLED', 'HELD'))
           AND length(kill_reason) <= 500);

-- One row per clerk's shift. Counted amounts are the clerk's blind count; expected and
-- variance are computed by close_shift() in numeric (exact cents) and are not readable
-- by clerks (column privileges below).
CREATE TABLE shifts (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    staff_login     name NOT NULL DEFAULT session_user,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    float_amount    numeric(10, 2) NOT NULL CHECK (float_amount >= 0),
    closed_at       timestamptz,
    counted_cash    numeric(10, 2) CHECK (counted_cash >= 0),
    counted_card    numeric(10, 2) CHECK (counted_card >= 0),
    expected_cash   numeric(10, 2),
    expected_card   numeric(10, 2),
    variance_cash   numeric(10, 2),
    variance_card   numeric(10, 2),
    signed_off_by   name,
    signed_off_at   timestamptz,
    note            text CHECK (length(note) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CONSTRAINT shifts_closed_shape CHECK (
        (closed_at IS NULL) = (counted_cash IS NULL) AND (closed_at IS NULL) = (counted_card IS NULL)
        AND (closed_at IS NULL) = (expected_cash IS NULL) AND (closed_at IS NULL) = (expected_card IS NULL)
        AND variance_cash IS NOT DISTINCT FROM counted_cash - expected_cash
        AND variance_card IS NOT DISTINCT FROM counted_card - expected_card
        AND closed_at >= opened_at),
    CONSTRAINT shifts_signed_shape CHECK (
        (signed_off_at IS NULL) = (signed_off_by IS NULL)
        AND (signed_off_at IS NULL OR closed_at IS NOT NULL)
        AND signed_off_by <> staff_login),
    FOREIGN KEY (organization_id) REFERENCES organizations (id),
    FOREIGN KEY (organization_id, staff_login) REFERENCES staff (organization_id, login_role),
    FOREIGN KEY (organization_id, signed_off_by) REFERENCES staff (organization_id, login_role)
);
-- one open shift per login
CREATE UNIQUE INDEX uq_shifts_open ON shifts (staff_login) WHERE closed_at IS NULL;
CREATE INDEX idx_shifts_org_opened ON shifts (organization_id, opened_at DESC);
CREATE TRIGGER shifts_touch BEFORE UPDATE ON shifts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- a shift's payments are found by login and time
CREATE INDEX idx_payments_created_by ON payments (created_by, created_at);

-- When the statistics were last refreshed (one row). Not a tenant table: it names no
-- organisation's data; only refresh_stats() (boxoffice_report) reads or writes it.
-- refreshed_at: the start of the last refresh (its figures are at least this fresh);
-- finished_at: its end, from which the debounce window counts.
CREATE TABLE stats_refresh (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    refreshed_at    timestamptz,
    finished_at     timestamptz,
    refreshed_by    name,
    CHECK (finished_at >= refreshed_at)
);
INSERT INTO stats_refresh (id) VALUES (true);

-- A seat held from kills (kill_reason set) stays a kill: released, abandoned or expired
-- it goes back to KILLED, and no other sale can take it over, even after its hold ran
-- out. Sold, it is an ordinary sold seat (a later cancellation puts it on sale).
CREATE FUNCTION event_seats_kill_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_label text;
BEGIN
  IF NEW.status = 'SOLD' THEN
    NEW.kill_reason := NULL;
  ELSIF NEW.status = 'AVAILABLE' THEN
    NEW.status := 'KILLED';
  ELSIF NEW.status = 'HELD' AND NEW.hold_id IS DISTINCT FROM OLD.hold_id THEN
    SELECT s.row_label || '-' || s.number_label INTO v_label FROM public.seats s WHERE s.id = NEW.seat_id;
    RAISE EXCEPTION 'seat not available: % (not for sale)', v_label USING ERRCODE = 'BO002';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER event_seats_kill_guard BEFORE UPDATE ON event_seats FOR EACH ROW
    WHEN (OLD.kill_reason IS NOT NULL AND OLD.status = 'HELD')
    EXECUTE FUNCTION event_seats_kill_guard();
RESET ROLE;

ALTER TABLE shifts ENABLE ROW LEVEL SECURITY;
ALTER TABLE shifts FORCE ROW LEVEL SECURITY;
-- Supervisors (and the functions) see the organisation's shifts; a clerk only their own.
CREATE POLICY shifts_org ON shifts TO boxoffice_api, boxoffice_supervisor
    USING (organization_id = (SELECT current_org_id()))
    WITH CHECK (organization_id = (SELECT current_org_id()));
CREATE POLICY shifts_own ON shifts FOR SELECT TO boxoffice_clerk
    USING (organization_id = (SELECT current_org_id()) AND staff_login = session_user);
CREATE TRIGGER shifts_audit AFTER INSERT OR UPDATE OR DELETE ON shifts
    FOR EACH ROW EXECUTE FUNCTION audit_row();
GRANT SELECT, INSERT, UPDATE ON shifts TO boxoffice_api;
-- Blind count: a clerk never reads what the drawer should hold.
GRANT SELECT (id, organization_id, staff_login, opened_at, float_amount, closed_at, counted_cash,
              counted_card, signed_off_by, signed_off_at, note, created_at, updated_at)
      ON shifts TO boxoffice_clerk;
GRANT SELECT ON shifts TO boxoffice_supervisor;

ALTER TABLE stats_refresh ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_refresh FORCE ROW LEVEL SECURITY;
GRANT SELECT, UPDATE ON stats_refresh TO boxoffice_report;
REVOKE EXECUTE ON FUNCTION event_seats_kill_guard() FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- Event set-up
-- ---------------------------------------------------------------------------

-- Turns a section of the event's venue on or off for the event and sets the GA
-- capacity override (p_capacity NULL: the venue's capacity). A section added to the
-- venue after the event was made joins the event here, with its seats.
CREATE FUNCTION set_event_section(p_event_id uuid, p_section_id uuid, p_active boolean,
                                  p_capacity integer DEFAULT NULL)
RETURNS TABLE (section_id uuid, is_active boolean, capacity integer, sold integer, held integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_event record;
  v_sec record;
  v_es record;
  v_tickets integer;
  v_held integer;
  v_cap integer;
BEGIN
  IF p_active IS NULL THEN
    RAISE EXCEPTION 'say whether the section is on sale for the event (true) or not (false)'
      USING ERRCODE = 'BO008';
  END IF;
  IF p_capacity IS NOT NULL AND p_capacity < 0 THEN
    RAISE EXCEPTION 'a capacity is zero or more, not %', p_capacity USING ERRCODE = 'BO008';
  END IF;
  SELECT e.id, e.venue_id, e.status INTO v_event FROM public.events e
   WHERE e.id = p_event_id AND NOT e.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % not found', p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF v_event.status = 'CANCELLED' THEN
    RAISE EXCEPTION 'event % is cancelled: its sections no longer change', p_event_id
      USING ERRCODE = 'BO006';
  END IF;
  SELECT s.id, s.name, s.type, s.capacity INTO v_sec FROM public.sections s
   WHERE s.id = p_section_id AND s.venue_id = v_event.venue_id AND NOT s.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'section % is not part of the venue of event %', p_section_id, p_event_id
      USING ERRCODE = 'BO001';
  END IF;
  IF v_sec.type = 'NUMBERED' AND p_capacity IS NOT NULL THEN
    RAISE EXCEPTION '%: the seats of a numbered section are its capacity; take seats off sale instead',
      v_sec.name USING ERRCODE = 'BO008';
  END IF;
  PERFORM public._sweep_expired(p_event_id);

  INSERT INTO public.event_sections (organization_id, event_id, section_id, is_active)
  VALUES (v_org, p_event_id, p_section_id, false)
  ON CONFLICT ON CONSTRAINT event_sections_event_id_section_id_key DO NOTHING;
  IF p_active AND v_sec.type = 'NUMBERED' THEN
    INSERT INTO public.event_seats (organization_id, event_id, seat_id)
    SELECT v_org, p_event_id, st.id FROM public.seats st
     WHERE st.section_id = p_section_id AND NOT st.deleted
    ON CONFLICT ON CONSTRAINT event_seats_pkey DO NOTHING;
  END IF;

  IF NOT p_active AND v_sec.type = 'NUMBERED' THEN
    PERFORM 1 FROM public.event_seats i JOIN public.seats st ON st.id = i.seat_id
     WHERE i.event_id = p_event_id AND st.section_id = p_section_id
     ORDER BY i.seat_id FOR UPDATE OF i;
  END IF;
  SELECT es.id, es.sold, es.held INTO v_es FROM public.event_sections es
   WHERE es.event_id = p_event_id AND es.section_id = p_section_id FOR UPDATE;

  IF NOT p_active THEN
    SELECT count(*) INTO v_tickets FROM public.tickets t
      JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
     WHERE t.event_id = p_event_id AND tt.section_id = p_section_id AND t.status IN ('VALID', 'USED');
    IF v_sec.type = 'NUMBERED' THEN
      SELECT count(*) INTO v_held FROM public.event_seats i JOIN public.seats st ON st.id = i.seat_id
       WHERE i.event_id = p_event_id AND st.section_id = p_section_id
         AND i.status = 'HELD' AND i.hold_expires_at >= pg_catalog.clock_timestamp();
    ELSE
      v_held := v_es.held;
    END IF;
    IF v_tickets + v_held > 0 THEN
      RAISE EXCEPTION '% cannot be taken out of the event: % live tickets, % held',
        v_sec.name, v_tickets, v_held USING ERRCODE = 'BO006';
    END IF;
  END IF;
  IF v_sec.type = 'GENERAL' THEN
    v_cap := COALESCE(p_capacity, v_sec.capacity);
    IF v_cap < v_es.sold + v_es.held THEN
      RAISE EXCEPTION '%: capacity % is below the % places already sold or held',
        v_sec.name, v_cap, v_es.sold + v_es.held USING ERRCODE = 'BO003';
    END IF;
  END IF;

  RETURN QUERY
  UPDATE public.event_sections es SET is_active = p_active, custom_capacity = p_capacity
   WHERE es.id = v_es.id
  RETURNING es.section_id, es.is_active, es.capacity, es.sold, es.held;
END $$;

-- DRAFT → PUBLISHED (already published: nothing to do). Needs a price somewhere.
CREATE FUNCTION publish_event(p_event_id uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_status text;
BEGIN
  SELECT e.status INTO v_status FROM public.events e
   WHERE e.id = p_event_id AND NOT e.deleted FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % not found', p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF v_status = 'PUBLISHED' THEN
    RETURN v_status;
  ELSIF v_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'event % is % and cannot be published', p_event_id, pg_catalog.lower(v_status)
      USING ERRCODE = 'BO006';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.event_sections es
                   JOIN public.sections s ON s.id = es.section_id AND NOT s.deleted
                   JOIN public.ticket_tiers tt ON tt.event_id = es.event_id
                                              AND tt.section_id = es.section_id AND NOT tt.deleted
                  WHERE es.event_id = p_event_id AND es.is_active) THEN
    RAISE EXCEPTION 'event % has no price in any section on sale: set a tier first', p_event_id
      USING ERRCODE = 'BO008';
  END IF;
  UPDATE public.events SET status = 'PUBLISHED' WHERE id = p_event_id;
  RETURN 'PUBLISHED';
END $$;

-- PUBLISHED → CLOSED: no new holds or orders (hold_seats and create_order need
-- PUBLISHED); an order already waiting for payment can still be paid.
CREATE FUNCTION close_sales(p_event_id uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_status text;
BEGIN
  SELECT e.status INTO v_status FROM public.events e
   WHERE e.id = p_event_id AND NOT e.deleted FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % not found', p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF v_status = 'CLOSED' THEN
    RETURN v_status;
  ELSIF v_status <> 'PUBLISHED' THEN
    RAISE EXCEPTION 'event % is %: only a published event closes its sales', p_event_id,
      pg_catalog.lower(v_status) USING ERRCODE = 'BO006';
  END IF;
  UPDATE public.events SET status = 'CLOSED' WHERE id = p_event_id;
  RETURN 'CLOSED';
END $$;

-- Soft-deletes a price tier nobody holds a ticket or a pending order of.
-- (set_tier with the same name brings it back.)
CREATE FUNCTION delete_tier(p_tier_id uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_tier record;
  v_tickets integer;
  v_pending integer;
BEGIN
  SELECT tt.event_id, tt.name INTO v_tier FROM public.ticket_tiers tt
   WHERE tt.id = p_tier_id AND NOT tt.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'price tier % not found', p_tier_id USING ERRCODE = 'BO001';
  END IF;
  PERFORM public._sweep_expired(v_tier.event_id);
  -- FOR UPDATE waits for sales that are adding order lines of this tier right now
  -- (their foreign key holds a key-share lock on it), so the counts below see them.
  PERFORM 1 FROM public.ticket_tiers tt WHERE tt.id = p_tier_id FOR UPDATE;
  SELECT count(*) INTO v_tickets FROM public.tickets t
   WHERE t.ticket_tier_id = p_tier_id AND t.status IN ('VALID', 'USED');
  SELECT count(*) INTO v_pending FROM public.order_items oi
    JOIN public.orders o ON o.id = oi.order_id
   WHERE oi.ticket_tier_id = p_tier_id AND o.status = 'PENDING';
  IF v_tickets + v_pending > 0 THEN
    RAISE EXCEPTION 'price tier % has % live tickets and % in orders waiting for payment: it stays',
      v_tier.name, v_tickets, v_pending USING ERRCODE = 'BO006';
  END IF;
  UPDATE public.ticket_tiers SET deleted = true WHERE id = p_tier_id;
END $$;

-- ---------------------------------------------------------------------------
-- Seats off sale: kills
-- ---------------------------------------------------------------------------

-- AVAILABLE (or an expired hold) → KILLED with a reason. All or nothing: a seat sold or
-- held by anyone refuses the whole call, naming the seats. Killing a killed seat again
-- replaces its reason.
CREATE FUNCTION kill_seats(p_event_id uuid, p_seat_ids uuid[], p_reason text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_reason text := NULLIF(pg_catalog.btrim(p_reason), '');
  v_status text;
  v_want integer;
  v_got integer;
  v_bad text;
BEGIN
  IF p_seat_ids IS NULL OR pg_catalog.cardinality(p_seat_ids) = 0 THEN
    RAISE EXCEPTION 'no seats given to take off sale' USING ERRCODE = 'BO008';
  END IF;
  IF v_reason IS NULL THEN
    RAISE EXCEPTION 'say why the seats are taken off sale (house seats, production kill, broken…)'
      USING ERRCODE = 'BO008';
  END IF;
  IF pg_catalog.length(v_reason) > 500 THEN
    RAISE EXCEPTION 'the reason is longer than 500 characters' USING ERRCODE = 'BO008';
  END IF;
  SELECT e.status INTO v_status FROM public.events e WHERE e.id = p_event_id AND NOT e.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % not found', p_event_id USING ERRCODE = 'BO001';
  END IF;
  IF v_status = 'CANCELLED' THEN
    RAISE EXCEPTION 'event % is cancelled', p_event_id USING ERRCODE = 'BO006';
  END IF;
  SELECT count(DISTINCT x) INTO v_want FROM pg_catalog.unnest(p_seat_ids) x;
  SELECT count(*) INTO v_got FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids);
  IF v_got <> v_want THEN
    RAISE EXCEPTION '% of the % seats are not part of this event', v_want - v_got, v_want
      USING ERRCODE = 'BO001';
  END IF;

  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
   ORDER BY i.seat_id FOR UPDATE;
  UPDATE public.event_seats i
     SET status = 'KILLED', kill_reason = v_reason, hold_id = NULL, held_by = NULL,
         hold_expires_at = NULL
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
     AND (i.status IN ('AVAILABLE', 'KILLED')
          OR (i.status = 'HELD' AND i.hold_expires_at < pg_catalog.clock_timestamp()));
  GET DIAGNOSTICS v_got = ROW_COUNT;

  IF v_got <> v_want THEN
    SELECT pg_catalog.string_agg(s.row_label || '-' || s.number_label || ' ('
             || CASE i.status WHEN 'SOLD' THEN 'sold' ELSE 'held by ' || i.held_by END || ')', ', '
             ORDER BY s.row_label, s.number_label)
      INTO v_bad
      FROM public.event_seats i JOIN public.seats s ON s.id = i.seat_id
     WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids) AND i.status <> 'KILLED';
    RAISE EXCEPTION 'seat not available: %', v_bad USING ERRCODE = 'BO002';
  END IF;
  RETURN v_got;
END $$;

-- KILLED → AVAILABLE. Seats that are not killed are left as they are. Returns how many.
CREATE FUNCTION release_kills(p_event_id uuid, p_seat_ids uuid[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_want integer;
  v_got integer;
BEGIN
  IF p_seat_ids IS NULL OR pg_catalog.cardinality(p_seat_ids) = 0 THEN
    RAISE EXCEPTION 'no seats given to put back on sale' USING ERRCODE = 'BO008';
  END IF;
  PERFORM 1 FROM public.events e WHERE e.id = p_event_id AND NOT e.deleted;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % not found', p_event_id USING ERRCODE = 'BO001';
  END IF;
  SELECT count(DISTINCT x) INTO v_want FROM pg_catalog.unnest(p_seat_ids) x;
  SELECT count(*) INTO v_got FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids);
  IF v_got <> v_want THEN
    RAISE EXCEPTION '% of the % seats are not part of this event', v_want - v_got, v_want
      USING ERRCODE = 'BO001';
  END IF;
  PERFORM 1 FROM public.event_seats i
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
   ORDER BY i.seat_id FOR UPDATE;
  UPDATE public.event_seats i SET status = 'AVAILABLE', kill_reason = NULL
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids) AND i.status = 'KILLED';
  GET DIAGNOSTICS v_got = ROW_COUNT;
  RETURN v_got;
END $$;

-- A supervisor takes killed seats into the sale p_hold_id (KILLED → HELD), so the
-- ordinary create_order and mark_paid sell them. The reason stays on the seat while it
-- is held: if the sale is abandoned or runs out, the seat is killed again.
CREATE FUNCTION hold_killed_seats(p_event_id uuid, p_hold_id uuid, p_seat_ids uuid[],
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
  -- a kill held for another sale whose time ran out is a plain kill again
  UPDATE public.event_seats i
     SET status = 'KILLED', hold_id = NULL, held_by = NULL, hold_expires_at = NULL
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids) AND i.status = 'HELD'
     AND i.kill_reason IS NOT NULL AND i.hold_id <> p_hold_id
     AND i.hold_expires_at < pg_catalog.clock_timestamp();
  RETURN QUERY
  UPDATE public.event_seats i
     SET status = 'HELD', hold_id = p_hold_id, held_by = session_user,
         hold_expires_at = pg_catalog.clock_timestamp() + pg_catalog.make_interval(mins => p_minutes)
   WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
     AND (i.status = 'KILLED'
          OR (i.status = 'HELD' AND i.hold_id = p_hold_id AND i.held_by = session_user
              AND i.kill_reason IS NOT NULL))
  RETURNING i.seat_id, i.hold_expires_at;
  GET DIAGNOSTICS v_got = ROW_COUNT;

  IF v_got <> v_want THEN
    SELECT pg_catalog.string_agg(s.row_label || '-' || s.number_label || ' ('
             || CASE i.status WHEN 'SOLD' THEN 'sold' WHEN 'AVAILABLE' THEN 'on sale: hold it the usual way'
                              ELSE 'held by ' || i.held_by END || ')', ', '
             ORDER BY s.row_label, s.number_label)
      INTO v_bad
      FROM public.event_seats i JOIN public.seats s ON s.id = i.seat_id
     WHERE i.event_id = p_event_id AND i.seat_id = ANY (p_seat_ids)
       AND NOT (i.status = 'HELD' AND i.hold_id = p_hold_id);
    RAISE EXCEPTION 'seat not available: %', v_bad USING ERRCODE = 'BO002';
  END IF;
END $$;

-- The seat map as in 0003, except that a seat held from kills whose hold ran out reads
-- KILLED, not AVAILABLE (the kill guard would refuse anyone's hold on it).
CREATE OR REPLACE FUNCTION event_seat_map(p_event_id uuid, p_section_id uuid DEFAULT NULL)
RETURNS TABLE (seat_id uuid, section_id uuid, row_label text, number_label text,
               x_position numeric, y_position numeric, is_accessible boolean, status text,
               hold_id uuid, held_by name, hold_expires_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.section_id, s.row_label, s.number_label, s.x_position, s.y_position,
         s.is_accessible,
         CASE WHEN i.status = 'HELD' AND i.hold_expires_at < pg_catalog.clock_timestamp()
              THEN CASE WHEN i.kill_reason IS NULL THEN 'AVAILABLE' ELSE 'KILLED' END
              ELSE i.status END,
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

-- ---------------------------------------------------------------------------
-- Shifts
-- ---------------------------------------------------------------------------

-- Opens the caller's shift with the float in the drawer. Returns the shift id.
CREATE FUNCTION open_shift(p_float numeric) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_id uuid;
  v_since timestamptz;
BEGIN
  IF p_float IS NULL OR p_float < 0 OR p_float <> pg_catalog.round(p_float, 2) THEN
    RAISE EXCEPTION 'the float is an amount in cents, zero or more, not %', p_float
      USING ERRCODE = 'BO004';
  END IF;
  SELECT s.opened_at INTO v_since FROM public.shifts s
   WHERE s.staff_login = session_user AND s.closed_at IS NULL;
  IF FOUND THEN
    RAISE EXCEPTION 'your shift is already open (since %): close it first', v_since
      USING ERRCODE = 'BO006';
  END IF;
  BEGIN
    INSERT INTO public.shifts (organization_id, staff_login, float_amount)
    VALUES (v_org, session_user, p_float) RETURNING id INTO v_id;
  EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'your shift is already open: close it first' USING ERRCODE = 'BO006';
  END;
  RETURN v_id;
END $$;

-- Closes the caller's shift with a blind count: records the counted cash and card
-- totals and computes expected and variance, but returns nothing about them.
-- Expected cash = float + CASH payments' amounts taken by this login during the shift
-- (the amount, not the tendered: the change went back); card likewise, no float.
CREATE FUNCTION close_shift(p_counted_cash numeric, p_counted_card numeric)
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

-- A supervisor signs a closed shift off, never their own. A variance needs a note.
CREATE FUNCTION sign_off_shift(p_shift_id uuid, p_note text DEFAULT NULL) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_s record;
  v_note text := NULLIF(pg_catalog.btrim(p_note), '');
  v_at timestamptz := pg_catalog.clock_timestamp();
BEGIN
  SELECT s.staff_login, s.closed_at, s.signed_off_by, s.variance_cash, s.variance_card INTO v_s
    FROM public.shifts s WHERE s.id = p_shift_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'shift % not found', p_shift_id USING ERRCODE = 'BO001';
  END IF;
  IF v_s.staff_login = session_user THEN
    RAISE EXCEPTION 'nobody signs off their own shift: ask another supervisor' USING ERRCODE = 'BO005';
  END IF;
  IF v_s.closed_at IS NULL THEN
    RAISE EXCEPTION 'the shift of % is still open: it is signed off after its count', v_s.staff_login
      USING ERRCODE = 'BO006';
  END IF;
  IF v_s.signed_off_by IS NOT NULL THEN
    RAISE EXCEPTION 'the shift was already signed off by %', v_s.signed_off_by USING ERRCODE = 'BO006';
  END IF;
  IF (v_s.variance_cash <> 0 OR v_s.variance_card <> 0) AND v_note IS NULL THEN
    RAISE EXCEPTION 'the count is off (cash %, card %): say why in a note', v_s.variance_cash,
      v_s.variance_card USING ERRCODE = 'BO008';
  END IF;
  IF pg_catalog.length(v_note) > 1000 THEN
    RAISE EXCEPTION 'the note is longer than 1000 characters' USING ERRCODE = 'BO008';
  END IF;
  UPDATE public.shifts SET signed_off_by = session_user, signed_off_at = v_at, note = v_note
   WHERE id = p_shift_id;
  RETURN v_at;
END $$;

DO $own$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('set_event_section', 'publish_event', 'close_sales', 'delete_tier',
                                'kill_seats', 'release_kills', 'hold_killed_seats', 'open_shift',
                                'close_shift', 'shift_report', 'sign_off_shift') LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO boxoffice_api', f);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$own$;
GRANT EXECUTE ON FUNCTION set_event_section(uuid, uuid, boolean, integer), publish_event(uuid),
      close_sales(uuid), delete_tier(uuid), kill_seats(uuid, uuid[], text),
      release_kills(uuid, uuid[]), hold_killed_seats(uuid, uuid, uuid[], integer),
      sign_off_shift(uuid, text) TO boxoffice_supervisor;
GRANT EXECUTE ON FUNCTION open_shift(numeric), close_shift(numeric, numeric), shift_report(uuid)
      TO boxoffice_clerk;

-- ---------------------------------------------------------------------------
-- Statistics
-- ---------------------------------------------------------------------------

-- What must be live, from the counters (cheap): per section of the event, its capacity
-- and how much is sold, held, off sale and free. Numbered sections count the inventory,
-- GA sections read event_sections. Invoker rights: the caller's RLS applies; no SET
-- clause, so it is inlined (as event_seat_map).
CREATE FUNCTION event_live_stats(p_event_id uuid)
RETURNS TABLE (section_id uuid, section_name text, section_type text, is_active boolean,
               sort_order integer, capacity integer, sold integer, held integer, killed integer,
               free integer)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.name, s.type, es.is_active, s.sort_order,
         CASE WHEN s.type = 'GENERAL' THEN es.capacity ELSE COALESCE(inv.total, 0) END,
         CASE WHEN s.type = 'GENERAL' THEN es.sold ELSE COALESCE(inv.sold, 0) END,
         CASE WHEN s.type = 'GENERAL' THEN es.held ELSE COALESCE(inv.held, 0) END,
         CASE WHEN s.type = 'GENERAL' THEN 0 ELSE COALESCE(inv.killed, 0) END,
         CASE WHEN s.type = 'GENERAL' THEN es.capacity - es.sold - es.held ELSE COALESCE(inv.free, 0) END
    FROM public.event_sections es
    JOIN public.sections s ON s.id = es.section_id AND NOT s.deleted
    LEFT JOIN (
          SELECT st.section_id,
                 count(*)::integer AS total,
                 count(*) FILTER (WHERE i.status = 'SOLD')::integer AS sold,
                 count(*) FILTER (WHERE i.status = 'HELD'
                                    AND i.hold_expires_at >= pg_catalog.clock_timestamp())::integer AS held,
                 count(*) FILTER (WHERE i.status = 'KILLED'
                                     OR (i.status = 'HELD' AND i.kill_reason IS NOT NULL
                                         AND i.hold_expires_at < pg_catalog.clock_timestamp()))::integer AS killed,
                 count(*) FILTER (WHERE i.status = 'AVAILABLE'
                                     OR (i.status = 'HELD' AND i.kill_reason IS NULL
                                         AND i.hold_expires_at < pg_catalog.clock_timestamp()))::integer AS free
            FROM public.event_seats i
            JOIN public.seats st ON st.id = i.seat_id AND NOT st.deleted
           WHERE i.event_id = p_event_id
           GROUP BY st.section_id
    ) inv ON inv.section_id = s.id
   WHERE es.event_id = p_event_id
   ORDER BY s.sort_order, s.name
$$;
ALTER FUNCTION event_live_stats(uuid) OWNER TO boxoffice_owner;
REVOKE ALL ON FUNCTION event_live_stats(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_live_stats(uuid) TO boxoffice_staff;

GRANT SELECT ON payments TO boxoffice_report;

-- Sales per hour (UTC hours, whatever the session's TimeZone) of paid orders, by the
-- hour of payment. Same rules as event_stats: PAID orders, live tickets, order totals,
-- so the hours add up to event_stats' tickets_sold and gross_revenue.
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

REVOKE ALL ON event_sales_hourly, event_sales_breakdown, event_admissions FROM PUBLIC;
ALTER MATERIALIZED VIEW event_sales_hourly OWNER TO boxoffice_report;
ALTER MATERIALIZED VIEW event_sales_breakdown OWNER TO boxoffice_report;
ALTER MATERIALIZED VIEW event_admissions OWNER TO boxoffice_report;

CREATE VIEW org_event_sales_hourly WITH (security_barrier = true) AS
SELECT * FROM event_sales_hourly WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_sales_breakdown WITH (security_barrier = true) AS
SELECT * FROM event_sales_breakdown WHERE organization_id = (SELECT current_org_id());
CREATE VIEW org_event_admissions WITH (security_barrier = true) AS
SELECT * FROM event_admissions WHERE organization_id = (SELECT current_org_id());
ALTER VIEW org_event_sales_hourly OWNER TO boxoffice_report;
ALTER VIEW org_event_sales_breakdown OWNER TO boxoffice_report;
ALTER VIEW org_event_admissions OWNER TO boxoffice_report;
GRANT SELECT ON org_event_sales_hourly, org_event_admissions TO boxoffice_staff;
-- takings per clerk are the supervisors' business (the help desk sees no payments)
GRANT SELECT ON org_event_sales_breakdown TO boxoffice_supervisor;

-- Debounced refresh of every materialized view (supervisors; never once per order).
-- Within the window after the last refresh finished, nothing is refreshed and the last
-- time is returned. The window is p_min_seconds, or four times as long as the last
-- refresh took if that is longer (2.2 s at 1M tickets: the next one waits 8.8 s), so
-- refreshing never takes more than a fifth of a core however often it is asked for.
-- Two callers at once: one refreshes, the other returns the last time at once
-- (advisory lock 4242007, transaction-scoped). Returns the time the figures are as of:
-- the start of the refresh that made them.
DROP FUNCTION refresh_stats();
CREATE FUNCTION refresh_stats(p_min_seconds integer DEFAULT 2) RETURNS timestamptz
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
GRANT EXECUTE ON FUNCTION refresh_stats(integer) TO boxoffice_supervisor;
ALTER FUNCTION refresh_stats(integer) OWNER TO boxoffice_report;

-- When the materialized views were last refreshed (NULL: not since this migration),
-- for the "as of" on the screen without refreshing. Only the time: who refreshed may be
-- another organisation's login.
CREATE FUNCTION stats_as_of() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT r.refreshed_at FROM public.stats_refresh r
$$;
REVOKE EXECUTE ON FUNCTION stats_as_of() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stats_as_of() TO boxoffice_staff;
ALTER FUNCTION stats_as_of() OWNER TO boxoffice_report;
