-- Demo data: two organisations (to show isolation), staff logins for the three roles,
-- a ~1,000-seat theatre with curved rows, accessible seats and a standing floor,
-- published events with tiers, and some orders already sold through the real functions.
-- Run by the database superuser after the migrations. Idempotent: a second run does nothing.
\set ON_ERROR_STOP 1
SET search_path = public, ext;

SELECT EXISTS (SELECT 1 FROM organizations WHERE name = 'Lyric Theatre Company') AS demo_loaded \gset
\if :demo_loaded
  \echo 'demo data already loaded'
  \quit
\endif

\o /dev/null
BEGIN;
INSERT INTO organizations (id, name) VALUES
  ('a0000000-0000-4000-8000-000000000001', 'Lyric Theatre Company'),
  ('b0000000-0000-4000-8000-000000000002', 'Harbour Arts Trust');

-- Demo passwords follow one pattern: the login name followed by "-demo" (README).
SELECT add_staff_login('clerk_a', 'a0000000-0000-4000-8000-000000000001', 'CLERK', 'Alex Clerk', 'clerk_a-demo'),
       add_staff_login('super_a', 'a0000000-0000-4000-8000-000000000001', 'SUPERVISOR', 'Sam Supervisor', 'super_a-demo'),
       add_staff_login('help_a', 'a0000000-0000-4000-8000-000000000001', 'HELPDESK', 'Hana Helpdesk', 'help_a-demo'),
       add_staff_login('clerk_b', 'b0000000-0000-4000-8000-000000000002', 'CLERK', 'Blake Clerk', 'clerk_b-demo'),
       add_staff_login('super_b', 'b0000000-0000-4000-8000-000000000002', 'SUPERVISOR', 'Bea Supervisor', 'super_b-demo'),
       add_staff_login('help_b', 'b0000000-0000-4000-8000-000000000002', 'HELPDESK', 'Ben Helpdesk', 'help_b-demo');

INSERT INTO venues (id, organization_id, name, address) VALUES
  ('a1000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001',
   'Lyric Theatre', '1 Stage Street'),
  ('b1000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002',
   'Harbour Hall', '9 Quay Road');

-- Lyric Theatre: stalls (18 curved rows) and balcony (10 curved rows) around a stage
-- at the top of the plan, and a standing promenade.
INSERT INTO sections (organization_id, venue_id, name, type, capacity, sort_order)
SELECT 'a0000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', n, t, c, o
  FROM (VALUES ('Stalls', 'NUMBERED', 0, 1), ('Balcony', 'NUMBERED', 0, 2),
               ('Promenade', 'GENERAL', 200, 3)) v(n, t, c, o);

-- Seats on arcs centred on the stage: row r has 26 + 2r seats over a 100° arc.
INSERT INTO seats (organization_id, section_id, row_label, number_label, x_position, y_position, is_accessible)
SELECT 'a0000000-0000-4000-8000-000000000001', s.id,
       chr(65 + r.i), n.j::text,
       round((500 + (r.radius) * sin(radians(-50 + 100.0 * (n.j - 0.5) / r.seats)))::numeric, 2),
       round((60 + r.radius * cos(radians(-50 + 100.0 * (n.j - 0.5) / r.seats)))::numeric, 2),
       (s.name = 'Stalls' AND r.i = 0 AND n.j IN (1, 2, r.seats - 1, r.seats))
    OR (s.name = 'Balcony' AND r.i = 0 AND n.j IN (1, r.seats))
  FROM sections s
  CROSS JOIN LATERAL (
        SELECT i, 26 + 2 * i AS seats,
               CASE WHEN s.name = 'Stalls' THEN 120 + 22 * i ELSE 560 + 24 * i END AS radius
          FROM generate_series(0, CASE WHEN s.name = 'Stalls' THEN 17 ELSE 9 END) i
         WHERE chr(65 + i) <> 'I') r
  CROSS JOIN LATERAL generate_series(1, r.seats) n(j)
 WHERE s.venue_id = 'a1000000-0000-4000-8000-000000000001' AND s.type = 'NUMBERED';
UPDATE sections s SET capacity = (SELECT count(*) FROM seats st WHERE st.section_id = s.id)
 WHERE s.type = 'NUMBERED';

-- Harbour Hall (the other organisation): a small numbered block and a standing floor.
INSERT INTO sections (organization_id, venue_id, name, type, capacity, sort_order)
VALUES ('b0000000-0000-4000-8000-000000000002', 'b1000000-0000-4000-8000-000000000002', 'Block A', 'NUMBERED', 0, 1),
       ('b0000000-0000-4000-8000-000000000002', 'b1000000-0000-4000-8000-000000000002', 'Floor', 'GENERAL', 400, 2);
