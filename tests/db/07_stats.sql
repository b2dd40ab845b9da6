-- Statistics (0007): the materialized views of the statistics screen give the figures
-- computed directly from tickets, orders and payments (cancellations included); only
-- the caller's organisation shows through the org_* views; refresh_stats() is
-- supervisors' only and debounced; event_live_stats() reads the live counters.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(38);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set ev2 '''00000000-0000-4000-e000-0000000000a2'''
\set evb '''00000000-0000-4000-e000-00000000000b'''
\set stalls '''00000000-0000-4000-c000-0000000000a1'''
\set floor '''00000000-0000-4000-c000-0000000000a2'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set a10 '''00000000-0000-4000-d000-0000000a0110'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set b2 '''00000000-0000-4000-d000-0000000a0202'''
\set b10 '''00000000-0000-4000-d000-0000000a0210'''
\set org_a '''00000000-0000-4000-a000-00000000000a'''
\set org_b '''00000000-0000-4000-a000-00000000000b'''
-- A sale paid with one payment of the whole total by CARD or COMP (CASH: pg_temp.sell).
CREATE FUNCTION pg_temp.sale(p_event uuid, p_seats uuid[], p_ga_tier uuid, p_ga integer, p_method text)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE v_order uuid := gen_random_uuid(); v_items jsonb := '[]'; v_total numeric;
BEGIN
  IF cardinality(p_seats) > 0 THEN
    PERFORM hold_seats(p_event, v_order, p_seats);
    SELECT jsonb_agg(jsonb_build_object('seat_id', s.id, 'tier_id', pg_temp.tier(p_event, s.section_id)))
      INTO v_items FROM seats s WHERE s.id = ANY (p_seats);
  END IF;
  IF p_ga > 0 THEN
    v_items := v_items || jsonb_build_array(jsonb_build_object('tier_id', p_ga_tier, 'quantity', p_ga));
  END IF;
  SELECT total_amount INTO v_total FROM create_order(v_order, p_event, v_items);
  PERFORM mark_paid(v_order, jsonb_build_array(jsonb_build_object('method', p_method,
            'amount', CASE WHEN p_method = 'COMP' THEN 0 ELSE v_total END,
            'reference', 'T-5', 'reason', 'press')));
  RETURN v_order;
END $$;

\o /dev/null
-- Event A: o1 clerk A, A-1 + A-2, cash 22.00, paid two hours ago; A-2 cancelled later
--          o2 clerk A, 2 standing, cash 11.00; one of them scanned at the door
--          o3 clerk A2, A-10, card 11.00; cancelled (the whole order)
--          o4 supervisor, B-1, comp (order total 11.00, payment 0.00)
--          o6 clerk A, B-2, waiting for payment; B-10 killed
-- Event A2: o5 clerk A2, 1 standing, card 6.50.   Org B: Bob, seat and floor, cash 28.00.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell(:ev, ARRAY[:a1, :a2]::uuid[]) AS o1 \gset
SELECT pg_temp.sell(:ev, '{}', pg_temp.tier(:ev, :floor), 2) AS o2 \gset
SELECT pg_temp.sell(:ev, ARRAY[:b2]::uuid[], NULL, 0, NULL, NULL, false) AS o6 \gset
SELECT validate_ticket((SELECT t.token FROM pg_temp.tokens t WHERE t.order_id = :'o2' LIMIT 1), 'North');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT pg_temp.sale(:ev, ARRAY[:a10]::uuid[], NULL, 0, 'CARD') AS o3 \gset
SELECT pg_temp.sale(:ev2, '{}', pg_temp.tier(:ev2, :floor), 1, 'CARD') AS o5 \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT pg_temp.sale(:ev, ARRAY[:b1]::uuid[], NULL, 0, 'COMP') AS o4 \gset
SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = :a2), 'changed plans');
SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = :a10), 'double booking');
SELECT kill_seats(:ev, ARRAY[:b10]::uuid[], 'sound desk');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_b;
SELECT pg_temp.sell(:evb, ARRAY['00000000-0000-4000-d000-0000000b0101']::uuid[],
                    pg_temp.tier(:evb, '00000000-0000-4000-c000-0000000000b2'), 1, 'Bob B', 'bob@example.org');
RESET SESSION AUTHORIZATION;
UPDATE orders SET paid_at = paid_at - interval '2 hours' WHERE id = :'o1';
\o

SELECT is((SELECT string_agg(status, ' ' ORDER BY x.n) FROM orders o
             JOIN unnest(ARRAY[:'o1', :'o2', :'o3', :'o4', :'o5', :'o6']::uuid[]) WITH ORDINALITY x(id, n) ON x.id = o.id),
          'PAID PAID CANCELLED PAID PAID PENDING', 'the fixture''s orders are as described');

-- ---- refresh: supervisors only, debounced
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok('SELECT refresh_stats()', '42501', NULL, 'a clerk may not refresh');
SELECT is(stats_as_of(), NULL, 'stats_as_of(): not refreshed since the migration');
SELECT throws_ok('SELECT * FROM stats_refresh', '42501', NULL, 'the refresh bookkeeping is closed to staff');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok('SELECT refresh_stats()', '42501', NULL, 'nor may the help desk');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok('SELECT refresh_stats(0)', 'BO008', NULL, 'a debounce window under a second: invalid input');
SELECT refresh_stats() AS t1 \gset
SELECT ok(:'t1'::timestamptz <= clock_timestamp(), 'a supervisor refreshes; the figures are as of the returned time');
SELECT is(refresh_stats(), :'t1'::timestamptz, 'a second refresh within 2 seconds returns the same time (debounced)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is(stats_as_of(), :'t1'::timestamptz, 'stats_as_of() gives staff the same time');
RESET SESSION AUTHORIZATION;

-- ---- the figures, against the tables (as supervisor A, whose RLS shows A's rows)
SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq($$ SELECT total_orders, tickets_sold, gross_revenue, platform_fees, net_revenue
                       FROM org_event_stats WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ VALUES (3::bigint, 4::numeric, 44.00, 4.00, 40.00) $$,
  'event_stats for Event A: o1, o2, o4 paid (o3 cancelled whole); 4 live tickets (A-2 cancelled); 44.00 gross');
SELECT results_eq($$ SELECT event_id, hour, orders, tickets, gross FROM org_event_sales_hourly ORDER BY event_id, hour $$,
  $$ SELECT o.event_id, date_trunc('hour', o.paid_at, 'UTC'), count(*),
            sum((SELECT count(*) FROM tickets t WHERE t.order_id = o.id AND t.status <> 'CANCELLED'))::bigint,
            sum(o.total_amount)
       FROM orders o WHERE o.status = 'PAID' GROUP BY 1, 2 ORDER BY 1, 2 $$,
  'event_sales_hourly equals paid orders and their live tickets per hour of payment, from the tables');
SELECT results_eq($$ SELECT orders, tickets, gross FROM org_event_sales_hourly
                      WHERE event_id = '00000000-0000-4000-e000-00000000000a' ORDER BY hour $$,
  $$ VALUES (1::bigint, 1::bigint, 22.00), (2::bigint, 3::bigint, 22.00) $$,
  'Event A by hour: two hours ago o1 (A-1 live, A-2 cancelled: 22.00 taken); now o2 and o4');
SELECT results_eq($$ SELECT sum(h.orders)::bigint, sum(h.tickets)::numeric, sum(h.gross) FROM org_event_sales_hourly h
                      WHERE h.event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ SELECT total_orders, tickets_sold, gross_revenue FROM org_event_stats
      WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  'the hours add up to event_stats');
SELECT results_eq($$ SELECT event_id, method, clerk::text, orders, payments, amount FROM org_event_sales_breakdown
                     ORDER BY event_id, method, clerk $$,
  $$ SELECT o.event_id, p.method, p.created_by::text, count(DISTINCT o.id), count(*), sum(p.amount)
       FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.status = 'PAID'
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 $$,
  'event_sales_breakdown equals the payments of paid orders by method and login, from the tables');
SELECT results_eq($$ SELECT method, clerk, orders, payments, amount FROM org_event_sales_breakdown
                      WHERE event_id = '00000000-0000-4000-e000-00000000000a' ORDER BY method, clerk $$,
  $$ VALUES ('CASH', 't_clerk_a'::name, 2::bigint, 2::bigint, 33.00), ('COMP', 't_super_a'::name, 1::bigint, 1::bigint, 0.00) $$,
  'Event A: clerk A took 33.00 cash in 2 orders, one comp; clerk A2''s card payment belongs to the cancelled o3');
SELECT results_eq($$ SELECT event_id, tickets_live, scanned FROM org_event_admissions ORDER BY event_id $$,
  $$ SELECT e.id, count(t.id) FILTER (WHERE t.status IN ('VALID', 'USED')), count(t.id) FILTER (WHERE t.status = 'USED')
       FROM events e LEFT JOIN tickets t ON t.event_id = e.id GROUP BY e.id ORDER BY e.id $$,
  'event_admissions equals the live and scanned tickets, from the tables');
SELECT results_eq($$ SELECT tickets_live, scanned, last_scan_at IS NOT NULL FROM org_event_admissions
                      WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ VALUES (4::bigint, 1::bigint, true) $$, 'Event A: 4 live tickets, 1 scanned in');
SELECT results_eq($$ SELECT tickets_live FROM org_event_admissions WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ SELECT tickets_sold::bigint FROM org_event_stats WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  'live tickets agree with event_stats');

-- ---- event_live_stats: live, from the counters
SELECT results_eq(format('SELECT section_name, section_type, capacity, sold, held, killed, free FROM event_live_stats(%L)', :ev),
  $$ VALUES ('Floor', 'GENERAL', 5, 2, 0, 0, 3), ('Stalls', 'NUMBERED', 6, 2, 1, 1, 2) $$,
  'Event A live (in the venue''s section order): Floor 2 of 5; Stalls 2 sold (A-1, B-1), 1 held (B-2), 1 killed (B-10), 2 free (A-2, A-10 cancelled)');
SELECT results_eq(format($$ SELECT section_id, sold, held, killed, free FROM event_live_stats(%L) WHERE section_type = 'NUMBERED' $$, :ev),
  format($$ SELECT s.section_id,
                   count(*) FILTER (WHERE t.id IS NOT NULL)::int,
                   count(*) FILTER (WHERE i.status = 'HELD')::int,
                   count(*) FILTER (WHERE i.status = 'KILLED')::int,
                   count(*) FILTER (WHERE i.status = 'AVAILABLE')::int
              FROM event_seats i JOIN seats s ON s.id = i.seat_id
              LEFT JOIN tickets t ON t.event_id = i.event_id AND t.seat_id = i.seat_id AND t.status IN ('VALID', 'USED')
             WHERE i.event_id = %L GROUP BY s.section_id $$, :ev),
  'the numbered counts equal tickets and inventory counted directly');
SELECT results_eq(format($$ SELECT sold FROM event_live_stats(%L) WHERE section_type = 'GENERAL' $$, :ev),
  format($$ SELECT count(*)::int FROM tickets t JOIN ticket_tiers tt ON tt.id = t.ticket_tier_id
             WHERE t.event_id = %L AND tt.section_id = %L AND t.status IN ('VALID', 'USED') $$, :ev, :floor),
  'the GA counter equals the live standing tickets');
RESET SESSION AUTHORIZATION;

-- ---- only the caller's organisation
SELECT is((SELECT count(DISTINCT organization_id)::int FROM event_sales_hourly)
          + (SELECT count(DISTINCT organization_id)::int FROM event_sales_breakdown)
          + (SELECT count(DISTINCT organization_id)::int FROM event_admissions), 6,
          'control: the materialized views hold both organisations');
SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq($$ SELECT DISTINCT organization_id FROM org_event_sales_hourly UNION
                     SELECT DISTINCT organization_id FROM org_event_sales_breakdown UNION
                     SELECT DISTINCT organization_id FROM org_event_admissions $$,
  format('VALUES (%L::uuid)', :org_a), 'supervisor A sees only A''s figures');
SELECT throws_ok('SELECT * FROM event_sales_hourly', '42501', NULL, 'the materialized view itself is closed');
SELECT throws_ok('SELECT * FROM event_sales_breakdown', '42501', NULL, '… all of them');
SELECT throws_ok('SELECT * FROM event_admissions', '42501', NULL, '… all three');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_b;
SELECT results_eq($$ SELECT DISTINCT organization_id FROM org_event_sales_hourly UNION
                     SELECT DISTINCT organization_id FROM org_event_sales_breakdown UNION
                     SELECT DISTINCT organization_id FROM org_event_admissions $$,
  format('VALUES (%L::uuid)', :org_b), 'supervisor B sees only B''s figures');
SELECT results_eq($$ SELECT method, amount FROM org_event_sales_breakdown $$, $$ VALUES ('CASH', 28.00) $$,
  'B''s own breakdown: 28.00 cash');
SELECT is_empty(format('SELECT * FROM event_live_stats(%L)', :ev), 'event_live_stats of A''s event shows B nothing');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok('SELECT * FROM org_event_sales_breakdown', '42501', NULL, 'the help desk sees no takings per clerk');
SELECT ok((SELECT count(*) FROM org_event_sales_hourly) > 0, 'but sees sales per hour, like event_stats');
RESET SESSION AUTHORIZATION;

-- ---- debounce: a sale after the refresh shows only once the window has passed
SET SESSION AUTHORIZATION t_clerk_a;
SELECT ok(pg_temp.sell(:ev, '{}', pg_temp.tier(:ev, :floor), 1) IS NOT NULL, 'a new standing sale on Event A (5.50)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT is(refresh_stats(), :'t1'::timestamptz, 'refresh within the window: same time…');
SELECT is((SELECT gross_revenue FROM org_event_stats WHERE event_id = :ev), 44.00, '… and the same figures');
SELECT is((SELECT sold FROM event_live_stats(:ev) WHERE section_type = 'GENERAL'), 3,
          'while event_live_stats is live: 3 standing places sold');
RESET SESSION AUTHORIZATION;
UPDATE stats_refresh SET refreshed_at = refreshed_at - interval '3 seconds', finished_at = finished_at - interval '3 seconds';
SET SESSION AUTHORIZATION t_super_a;
SELECT refresh_stats() AS t2 \gset
SELECT ok(:'t2'::timestamptz > :'t1'::timestamptz, 'after the window a refresh runs and returns a later time');
SELECT results_eq($$ SELECT gross_revenue, tickets_sold FROM org_event_stats WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ VALUES (49.50, 5::numeric) $$, '… with the new sale in it');
RESET SESSION AUTHORIZATION;
-- a refresh that took 10 s and finished 5 s ago: the window is 4 × 10 s, not 2 s
UPDATE stats_refresh SET refreshed_at = clock_timestamp() - interval '15 seconds',
                         finished_at = clock_timestamp() - interval '5 seconds';
SELECT refreshed_at AS t3 FROM stats_refresh \gset
SET SESSION AUTHORIZATION t_super_a;
SELECT is(refresh_stats(), :'t3'::timestamptz, 'a slow refresh widens the window to four times its length');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
