-- The sale functions: holds, orders, payment, tickets, gate validation, cancellation,
-- and the audit trail. Every refusal has its SQLSTATE and leaves nothing behind.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(74);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set a10 '''00000000-0000-4000-d000-0000000a0110'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set h1 '''10000000-0000-4000-8000-000000000001'''
\set h2 '''10000000-0000-4000-8000-000000000002'''
\set h3 '''10000000-0000-4000-8000-000000000003'''
\set h4 '''10000000-0000-4000-8000-000000000004'''
\set h5 '''10000000-0000-4000-8000-000000000005'''
\set h6 '''10000000-0000-4000-8000-000000000006'''
SELECT pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1') AS std,
       pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a2') AS ga \gset
CREATE FUNCTION pg_temp.seat_status(uuid) RETURNS text LANGUAGE sql AS $$
  SELECT status || coalesce(':' || held_by, '') FROM event_seats
   WHERE event_id = '00000000-0000-4000-e000-00000000000a' AND seat_id = $1 $$;
CREATE FUNCTION pg_temp.ga() RETURNS text LANGUAGE sql AS $$
  SELECT 'sold ' || sold || ' held ' || held FROM event_sections
   WHERE event_id = '00000000-0000-4000-e000-00000000000a' AND section_id = '00000000-0000-4000-c000-0000000000a2' $$;

-- Holds
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h1, ARRAY[:a1, :a2]::uuid[])), 2, 'clerk A holds A-1 and A-2');
SELECT ok((SELECT bool_and(hold_expires_at BETWEEN clock_timestamp() + interval '9 minutes'
                                              AND clock_timestamp() + interval '11 minutes')
             FROM event_seats WHERE hold_id = :h1), 'the hold expires in 10 minutes by default');
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h1, ARRAY[:a1]::uuid[], 15)), 1,
          'holding again under the same hold id is allowed (a retry)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[%L, %L]::uuid[])', :ev, :h2, :a10, :a2),
  'BO002', 'seat not available: A-2 (held by t_clerk_a)', 'another clerk cannot hold A-2; the message names seat and holder');
SELECT is(pg_temp.seat_status(:a10), 'AVAILABLE', 'all or nothing: A-10 of the refused call was not held');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is(release_holds(:h1, ARRAY[:a2]::uuid[]), 1, 'release_holds lets A-2 go');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h2, ARRAY[:a2]::uuid[])), 1, 'now clerk A2 can hold A-2');
SELECT is(release_holds(:h1), 0, 'a clerk cannot release another clerk''s hold');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[%L]::uuid[])', :ev, :h1, :a1),
  'BO002', NULL, 'nor take it over by naming its hold id');
SELECT is((SELECT count(*)::int FROM event_seat_map(:ev) WHERE hold_id IS NOT NULL AND held_by <> 't_clerk_a2'), 0,
          'the seat map shows other clerks'' holds without their hold ids');
RESET SESSION AUTHORIZATION;
UPDATE event_seats SET hold_expires_at = clock_timestamp() - interval '1 second' WHERE hold_id = :h2;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h3, ARRAY[:a2]::uuid[])), 1, 'an expired hold is free for others');
SELECT is(pg_temp.seat_status(:a2), 'HELD:t_clerk_a', 'A-2 is held by clerk A again');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[]::uuid[])', :ev, :h3), 'BO008', NULL, 'holding no seats: invalid input');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[%L]::uuid[], 500)', :ev, :h3, :a10), 'BO008', NULL, 'a 500-minute hold: invalid input');
SELECT throws_ok(format('SELECT * FROM hold_seats(gen_random_uuid(), %L, ARRAY[%L]::uuid[])', :h3, :a10), 'BO001', NULL, 'an unknown event: not found');
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[gen_random_uuid()])', :ev, :h3), 'BO001', NULL, 'an unknown seat: not found');
RESET SESSION AUTHORIZATION;
UPDATE event_sections SET is_active = false WHERE event_id = :ev AND section_id = '00000000-0000-4000-c000-0000000000a1';
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format('SELECT * FROM hold_seats(%L, %L, ARRAY[%L]::uuid[])', :ev, :h3, :a10), 'BO001', NULL,
  'a seat of a section not on sale for the event cannot be held');
RESET SESSION AUTHORIZATION;
UPDATE event_sections SET is_active = true WHERE event_id = :ev AND section_id = '00000000-0000-4000-c000-0000000000a1';
SET SESSION AUTHORIZATION t_clerk_a;

-- Orders
SELECT results_eq(format($$ SELECT status, total_amount, platform_fee FROM create_order(%L, %L,
                   '[{"seat_id": "%s", "tier_id": "%s"}]') $$, :h1, :ev, :a1, :'std'),
  $$ VALUES ('PENDING'::text, 11.00::numeric, 1.00::numeric) $$, 'create_order: A-1 at 10.00 + 1.00 fee, pending');
SELECT results_eq(format($$ SELECT status, total_amount FROM create_order(%L, %L,
                   '[{"seat_id": "%s", "tier_id": "%s"}]') $$, :h1, :ev, :a1, :'std'),
  $$ VALUES ('PENDING'::text, 11.00::numeric) $$, 'create_order again with the same id returns the same order');
SELECT is((SELECT count(*)::int FROM order_items WHERE order_id = :h1), 1, '… and adds nothing');
SELECT throws_ok(format($$ SELECT * FROM create_order(%L, %L, '[{"seat_id": "%s", "tier_id": "%s"}]') $$,
                        :h4, :ev, :a10, :'std'),
  'BO007', NULL, 'ordering a seat that is not held for this sale: refused');
SELECT throws_ok(format($$ SELECT * FROM create_order(%L, %L, '[{"tier_id": "%s", "quantity": 6}]') $$, :h4, :ev, :'ga'),
  'BO003', 'Floor is sold out for 6 places: 5 left', 'six standing places of five: sold out, with what is left');
SELECT is(pg_temp.ga(), 'sold 0 held 0', '… and the GA counters are unchanged');
SELECT throws_ok(format($$ SELECT * FROM create_order(%L, %L, '[{"tier_id": "%s", "quantity": 0}]') $$, :h4, :ev, :'ga'),
  'BO008', NULL, 'a quantity of 0: invalid input');
SELECT throws_ok(format($$ SELECT * FROM create_order(%L, %L, '{"tier_id": 1}') $$, :h4, :ev),
  'BO008', NULL, 'items that are not a list: invalid input');
SELECT throws_ok(format($$ SELECT * FROM create_order(%L, %L, '[{"tier_id": "not-a-uuid"}]') $$, :h4, :ev),
  'BO008', NULL, 'a tier id that is not a uuid: invalid input');
SELECT is((SELECT count(*)::int FROM orders WHERE id = :h4), 0, 'refused orders leave no order row');

-- Payment
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CASH","amount":"10.00","tendered":"10.00"}]') $$, :h1),
  'BO004', 'payments add up to 10.00, the order total is 11.00', 'paying 10.00 for 11.00: wrong amount');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"COMP","amount":"0","reason":"friend"}]') $$, :h1),
  'BO005', NULL, 'a clerk may not comp');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CHEQUE","amount":"11.00"}]') $$, :h1),
  'BO008', NULL, 'an unknown payment method: invalid input');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CASH","amount":"11.00","tendered":"5.00"}]') $$, :h1),
  'BO004', NULL, 'cash tendered below the amount: wrong amount');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CARD","amount":"11.00"}]') $$, :h1),
  'BO008', NULL, 'a card payment without its terminal reference: invalid input');
SELECT is((SELECT status FROM orders WHERE id = :h1) || ' ' || (SELECT count(*) FROM payments WHERE order_id = :h1)
          || ' ' || (SELECT count(*) FROM tickets WHERE order_id = :h1), 'PENDING 0 0',
          'after the refusals: still pending, no payment, no ticket');
INSERT INTO pg_temp.tokens SELECT :h1, ticket_id, seat_id, token
  FROM mark_paid(:h1, '[{"method":"CASH","amount":"11.00","tendered":"20.00"}]');
SELECT is((SELECT count(*)::int FROM pg_temp.tokens WHERE order_id = :h1), 1, 'mark_paid issues one ticket');
SELECT matches((SELECT token FROM pg_temp.tokens WHERE order_id = :h1), '^[0-9A-F]{40}$',
               'the token is 160 random bits in upper-case hex');
SELECT is((SELECT qr_code_hash FROM tickets WHERE order_id = :h1),
          (SELECT encode(sha256(convert_to(token, 'UTF8')), 'hex') FROM pg_temp.tokens WHERE order_id = :h1),
          'the database keeps only the token''s SHA-256');
SELECT is((SELECT change_due FROM payments WHERE order_id = :h1), 9.00::numeric, 'change due from 20.00 is 9.00');
SELECT is((SELECT status || ' ' || price_snapshot FROM tickets WHERE order_id = :h1), 'VALID 10.00', 'ticket valid at 10.00');
SELECT is(pg_temp.seat_status(:a1), 'SOLD', 'A-1 is sold in the inventory');
SELECT is((SELECT status FROM orders WHERE id = :h1), 'PAID', 'the order is paid');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CASH","amount":"11.00","tendered":"11.00"}]') $$, :h1),
  'BO006', 'order 10000000-0000-4000-8000-000000000001 is already paid', 'paying twice: wrong state');

-- Split tender, seats and GA together.
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h5, ARRAY[:a10]::uuid[])), 1, 'hold A-10');
SELECT is((SELECT total_amount FROM create_order(:h5, :ev, format('[{"seat_id": "%s", "tier_id": "%s"}, {"tier_id": "%s", "quantity": 2}]',
            :a10, :'std', :'ga')::jsonb)), 22.00::numeric, 'A-10 and two standing places: 22.00');
SELECT is(pg_temp.ga(), 'sold 0 held 2', 'the two standing places are held while the order is pending');
INSERT INTO pg_temp.tokens SELECT :h5, ticket_id, seat_id, token
  FROM mark_paid(:h5, '[{"method":"CASH","amount":"10.00","tendered":"10.00"},{"method":"CARD","amount":"12.00","reference":"T-77"}]');
SELECT is((SELECT count(*)::int FROM pg_temp.tokens WHERE order_id = :h5), 3, 'split tender pays; three tickets');
SELECT is(pg_temp.ga(), 'sold 2 held 0', 'paid: held places became sold');

-- Expiry and abandonment
SELECT is((SELECT status FROM create_order(:h4, :ev, format('[{"tier_id": "%s", "quantity": 1}]', :'ga')::jsonb)), 'PENDING', 'a GA order pending');
RESET SESSION AUTHORIZATION;
UPDATE orders SET expires_at = clock_timestamp() - interval '1 second' WHERE id = :h4;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :h6, ARRAY[:b1]::uuid[])), 1, 'hold B-1');
SELECT is((SELECT status FROM create_order(:h6, :ev, format('[{"seat_id": "%s", "tier_id": "%s"}]', :b1, :'std')::jsonb)), 'PENDING',
          'the next order on the event sweeps the expired one');
SELECT is((SELECT status FROM orders WHERE id = :h4) || ' / ' || pg_temp.ga(), 'FAILED / sold 2 held 0',
          'the expired order failed and its standing place is back');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CASH","amount":"5.50","tendered":"5.50"}]') $$, :h4),
  'BO007', NULL, 'paying an expired order: expired');
SELECT lives_ok(format('SELECT abandon_order(%L)', :h6), 'the customer walks away: abandon_order');
SELECT is(pg_temp.seat_status(:b1) || ' ' || (SELECT status FROM orders WHERE id = :h6), 'AVAILABLE FAILED',
          'B-1 is back on sale, the order failed');

-- Gate
SELECT token AS tok_a1 FROM pg_temp.tokens WHERE seat_id = :a1 \gset
SELECT results_eq(format($$ SELECT result, row_label::text, number_label::text, tier_name FROM validate_ticket(%L, 'North') $$, :'tok_a1'),
  $$ VALUES ('ADMITTED', 'A', '1', 'Standard') $$, 'first scan: admitted with seat and tier');
SELECT results_eq(format($$ SELECT result, scanned_gate FROM validate_ticket(%L, 'South') $$, :'tok_a1'),
  $$ VALUES ('ALREADY_USED', 'North') $$, 'second scan: already scanned, at the North gate');
SELECT is((SELECT result FROM validate_ticket(:'tok_a1', 'South', '00000000-0000-4000-e000-0000000000a2')), 'WRONG_EVENT',
          'a ticket for another performance: wrong event');
SELECT is((SELECT result FROM validate_ticket('NOT-A-TOKEN', 'South')), 'UNKNOWN', 'an unknown code: unknown');
SELECT is((SELECT string_agg(result || '@' || gate || '/' || staff_login, ' ' ORDER BY validated_at)
             FROM ticket_validations), 'ADMITTED@North/t_clerk_a ALREADY_USED@South/t_clerk_a WRONG_EVENT@South/t_clerk_a',
          'every scan of a known ticket is recorded with gate and login');
RESET SESSION AUTHORIZATION;

-- Cancellation and resale
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok(format($$ SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = %L), 'x') $$, :a1),
  'BO006', NULL, 'a used ticket cannot be cancelled');
SELECT throws_ok(format($$ SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = %L), '  ') $$, :a10),
  'BO008', NULL, 'a cancellation needs a reason');
SELECT lives_ok(format($$ SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = %L), 'wrong night') $$, :a10),
  'help desk cancels A-10');
SELECT lives_ok($$ SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id IS NULL AND status = 'VALID' LIMIT 1), 'one fewer') $$,
  'help desk cancels one standing ticket');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.seat_status(:a10) || ' / ' || pg_temp.ga(), 'AVAILABLE / sold 1 held 0',
          'the seat and the standing place are back on sale at once');
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT result FROM validate_ticket((SELECT token FROM pg_temp.tokens WHERE seat_id = :a10), 'North')), 'CANCELLED',
          'the cancelled ticket is refused at the gate');
SELECT ok(pg_temp.sell(:ev, ARRAY[:a10]::uuid[]) IS NOT NULL, 'A-10 is sold again');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(status, ',' ORDER BY created_at, status) FROM tickets WHERE seat_id = :a10), 'CANCELLED,VALID',
          'a cancelled ticket and a live one for the same seat: resale works');
SELECT throws_ok(format($$ INSERT INTO tickets (organization_id, order_id, event_id, ticket_tier_id, seat_id, qr_code_hash, price_snapshot)
                        SELECT organization_id, order_id, event_id, ticket_tier_id, seat_id, repeat('0', 64), 1
                          FROM tickets WHERE seat_id = %L AND status = 'VALID' $$, :a10),
  '23505', NULL, 'the partial unique index still refuses a second live ticket for a seat');

-- Supervisor comp
SET SESSION AUTHORIZATION t_super_a;
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, '20000000-0000-4000-8000-000000000001', ARRAY[:b1]::uuid[])), 1, 'supervisor holds B-1');
SELECT is((SELECT total_amount FROM create_order('20000000-0000-4000-8000-000000000001', :ev,
          format('[{"seat_id": "%s", "tier_id": "%s"}]', :b1, :'std')::jsonb)), 11.00::numeric, 'order for B-1');
SELECT throws_ok($$ SELECT * FROM mark_paid('20000000-0000-4000-8000-000000000001', '[{"method":"COMP","amount":"0"}]') $$,
  'BO008', NULL, 'a comp needs a reason');
SELECT is((SELECT count(*)::int FROM mark_paid('20000000-0000-4000-8000-000000000001',
          '[{"method":"COMP","amount":"0","reason":"critic"}]')), 1, 'a supervisor comps B-1 with a reason');
RESET SESSION AUTHORIZATION;

-- Audit trail
SELECT is((SELECT string_agg(action || ':' || coalesce(before ->> 'status', '-') || '>' || (after ->> 'status'), ' ' ORDER BY id)
             FROM audit_log WHERE table_name = 'orders' AND row_id = :h1),
          'INSERT:->PENDING UPDATE:PENDING>PENDING UPDATE:PENDING>PAID',
          'the audit log has the order''s life with before and after');
SELECT is((SELECT DISTINCT who FROM audit_log WHERE row_id = :h1), 't_clerk_a'::name, '… recorded as the clerk''s login');
SELECT throws_ok('UPDATE audit_log SET who = ''nobody''', 'BO005', NULL, 'the audit log cannot be changed, even by a superuser');

SELECT * FROM finish();
ROLLBACK;