INSERT INTO seats (organization_id, section_id, row_label, number_label, x_position, y_position)
SELECT 'b0000000-0000-4000-8000-000000000002', s.id, r::text, n::text, 20 + 10 * n, 40 + 12 * r
  FROM sections s, generate_series(1, 10) r, generate_series(1, 20) n
 WHERE s.name = 'Block A' AND s.venue_id = 'b1000000-0000-4000-8000-000000000002';
UPDATE sections s SET capacity = 200 WHERE s.name = 'Block A';

-- Events and tiers, created by each organisation's supervisor through the functions.
SET SESSION AUTHORIZATION super_a;
SELECT create_event('a1000000-0000-4000-8000-000000000001', t,
                    date_trunc('day', now()) + make_interval(days => d, hours => 19, mins => 30), p)
  FROM (VALUES ('The Tempest', 2, true), ('A Midsummer Night''s Dream', 5, true),
               ('Twelfth Night', 9, true), ('Hamlet (in rehearsal)', 30, false)) v(t, d, p);
SELECT set_tier(es.event_id, s.id, tier.name, tier.price, tier.fee)
  FROM event_sections es JOIN sections s ON s.id = es.section_id
  JOIN (VALUES ('Stalls', 'Standard', 42.50, 1.50), ('Stalls', 'Concession', 30.00, 1.50),
               ('Balcony', 'Standard', 28.00, 1.00), ('Promenade', 'Standing', 15.00, 0.50)) tier(sec, name, price, fee)
    ON tier.sec = s.name;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION super_b;
SELECT create_event('b1000000-0000-4000-8000-000000000002', 'Harbour Jazz Night',
                    date_trunc('day', now()) + make_interval(days => 3, hours => 20), true);
SELECT set_tier(es.event_id, s.id, CASE s.type WHEN 'GENERAL' THEN 'Floor' ELSE 'Seated' END,
                CASE s.type WHEN 'GENERAL' THEN 18.00 ELSE 25.00 END, 1.00)
  FROM event_sections es JOIN sections s ON s.id = es.section_id;
RESET SESSION AUTHORIZATION;

-- Some sales, made the way a clerk makes them: hold, order, pay.
SELECT setseed(0.42);
SET SESSION AUTHORIZATION clerk_a;
DO $sales$
DECLARE
  v_event record; v_order uuid; v_seats uuid[]; v_tier uuid; v_items jsonb; v_total numeric; k int;
BEGIN
  FOR v_event IN SELECT e.id, row_number() OVER (ORDER BY e.start_time) AS n
                   FROM events e WHERE e.status = 'PUBLISHED' ORDER BY e.start_time LOOP
    FOR k IN 1 .. (60 / v_event.n)::int LOOP
      v_order := gen_random_uuid();
      SELECT array_agg(x.seat_id) INTO v_seats FROM (
        SELECT i.seat_id FROM event_seats i JOIN seats s ON s.id = i.seat_id
         WHERE i.event_id = v_event.id AND i.status = 'AVAILABLE'
           AND s.row_label = (SELECT s2.row_label FROM event_seats i2 JOIN seats s2 ON s2.id = i2.seat_id
                               WHERE i2.event_id = v_event.id AND i2.status = 'AVAILABLE'
                               ORDER BY random() LIMIT 1)
         ORDER BY s.number_label LIMIT 1 + (random() * 3)::int) x;
      PERFORM hold_seats(v_event.id, v_order, v_seats);
      SELECT jsonb_agg(jsonb_build_object('seat_id', i.seat_id, 'tier_id', tt.id)) INTO v_items
        FROM unnest(v_seats) i(seat_id) JOIN seats s ON s.id = i.seat_id
        JOIN ticket_tiers tt ON tt.section_id = s.section_id AND tt.event_id = v_event.id
                            AND tt.name = 'Standard';
      IF k % 4 = 0 THEN
        SELECT tt.id INTO v_tier FROM ticket_tiers tt WHERE tt.event_id = v_event.id AND tt.name = 'Standing';
        v_items := v_items || jsonb_build_array(jsonb_build_object('tier_id', v_tier, 'quantity', 2));
      END IF;
      SELECT total_amount INTO v_total FROM create_order(v_order, v_event.id, v_items,
             CASE WHEN k % 3 = 0 THEN 'Customer ' || k END);
      PERFORM mark_paid(v_order, jsonb_build_array(CASE WHEN k % 2 = 0
              THEN jsonb_build_object('method', 'CASH', 'amount', v_total, 'tendered', ceil(v_total / 10) * 10)
              ELSE jsonb_build_object('method', 'CARD', 'amount', v_total, 'reference', 'DEMO-' || k) END));
    END LOOP;
  END LOOP;
END
$sales$;
-- the demo's earlier sales were printed long ago (else the box office would list
-- them as not printed and offer to print them all again)
SELECT record_prints(array_agg(id), 'demo printer', 0, 'PRINTED') FROM tickets;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION super_a;
SELECT refresh_stats();
RESET SESSION AUTHORIZATION;
COMMIT;
\o
\echo 'demo data loaded'
