-- Statistics as running totals (0009): every kind of change leaves deltas that fold into
-- exactly what a recomputation from the tables gives (stats_drift() empty), the sale
-- path only appends, and the views read the rollups.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(16);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set ev2 '''00000000-0000-4000-e000-0000000000a2'''
\set floor '''00000000-0000-4000-c000-0000000000a2'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set b2 '''00000000-0000-4000-d000-0000000a0202'''

SELECT is_empty($$ SELECT * FROM stats_drift() $$, 'a fresh database: no drift');
SELECT is((SELECT count(*)::int FROM stats_deltas), 0, '… and nothing waiting to be folded');

-- Sales of seats and standing places, by two clerks, cash and card.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell(:ev, ARRAY[:a1, :a2]::uuid[], pg_temp.tier(:ev, :floor), 3, 'Ann', 'ann@example.org') AS o1 \gset
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT count(*) FROM stats_deltas) > 0, 'a sale leaves deltas');
SELECT is((SELECT count(*)::int FROM stats_hourly), 0, '… and touches no running total (appends only)');
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT gen_random_uuid() AS o2 \gset
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :'o2', ARRAY[:b1]::uuid[])), 1, 'clerk A2 holds B-1');
SELECT ok((SELECT total_amount FROM create_order(:'o2', :ev,
             jsonb_build_array(jsonb_build_object('seat_id', :b1, 'tier_id', pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1'))))) = 11,
          '… orders it');
SELECT is((SELECT count(*)::int FROM mark_paid(:'o2', '[{"method":"CARD","amount":"6.00","reference":"T-1"},{"method":"CARD","amount":"5.00","reference":"T-2"}]')),
          1, '… and is paid with two card payments');
RESET SESSION AUTHORIZATION;
SELECT is_empty($$ SELECT * FROM stats_drift() $$, 'after sales: no drift (two payments of one order count one order)');

-- A scan, a cancelled seat, a cancelled standing place, a whole order cancelled, an exchange.
SELECT ticket_id AS a1_ticket, token AS a1_token FROM pg_temp.tokens WHERE seat_id = :a1 \gset
SELECT ticket_id AS a2_ticket FROM pg_temp.tokens WHERE seat_id = :a2 \gset
SELECT ticket_id AS ga_ticket FROM pg_temp.tokens WHERE order_id = :'o1' AND seat_id IS NULL LIMIT 1 \gset
SET SESSION AUTHORIZATION t_help_a;
SELECT is((SELECT result FROM validate_ticket(:'a1_token', 'North')), 'ADMITTED', 'A-1 scanned');
SELECT lives_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L, %L]::uuid[], 'changed plans', 'CASH', 16.50) $$,
                       :'a2_ticket', :'ga_ticket'), 'A-2 and one standing place cancelled with a refund');
SELECT lives_ok(format($$ SELECT * FROM cancel_order(%L, 'ill', NULL, 0) $$, :'o2'), 'clerk A2''s order cancelled whole');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT gen_random_uuid() AS x \gset
SELECT lives_ok(format($$ SELECT * FROM exchange_tickets(ARRAY(SELECT ticket_id FROM pg_temp.tokens
                                WHERE order_id = %L AND seat_id IS NULL AND ticket_id <> %L LIMIT 1), %L, %L, %L,
                                'other night', '[{"method":"CASH","amount":"1.00","tendered":"1.00"}]') $$,
                       :'o1', :'ga_ticket', :'x', :ev2,
                       jsonb_build_array(jsonb_build_object('tier_id', pg_temp.tier(:ev2, :floor), 'quantity', 1))),
                'a standing place exchanged to the other night, 1.00 paid');
RESET SESSION AUTHORIZATION;
SELECT is_empty($$ SELECT * FROM stats_drift() $$,
                'after a scan, cancellations, a whole order, an exchange: no drift');

-- refresh_stats folds; the views show the rollups.
SET SESSION AUTHORIZATION t_super_a;
SELECT ok(refresh_stats(1) IS NOT NULL, 'a supervisor refreshes');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM stats_deltas), 0, 'the refresh folded every delta');
SELECT results_eq($$ SELECT total_orders, tickets_sold FROM event_stats WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
                  $$ SELECT count(*) FILTER (WHERE o.status = 'PAID'),
                            (SELECT count(*) FROM tickets t JOIN orders o2 ON o2.id = t.order_id
                              WHERE o2.event_id = '00000000-0000-4000-e000-00000000000a' AND o2.status = 'PAID'
                                AND t.status IN ('VALID', 'USED'))::numeric
                       FROM orders o WHERE o.event_id = '00000000-0000-4000-e000-00000000000a' $$,
                  'event_stats equals the tables after the fold');

SELECT * FROM finish();
ROLLBACK;
