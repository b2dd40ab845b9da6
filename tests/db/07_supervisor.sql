-- Supervisors (0007): event set-up (sections, capacity, publish, close, tiers) and seats
-- taken off sale (kills). Every refusal has its SQLSTATE and changes nothing; clerks
-- may call none of these; another organisation's ids are "not found".
BEGIN;
\i tests/db/fixture.sql
SELECT plan(99);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set ev2 '''00000000-0000-4000-e000-0000000000a2'''
\set ev3 '''00000000-0000-4000-e000-0000000000a3'''
\set evb '''00000000-0000-4000-e000-00000000000b'''
\set venue '''00000000-0000-4000-b000-00000000000a'''
\set stalls '''00000000-0000-4000-c000-0000000000a1'''
\set floor '''00000000-0000-4000-c000-0000000000a2'''
\set stalls_b '''00000000-0000-4000-c000-0000000000b1'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set a10 '''00000000-0000-4000-d000-0000000a0110'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set b2 '''00000000-0000-4000-d000-0000000a0202'''
\set b10 '''00000000-0000-4000-d000-0000000a0210'''
\set sb1 '''00000000-0000-4000-d000-0000000b0101'''
\set h1 '''30000000-0000-4000-8000-000000000001'''
\set h2 '''30000000-0000-4000-8000-000000000002'''
\set hk '''30000000-0000-4000-8000-0000000000a1'''
\set hk2 '''30000000-0000-4000-8000-0000000000a2'''
\set hk3 '''30000000-0000-4000-8000-0000000000a3'''
\set hk4 '''30000000-0000-4000-8000-0000000000a4'''
\set hk5 '''30000000-0000-4000-8000-0000000000a5'''
SELECT pg_temp.tier(:ev, :stalls) AS std, pg_temp.tier(:ev, :floor) AS ga,
       pg_temp.tier(:ev2, :floor) AS ga2 \gset
CREATE FUNCTION pg_temp.seat(uuid) RETURNS text LANGUAGE sql AS $$
  SELECT status || coalesce(':' || held_by, '') || coalesce(' (' || kill_reason || ')', '') FROM event_seats
   WHERE event_id = '00000000-0000-4000-e000-00000000000a' AND seat_id = $1 $$;
CREATE FUNCTION pg_temp.es(uuid, uuid) RETURNS text LANGUAGE sql AS $$
  SELECT CASE WHEN is_active THEN 'on' ELSE 'off' END || ' cap ' || capacity
         || coalesce(' custom ' || custom_capacity, '') || ' sold ' || sold || ' held ' || held
    FROM event_sections WHERE event_id = $1 AND section_id = $2 $$;

-- ---- clerks may call none of the supervisor's functions
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, false)', :ev2, :floor), '42501', NULL, 'clerk: set_event_section refused');
SELECT throws_ok(format('SELECT publish_event(%L)', :ev), '42501', NULL, 'clerk: publish_event refused');
SELECT throws_ok(format('SELECT close_sales(%L)', :ev), '42501', NULL, 'clerk: close_sales refused');
SELECT throws_ok(format('SELECT delete_tier(%L)', :'ga'), '42501', NULL, 'clerk: delete_tier refused');
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L]::uuid[], %L)', :ev, :b1, 'house'), '42501', NULL, 'clerk: kill_seats refused');
SELECT throws_ok(format('SELECT release_kills(%L, ARRAY[%L]::uuid[])', :ev, :b1), '42501', NULL, 'clerk: release_kills refused');
SELECT throws_ok(format('SELECT * FROM hold_killed_seats(%L, %L, ARRAY[%L]::uuid[])', :ev, :h1, :b1), '42501', NULL, 'clerk: hold_killed_seats refused');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L]::uuid[], %L)', :ev, :b1, 'house'), '42501', NULL, 'help desk: kill_seats refused');
RESET SESSION AUTHORIZATION;

-- ---- another organisation's ids are not found
SET SESSION AUTHORIZATION t_super_b;
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, false)', :ev2, :floor), 'BO001', NULL, 'B: A''s event is not found (set_event_section)');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, true)', :evb, :floor), 'BO001', NULL, 'B: A''s section on B''s event is not found');
SELECT throws_ok(format('SELECT publish_event(%L)', :ev), 'BO001', NULL, 'B: publish_event of A''s event: not found');
SELECT throws_ok(format('SELECT close_sales(%L)', :ev), 'BO001', NULL, 'B: close_sales of A''s event: not found');
SELECT throws_ok(format('SELECT delete_tier(%L)', :'ga'), 'BO001', NULL, 'B: delete_tier of A''s tier: not found');
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L]::uuid[], %L)', :ev, :b1, 'x'), 'BO001', NULL, 'B: kill_seats on A''s event: not found');
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L]::uuid[], %L)', :evb, :b1, 'x'), 'BO001', NULL, 'B: A''s seat on B''s event: not found');
SELECT throws_ok(format('SELECT release_kills(%L, ARRAY[%L]::uuid[])', :ev, :b1), 'BO001', NULL, 'B: release_kills on A''s event: not found');
SELECT throws_ok(format('SELECT * FROM hold_killed_seats(%L, %L, ARRAY[%L]::uuid[])', :ev, :h1, :b1), 'BO001', NULL, 'B: hold_killed_seats on A''s event: not found');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.es(:ev2, :floor) || ' / ' || pg_temp.seat(:b1) || ' / ' || (SELECT status FROM events WHERE id = :ev),
          'on cap 5 sold 0 held 0 / AVAILABLE / PUBLISHED', '… and nothing of A changed');

-- ---- a new event: sections, capacity, publish
SET SESSION AUTHORIZATION t_super_a;
SELECT is(create_event(:venue, 'Matinee', '2030-02-01 14:00+00', false, :ev3), :ev3::uuid, 'a draft event (create_event)');
SELECT throws_ok(format('SELECT publish_event(%L)', :ev3), 'BO008',
  'event 00000000-0000-4000-e000-0000000000a3 has no price in any section on sale: set a tier first',
  'publish without any price: invalid input');
SELECT results_eq(format('SELECT section_id, is_active, capacity, sold, held FROM set_event_section(%L, %L, true, 3)', :ev3, :floor),
  format('VALUES (%L::uuid, true, 3, 0, 0)', :floor), 'set_event_section: Floor of the matinee admits 3');
SELECT is(pg_temp.es(:ev3, :floor), 'on cap 3 custom 3 sold 0 held 0', '… stored as the override');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, true, 4)', :ev3, :stalls), 'BO008',
  'Stalls: the seats of a numbered section are its capacity; take seats off sale instead',
  'a capacity on a numbered section: invalid input');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, true, -1)', :ev3, :floor), 'BO008', NULL, 'a negative capacity: invalid input');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, NULL)', :ev3, :floor), 'BO008', NULL, 'on or off not said: invalid input');
SELECT is(pg_temp.es(:ev3, :stalls) || ' / ' || pg_temp.es(:ev3, :floor), 'on cap 6 sold 0 held 0 / on cap 3 custom 3 sold 0 held 0',
          '… nothing changed by the refusals');
SELECT lives_ok(format('SELECT set_tier(%L, %L, %L, 12.00)', :ev3, :stalls, 'Matinee'), 'a price for the Stalls');
SELECT lives_ok(format('SELECT * FROM set_event_section(%L, %L, false)', :ev3, :stalls), 'the Stalls are taken out (nothing sold there)');
SELECT throws_ok(format('SELECT publish_event(%L)', :ev3), 'BO008', NULL,
  'the only price is in a section that is off: publish still refused');
SELECT is((SELECT status FROM events WHERE id = :ev3), 'DRAFT', '… the event stays a draft');
SELECT lives_ok(format('SELECT * FROM set_event_section(%L, %L, true)', :ev3, :stalls), 'the Stalls are back');
SELECT is(publish_event(:ev3), 'PUBLISHED', 'publish_event: DRAFT → PUBLISHED');
SELECT is(publish_event(:ev3), 'PUBLISHED', 'publishing again changes nothing (a retry)');
SELECT results_eq(format('SELECT capacity, custom_capacity IS NULL FROM event_sections WHERE event_id = %L AND section_id = %L', :ev3, :floor),
  'VALUES (3, false)', 'the Floor override survived');
SELECT results_eq(format('SELECT capacity FROM set_event_section(%L, %L, true)', :ev3, :floor),
  'VALUES (5)', 'p_capacity NULL: back to the venue''s capacity (5)');
RESET SESSION AUTHORIZATION;

-- ---- what is sold or held cannot be broken
SET SESSION AUTHORIZATION t_clerk_a;
SELECT ok(pg_temp.sell(:ev, ARRAY[:a1]::uuid[], :'ga', 2) IS NOT NULL, 'clerk sells A-1 and 2 standing places of Event A');
SELECT is((SELECT status FROM create_order(:h1, :ev, format('[{"tier_id": "%s", "quantity": 1}]', :'ga')::jsonb)), 'PENDING',
          'and has 1 standing place in an order waiting for payment');
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h2, ARRAY[:a10]::uuid[])), 1, 'and holds A-10');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, true, 2)', :ev, :floor), 'BO003',
  'Floor: capacity 2 is below the 3 places already sold or held', 'capacity below sold + held: over capacity, with the figures');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, false)', :ev, :floor), 'BO006',
  'Floor cannot be taken out of the event: 2 live tickets, 1 held', 'deactivating a section with tickets: wrong state, with the counts');
SELECT throws_ok(format('SELECT * FROM set_event_section(%L, %L, false)', :ev, :stalls), 'BO006',
  'Stalls cannot be taken out of the event: 1 live tickets, 1 held', '… also a numbered one (A-1 sold, A-10 held)');
SELECT is(pg_temp.es(:ev, :floor) || ' / ' || pg_temp.es(:ev, :stalls), 'on cap 5 sold 2 held 1 / on cap 6 sold 0 held 0',
          '… nothing changed');
SELECT results_eq(format('SELECT capacity, sold, held FROM set_event_section(%L, %L, true, 3)', :ev, :floor),
  'VALUES (3, 2, 1)', 'capacity exactly sold + held is allowed');
SELECT results_eq(format('SELECT capacity FROM set_event_section(%L, %L, true)', :ev, :floor), 'VALUES (5)', 'and back to 5');
-- a section with nothing sold goes off, and then nothing of it can be ordered
SELECT results_eq(format('SELECT is_active FROM set_event_section(%L, %L, false)', :ev2, :floor), 'VALUES (false)',
  'the Floor of Event A2 (nothing sold) goes off');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format($$ SELECT * FROM create_order(gen_random_uuid(), %L, '[{"tier_id": "%s", "quantity": 1}]') $$, :ev2, :'ga2'),
  'BO001', NULL, 'a clerk cannot order places of a section that is off');
RESET SESSION AUTHORIZATION;

-- ---- close sales
SET SESSION AUTHORIZATION t_super_a;
SELECT is(close_sales(:ev2), 'CLOSED', 'close_sales: PUBLISHED → CLOSED');
SELECT is(close_sales(:ev2), 'CLOSED', 'closing again changes nothing');
SELECT throws_ok(format('SELECT publish_event(%L)', :ev2), 'BO006', NULL, 'a closed event is not published again');
SELECT lives_ok(format('SELECT create_event(%L, %L, now(), false, %L)', :venue, 'Draft', '00000000-0000-4000-e000-0000000000a4'), 'another draft');
SELECT throws_ok($$ SELECT close_sales('00000000-0000-4000-e000-0000000000a4') $$, 'BO006', NULL, 'a draft has no sales to close');
RESET SESSION AUTHORIZATION;
UPDATE events SET status = 'CANCELLED' WHERE id = '00000000-0000-4000-e000-0000000000a4';
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok($$ SELECT publish_event('00000000-0000-4000-e000-0000000000a4') $$, 'BO006', NULL, 'a cancelled event is not published');
SELECT throws_ok($$ SELECT * FROM set_event_section('00000000-0000-4000-e000-0000000000a4', '00000000-0000-4000-c000-0000000000a2', true) $$,
  'BO006', NULL, 'a cancelled event''s sections do not change');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, gen_random_uuid(), ARRAY[%L]::uuid[])', :ev2, :b1), 'BO001', NULL,
  'a clerk cannot hold seats of a closed event');
RESET SESSION AUTHORIZATION;

-- ---- prices: a change applies to new sales; tiers in use are not deleted
SET SESSION AUTHORIZATION t_super_a;
SELECT is(set_tier(:ev, :stalls, 'Standard', 15.00, 1.00), :'std'::uuid, 'the Standard price goes up to 15.00 (same tier)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT ok(pg_temp.sell(:ev, ARRAY[:a2]::uuid[]) IS NOT NULL, 'A-2 is sold after the change');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format('SELECT price_snapshot FROM tickets WHERE event_id = %L AND seat_id IN (%L, %L) ORDER BY seat_id', :ev, :a1, :a2),
  'VALUES (10.00), (15.00)', 'A-1 sold before keeps 10.00, A-2 sold after has 15.00');
SELECT is((SELECT total_amount FROM orders WHERE id = :h1), 5.50, 'the order waiting for payment keeps its price');
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format('SELECT delete_tier(%L)', :'std'), 'BO006',
  'price tier Standard has 2 live tickets and 0 in orders waiting for payment: it stays', 'a tier with live tickets stays');
SELECT set_tier(:ev, :floor, 'Promo', 4.00) AS promo \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT is((SELECT status FROM create_order(gen_random_uuid(), :ev, format('[{"tier_id": "%s", "quantity": 1}]', :'promo')::jsonb)),
          'PENDING', 'an order of the Promo tier is waiting for payment');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format('SELECT delete_tier(%L)', :'promo'), 'BO006',
  'price tier Promo has 0 live tickets and 1 in orders waiting for payment: it stays', 'a tier in a pending order stays');
SELECT set_tier(:ev, :floor, 'Late', 7.00) AS late \gset
SELECT lives_ok(format('SELECT delete_tier(%L)', :'late'), 'an unused tier is deleted');
SELECT is((SELECT deleted FROM ticket_tiers WHERE id = :'late'), true, '… softly');
SELECT throws_ok(format('SELECT delete_tier(%L)', :'late'), 'BO001', NULL, 'a deleted tier is not found');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format($$ SELECT * FROM create_order(gen_random_uuid(), %L, '[{"tier_id": "%s", "quantity": 1}]') $$, :ev, :'late'),
  'BO001', NULL, 'a deleted tier is not on sale');
RESET SESSION AUTHORIZATION;

-- ---- kills
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, gen_random_uuid(), ARRAY[:b2]::uuid[])), 1, 'clerk A2 holds B-2');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L, %L]::uuid[], %L)', :ev, :b1, :b10, ' '), 'BO008', NULL, 'a kill needs a reason');
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[]::uuid[], %L)', :ev, 'house'), 'BO008', NULL, 'a kill needs seats');
SELECT throws_ok(format('SELECT kill_seats(%L, ARRAY[%L, %L, %L, %L]::uuid[], %L)', :ev, :b1, :a1, :a10, :b2, 'house seats'), 'BO002',
  'seat not available: A-1 (sold), A-10 (held by t_clerk_a), B-2 (held by t_clerk_a2)',
  'killing sold or held seats: not available, naming them');
SELECT is(pg_temp.seat(:b1), 'AVAILABLE', '… all or nothing: B-1 was not killed');
SELECT is(kill_seats(:ev, ARRAY[:b1, :b10]::uuid[], 'house seats'), 2, 'kill_seats takes B-1 and B-10 off sale');
SELECT is(pg_temp.seat(:b1), 'KILLED (house seats)', '… killed, with the reason');
SELECT is((SELECT who || ' ' || (after ->> 'kill_reason') FROM audit_log
            WHERE table_name = 'event_seats' AND row_id = :b1 AND after ->> 'status' = 'KILLED'),
          't_super_a house seats', 'the audit log says who killed it and why');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT status FROM event_seat_map(:ev) WHERE seat_id = :b1), 'KILLED', 'the clerk''s seat map shows B-1 killed');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, gen_random_uuid(), ARRAY[%L]::uuid[])', :ev, :b1), 'BO002',
  'seat not available: B-1 (not for sale)', 'a clerk cannot hold a killed seat');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT is(release_kills(:ev, ARRAY[:b10, :a1]::uuid[]), 1, 'release_kills puts B-10 back (A-1 is sold: left alone)');
SELECT is(pg_temp.seat(:b10) || ' / ' || pg_temp.seat(:a1), 'AVAILABLE / SOLD', '… B-10 on sale, A-1 still sold');

-- the supervisor sells a killed seat
SELECT throws_ok(format('SELECT * FROM hold_killed_seats(%L, %L, ARRAY[%L, %L]::uuid[])', :ev, :hk, :b1, :b10), 'BO002',
  'seat not available: B-10 (on sale: hold it the usual way)', 'hold_killed_seats takes killed seats only');
SELECT is(pg_temp.seat(:b1), 'KILLED (house seats)', '… and took nothing');
SELECT is((SELECT count(*)::int FROM hold_killed_seats(:ev, :hk, ARRAY[:b1]::uuid[])), 1, 'hold_killed_seats: B-1 held for the supervisor''s sale');
SELECT is(pg_temp.seat(:b1), 'HELD:t_super_a (house seats)', '… held, still remembered as a kill');
SELECT is((SELECT total_amount FROM create_order(:hk, :ev, format('[{"seat_id": "%s", "tier_id": "%s"}]', :b1, :'std')::jsonb)),
          16.00, 'create_order as usual (15.00 + 1.00)');
SELECT is((SELECT count(*)::int FROM mark_paid(:hk, '[{"method":"CARD","amount":"16.00","reference":"T-1"}]')), 1, 'mark_paid issues the ticket');
SELECT is(pg_temp.seat(:b1), 'SOLD', 'B-1 is sold, an ordinary seat now');

-- an abandoned or expired sale of a killed seat puts it back off sale
SELECT is(kill_seats(:ev, ARRAY[:b10]::uuid[], 'broken seat'), 1, 'B-10 is broken');
SELECT is((SELECT count(*)::int FROM hold_killed_seats(:ev, :hk2, ARRAY[:b10]::uuid[])), 1, 'the supervisor holds it for a sale');
SELECT is(release_holds(:hk2), 1, '… and lets it go');
SELECT is(pg_temp.seat(:b10), 'KILLED (broken seat)', 'a released kill is killed again, with its reason');
SELECT is((SELECT count(*)::int FROM hold_killed_seats(:ev, :hk3, ARRAY[:b10]::uuid[])), 1, 'held again');
SELECT is((SELECT status FROM create_order(:hk3, :ev, format('[{"seat_id": "%s", "tier_id": "%s"}]', :b10, :'std')::jsonb)), 'PENDING', 'ordered');
SELECT lives_ok(format('SELECT abandon_order(%L)', :hk3), 'the order is abandoned');
SELECT is(pg_temp.seat(:b10), 'KILLED (broken seat)', 'an abandoned kill is killed again');
SELECT is((SELECT count(*)::int FROM hold_killed_seats(:ev, :hk4, ARRAY[:b10]::uuid[])), 1, 'held once more');
RESET SESSION AUTHORIZATION;
UPDATE event_seats SET hold_expires_at = clock_timestamp() - interval '1 second' WHERE hold_id = :hk4;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT status FROM event_seat_map(:ev) WHERE seat_id = :b10), 'KILLED', 'its hold ran out: the seat map shows it killed, not free');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, gen_random_uuid(), ARRAY[%L, %L]::uuid[])', :ev, :b10, :a10), 'BO002',
  'seat not available: B-10 (not for sale)', 'a clerk cannot take a killed seat whose sale ran out');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT is((SELECT count(*)::int FROM hold_killed_seats(:ev, :hk5, ARRAY[:b10]::uuid[])), 1, 'the supervisor can take it into a new sale');
RESET SESSION AUTHORIZATION;
-- an expired ordinary hold can be killed
UPDATE event_seats SET hold_expires_at = clock_timestamp() - interval '1 second' WHERE seat_id = :b2 AND event_id = :ev;
SET SESSION AUTHORIZATION t_super_a;
SELECT is(kill_seats(:ev, ARRAY[:b2]::uuid[], 'camera position'), 1, 'a seat whose hold expired can be killed');
SELECT is(pg_temp.seat(:b2), 'KILLED (camera position)', '… and is');
RESET SESSION AUTHORIZATION;
SELECT throws_ok($$ UPDATE event_seats SET status = 'KILLED', kill_reason = NULL, hold_id = NULL,
                            held_by = NULL, hold_expires_at = NULL
                     WHERE event_id = '00000000-0000-4000-e000-00000000000a'
                       AND seat_id = '00000000-0000-4000-d000-0000000a0110' $$,
  '23514', NULL, 'the table refuses a kill without a reason, even for a superuser');

SELECT * FROM finish();
ROLLBACK;
