-- Fixture for the database tests: two organisations with known ids, one small venue
-- each, one published event each, and a staff login per role. Loaded by the
-- superuser inside each test file's transaction (rolled back at the end).
SET client_min_messages = warning;
SET search_path = public, ext, tap;
\o /dev/null

INSERT INTO organizations (id, name) VALUES
  ('00000000-0000-4000-a000-00000000000a', 'Org A'),
  ('00000000-0000-4000-a000-00000000000b', 'Org B');
SELECT add_staff_login('t_clerk_a', '00000000-0000-4000-a000-00000000000a', 'CLERK', 'Clerk A'),
       add_staff_login('t_clerk_a2', '00000000-0000-4000-a000-00000000000a', 'CLERK', 'Clerk A2'),
       add_staff_login('t_super_a', '00000000-0000-4000-a000-00000000000a', 'SUPERVISOR', 'Super A'),
       add_staff_login('t_help_a', '00000000-0000-4000-a000-00000000000a', 'HELPDESK', 'Help A'),
       add_staff_login('t_clerk_b', '00000000-0000-4000-a000-00000000000b', 'CLERK', 'Clerk B'),
       add_staff_login('t_super_b', '00000000-0000-4000-a000-00000000000b', 'SUPERVISOR', 'Super B');
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 't_outsider') THEN
    CREATE ROLE t_outsider LOGIN;  -- a login that is nobody's staff
  END IF;
END $$;

INSERT INTO venues (id, organization_id, name) VALUES
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-00000000000a', 'Venue A'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-00000000000b', 'Venue B');
INSERT INTO sections (id, organization_id, venue_id, name, type, capacity) VALUES
  ('00000000-0000-4000-c000-0000000000a1', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Stalls', 'NUMBERED', 6),
  ('00000000-0000-4000-c000-0000000000a2', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Floor', 'GENERAL', 5),
  ('00000000-0000-4000-c000-0000000000b1', '00000000-0000-4000-a000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Stalls', 'NUMBERED', 2),
  ('00000000-0000-4000-c000-0000000000b2', '00000000-0000-4000-a000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Floor', 'GENERAL', 3);
-- Seat ids end in row and number; labels "2" and "10" test the natural order.
INSERT INTO seats (id, organization_id, section_id, row_label, number_label, x_position, y_position, is_accessible) VALUES
  ('00000000-0000-4000-d000-0000000a0101', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'A', '1', 10, 10, true),
  ('00000000-0000-4000-d000-0000000a0102', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'A', '2', 20, 10, false),
  ('00000000-0000-4000-d000-0000000a0110', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'A', '10', 30, 10, false),
  ('00000000-0000-4000-d000-0000000a0201', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'B', '1', 10, 20, false),
  ('00000000-0000-4000-d000-0000000a0202', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'B', '2', 20, 20, false),
  ('00000000-0000-4000-d000-0000000a0210', '00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'B', '10', 30, 20, false),
  ('00000000-0000-4000-d000-0000000b0101', '00000000-0000-4000-a000-00000000000b', '00000000-0000-4000-c000-0000000000b1', 'A', '1', 10, 10, false),
  ('00000000-0000-4000-d000-0000000b0102', '00000000-0000-4000-a000-00000000000b', '00000000-0000-4000-c000-0000000000b1', 'A', '2', 20, 10, false);

-- Events through the supervisor's function, with fixed ids for the tests.
SET SESSION AUTHORIZATION t_super_a;
SELECT create_event('00000000-0000-4000-b000-00000000000a', 'Event A', '2030-01-01 19:30+00', true,
                    '00000000-0000-4000-e000-00000000000a');
SELECT create_event('00000000-0000-4000-b000-00000000000a', 'Event A2', '2030-01-02 19:30+00', true,
                    '00000000-0000-4000-e000-0000000000a2');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_b;
SELECT create_event('00000000-0000-4000-b000-00000000000b', 'Event B', '2030-01-01 20:00+00', true,
                    '00000000-0000-4000-e000-00000000000b');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT set_tier('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-c000-0000000000a1', 'Standard', 10.00, 1.00),
       set_tier('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-c000-0000000000a2', 'Standing', 5.00, 0.50),
       set_tier('00000000-0000-4000-e000-0000000000a2', '00000000-0000-4000-c000-0000000000a2', 'Standing', 6.00, 0.50);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_b;
SELECT set_tier('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-c000-0000000000b1', 'Seated', 20.00, 0),
       set_tier('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-c000-0000000000b2', 'Floor', 8.00, 0);
RESET SESSION AUTHORIZATION;

-- Tests name tiers by event and section; a helper keeps them short.
CREATE FUNCTION pg_temp.tier(p_event uuid, p_section uuid) RETURNS uuid
LANGUAGE sql AS $$ SELECT id FROM ticket_tiers WHERE event_id = p_event AND section_id = p_section $$;

-- A clerk's whole sale: hold the seats, order them (Standard/first tier of their
-- section) with GA places, pay the exact amount in cash. Tokens land in pg_temp.tokens.
CREATE TEMP TABLE tokens (order_id uuid, ticket_id uuid, seat_id uuid, token text);
GRANT ALL ON pg_temp.tokens TO PUBLIC;
CREATE FUNCTION pg_temp.sell(p_event uuid, p_seats uuid[], p_ga_tier uuid DEFAULT NULL,
                             p_ga_qty integer DEFAULT 0, p_name text DEFAULT NULL,
                             p_email text DEFAULT NULL, p_pay boolean DEFAULT true)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE v_order uuid := gen_random_uuid(); v_items jsonb := '[]'; v_total numeric;
BEGIN
  IF cardinality(p_seats) > 0 THEN
    PERFORM hold_seats(p_event, v_order, p_seats);
    SELECT jsonb_agg(jsonb_build_object('seat_id', s.id, 'tier_id',
             (SELECT tt.id FROM ticket_tiers tt WHERE tt.event_id = p_event
                 AND tt.section_id = s.section_id ORDER BY tt.name LIMIT 1)))
      INTO v_items FROM seats s WHERE s.id = ANY (p_seats);
  END IF;
  IF p_ga_qty > 0 THEN
    v_items := v_items || jsonb_build_array(jsonb_build_object('tier_id', p_ga_tier, 'quantity', p_ga_qty));
  END IF;
  SELECT total_amount INTO v_total FROM create_order(v_order, p_event, v_items, p_name, p_email);
  IF p_pay THEN
    INSERT INTO pg_temp.tokens SELECT v_order, m.ticket_id, m.seat_id, m.token
      FROM mark_paid(v_order, jsonb_build_array(jsonb_build_object('method', 'CASH',
                     'amount', v_total, 'tendered', v_total))) m;
  END IF;
  RETURN v_order;
END $$;

-- pgTAP writes its bookkeeping into temporary tables the superuser made at plan();
-- let the staff logins a test switches to write them too.
GRANT USAGE ON SCHEMA tap TO PUBLIC;
RESET client_min_messages;
\o
