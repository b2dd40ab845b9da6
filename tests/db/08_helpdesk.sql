-- Help desk (0008): one search box (typos, partial e-mail, phone digits, order reference,
-- QR token), a person's orders and an order's tickets, each lookup recorded; contact
-- details and money hidden from the help desk's own reads; cancellations with refunds;
-- exchanges in one transaction; refunds in the drawer's expected cash.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(70);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set ev2 '''00000000-0000-4000-e000-0000000000a2'''
\set org '''00000000-0000-4000-a000-00000000000a'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set a10 '''00000000-0000-4000-d000-0000000a0110'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set b2 '''00000000-0000-4000-d000-0000000a0202'''
\set b10 '''00000000-0000-4000-d000-0000000a0210'''

-- People: two of organisation A who sound alike, one of B who would match too.
INSERT INTO users (organization_id, full_name, email, phone) VALUES
  (:org, 'Margaret Thomson', 'mthomson@example.org', '+44 20 7946 0958'),
  (:org, 'Margot Thompsett', 'margot@mail.test', '020 7946 1111'),
  (:org, 'John Smith', 'j.smith@mail.test', NULL),
  ('00000000-0000-4000-a000-00000000000b', 'Margaret Thomson', 'other@b.test', '+44 20 7946 0958');
SELECT id AS margaret FROM users WHERE organization_id = :org AND full_name = 'Margaret Thomson' \gset

-- Ann buys A-1 and A-2 (11.00 each: 10.00 + 1.00 fee) and two standing places (5.50 each).
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell(:ev, ARRAY[:a1, :a2]::uuid[], pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a2'), 2,
                    'Ann Example', 'ann@example.org') AS ann_order \gset
RESET SESSION AUTHORIZATION;
SELECT user_id AS ann FROM orders WHERE id = :'ann_order' \gset
SELECT token AS a1_token, ticket_id AS a1_ticket FROM pg_temp.tokens WHERE seat_id = :a1 \gset
SELECT ticket_id AS a2_ticket FROM pg_temp.tokens WHERE seat_id = :a2 \gset
SELECT array_agg(ticket_id ORDER BY ticket_id) AS ga_tickets FROM pg_temp.tokens
 WHERE order_id = :'ann_order' AND seat_id IS NULL \gset

-- ---- search ----
SET SESSION AUTHORIZATION t_help_a;
SELECT is((SELECT full_name FROM find_attendees('Margret Tomson') LIMIT 1), 'Margaret Thomson',
          'a misspelled name finds the person, best match first');
SELECT is((SELECT count(*)::int FROM find_attendees('Margret Tomson') WHERE email = 'other@b.test'), 0,
          '… and never the other organisation''s namesake');
SELECT results_eq($$ SELECT full_name, matched FROM find_attendees('thomson@exa') $$,
                  $$ VALUES ('Margaret Thomson', 'email') $$, 'part of an e-mail finds its owner');
SELECT results_eq($$ SELECT full_name, matched FROM find_attendees('7946 09') $$,
                  $$ VALUES ('Margaret Thomson', 'phone') $$, 'phone digits, spaced as typed');
SELECT is((SELECT count(*)::int FROM find_attendees('7946')), 2, 'four digits: every phone containing them');
SELECT results_eq(format($$ SELECT full_name, matched, order_id FROM find_attendees(%L) $$,
                         left(:'ann_order', 8)),
                  format($$ VALUES ('Ann Example', 'order', %L::uuid) $$, :'ann_order'),
                  'the first 8 characters of an order reference find the order and its buyer');
SELECT results_eq(format($$ SELECT full_name, matched, ticket_id FROM find_attendees(%L) $$, :'a1_token'),
                  format($$ VALUES ('Ann Example', 'ticket', %L::uuid) $$, :'a1_ticket'),
                  'a scanned QR token finds the ticket''s holder');
SELECT results_eq(format($$ SELECT full_name FROM find_attendees(%L) $$, lower(:'a1_token')),
                  $$ VALUES ('Ann Example') $$, '… typed in lower case too');
SELECT results_eq($$ SELECT full_name FROM find_attendees('ma') ORDER BY 1 $$,
                  $$ VALUES ('Margaret Thomson'), ('Margot Thompsett') $$,
                  'two letters: names starting with them');
SELECT is((SELECT count(*)::int FROM find_attendees('Walk')), 0, 'the walk-up customer is nobody to find');
SELECT is((SELECT count(*)::int FROM find_attendees('50%_')), 0, 'LIKE wildcards typed are plain characters');
SELECT is((SELECT count(*)::int FROM find_attendees('   ')), 0, 'blank: nothing, no error');
SELECT throws_ok($$ SELECT * FROM find_attendees(repeat('x', 201)) $$, 'BO008', NULL,
                 'a search longer than 200 characters is refused');
SELECT is((SELECT orders::int FROM find_attendees('Ann Exmaple')), 1, 'results carry the number of orders');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM person_lookups WHERE who = 't_help_a' AND kind = 'SEARCH'), 12,
          'every search was recorded with who made it');
SELECT results_eq($$ SELECT query, results FROM person_lookups WHERE who = 't_help_a' ORDER BY id LIMIT 1 $$,
                  $$ VALUES ('Margret Tomson', 1) $$, '… with what was typed and how many were found');
SELECT throws_ok($$ UPDATE person_lookups SET query = 'x' $$, 'BO005', NULL,
                 'the lookup record cannot be changed, even by the superuser');
SELECT throws_ok($$ DELETE FROM person_lookups $$, 'BO005', NULL, '… nor deleted');

-- ---- privacy: the help desk's own reads ----
SET SESSION AUTHORIZATION t_help_a;
SELECT lives_ok($$ SELECT full_name FROM users $$, 'the help desk reads names from the table');
SELECT throws_ok($$ SELECT email FROM users $$, '42501', NULL, '… but no e-mail (only through recorded lookups)');
SELECT throws_ok($$ SELECT phone FROM users $$, '42501', NULL, '… and no phone');
SELECT throws_ok($$ SELECT * FROM payments $$, '42501', NULL, 'no payment details');
SELECT throws_ok($$ SELECT qr_code_hash FROM tickets $$, '42501', NULL, 'no QR hashes');
SELECT throws_ok($$ SELECT total_amount FROM orders $$, '42501', NULL, 'no order amounts from the table');
SELECT throws_ok($$ SELECT * FROM person_lookups $$, '42501', NULL, 'the lookup record is not for the help desk');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok($$ SELECT email FROM users $$, '42501', NULL, 'a clerk reads no e-mail either');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT lives_ok($$ SELECT email FROM users $$, 'a supervisor does');
SELECT ok((SELECT count(*) FROM person_lookups) > 0, 'a supervisor reads who looked whom up');
RESET SESSION AUTHORIZATION;

-- ---- a person's orders, an order's tickets ----
SET SESSION AUTHORIZATION t_help_a;
SELECT results_eq(format($$ SELECT status, total_amount, tickets_valid::int, tickets_cancelled::int, places::int,
                                   event_title FROM attendee_orders(%L) $$, :'ann'),
                  $$ VALUES ('PAID', 33.00, 4, 0, 4, 'Event A') $$,
                  'a person''s orders: status, total, tickets by state, the event');
SELECT results_eq(format($$ SELECT section_name, row_label, number_label, tier_name, price, status
                              FROM order_tickets(%L) $$, :'ann_order'),
                  $$ VALUES ('Floor', NULL, NULL, 'Standing', 5.00, 'VALID'), ('Floor', NULL, NULL, 'Standing', 5.00, 'VALID'),
                            ('Stalls', 'A', '1', 'Standard', 10.00, 'VALID'), ('Stalls', 'A', '2', 'Standard', 10.00, 'VALID') $$,
                  'an order''s tickets with seat, tier, price and status');
SELECT is((SELECT result FROM validate_ticket(:'a1_token', 'North')), 'ADMITTED', 'A-1 is scanned at North');
SELECT results_eq(format($$ SELECT status, scanned_gate FROM order_tickets(%L) WHERE number_label = '1' $$, :'ann_order'),
                  $$ VALUES ('USED', 'North') $$, 'the ticket shows when it was used and at which gate');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$ SELECT kind, user_id, order_id FROM person_lookups
                             WHERE who = 't_help_a' AND kind <> 'SEARCH' ORDER BY id $$),
                  format($$ VALUES ('PERSON', %L::uuid, NULL::uuid), ('ORDER', %1$L, %2$L), ('ORDER', %1$L, %2$L) $$,
                         :'ann', :'ann_order'),
                  'opening a person and an order is recorded, naming them');
-- Pages: three more orders for Margaret, two per page.
INSERT INTO orders (id, organization_id, user_id, event_id, status, created_at)
SELECT gen_random_uuid(), :org, :'margaret', :ev, 'FAILED', now() - make_interval(days => d)
  FROM generate_series(1, 3) d;
SET SESSION AUTHORIZATION t_help_a;
SELECT created_at AS p1_at, order_id AS p1_id FROM attendee_orders(:'margaret', NULL, NULL, 2)
 ORDER BY created_at LIMIT 1 \gset
SELECT is((SELECT count(*)::int FROM attendee_orders(:'margaret', NULL, NULL, 2)), 2, 'a page of 2 orders');
SELECT is((SELECT count(*)::int FROM attendee_orders(:'margaret', :'p1_at', :'p1_id', 2)), 1,
          'the next page after its last row holds the third');
SELECT is((SELECT created_at < :'p1_at'::timestamptz FROM attendee_orders(:'margaret', :'p1_at', :'p1_id', 2)), true,
          '… and it is older');
SELECT throws_ok($$ SELECT * FROM attendee_orders('00000000-0000-4000-0000-000000000000') $$, 'BO001', NULL,
                 'an unknown person is refused in words');
RESET SESSION AUTHORIZATION;

-- ---- cancellations with refunds ----
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L]::uuid[], 'x', 'CASH', 1) $$, :'a2_ticket'),
                 '42501', NULL, 'a clerk may not cancel with a refund');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L]::uuid[], 'wrong night', 'CASH', 11.01) $$, :'a2_ticket'),
                 'BO004', NULL, 'a refund above what the ticket is worth (11.00) is refused');
SELECT throws_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L]::uuid[], 'wrong night', NULL, 11) $$, :'a2_ticket'),
                 'BO008', NULL, 'a refund without its method is refused');
SELECT throws_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L]::uuid[], ' ', 'CASH', 11) $$, :'a2_ticket'),
                 'BO008', NULL, 'a cancellation without a reason is refused');
SELECT throws_ok(format($$ SELECT * FROM cancel_tickets(ARRAY[%L]::uuid[], 'x', 'CASH', 11) $$, :'a1_ticket'),
                 'BO006', NULL, 'a used ticket cannot be cancelled');
SELECT is(refund_worth(ARRAY[:'a2_ticket']::uuid[]), 11.00, 'refund_worth: what A-2 can refund, before asking');
SELECT is(refund_worth(ARRAY[:'a1_ticket', :'a2_ticket']::uuid[]), NULL, '… nothing for a used ticket among them');
SELECT results_eq(format($$ SELECT cancelled, refunded, worth FROM cancel_tickets(ARRAY[%L]::uuid[], 'wrong night', 'card', 11) $$,
                         :'a2_ticket'),
                  $$ VALUES (1, 11.00, 11.00) $$, 'A-2 cancelled with 11.00 back to the card');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$ SELECT status, cancel_reason FROM tickets WHERE id = %L $$, :'a2_ticket'),
                  $$ VALUES ('CANCELLED', 'wrong night') $$, 'the ticket is cancelled with its reason');
SELECT is((SELECT status FROM event_seats WHERE event_id = :ev AND seat_id = :a2), 'AVAILABLE',
          'A-2 is on sale again at once');
SELECT results_eq(format($$ SELECT method, amount, created_by::text COLLATE "default", ticket_ids FROM refunds WHERE order_id = %L $$, :'ann_order'),
                  format($$ VALUES ('CARD', 11.00, 't_help_a', ARRAY[%L]::uuid[]) $$, :'a2_ticket'),
                  'the refund is recorded: method, amount, who, which tickets');
SELECT is((SELECT sold FROM event_sections WHERE event_id = :ev AND section_id = '00000000-0000-4000-c000-0000000000a2'),
          2, 'two standing places sold before the GA cancellation');
SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq(format($$ SELECT cancelled, refunded FROM cancel_order(%L, 'show moved', NULL, 0) $$, :'ann_order'),
                  $$ VALUES (2, 0.00) $$, 'cancel the rest of the order (the two valid places), no refund');
SELECT throws_ok(format($$ SELECT * FROM cancel_order(%L, 'again', NULL, 0) $$, :'ann_order'), 'BO006', NULL,
                 'an order with nothing left to cancel says so');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT sold FROM event_sections WHERE event_id = :ev AND section_id = '00000000-0000-4000-c000-0000000000a2'),
          0, 'the GA capacity came back');
SELECT results_eq(format($$ SELECT method, amount FROM refunds WHERE order_id = %L ORDER BY created_at, amount $$, :'ann_order'),
                  $$ VALUES ('NONE', 0.00), ('CARD', 11.00) $$, 'no refund is recorded as such (NONE, 0.00)');
SELECT is((SELECT count(*)::int FROM audit_log WHERE table_name = 'refunds'), 2, 'refunds are audited');

-- ---- exchanges ----
-- Bob pays 11.00 for B-1, then moves to B-2 and B-10 (22.00): 11.00 due, paid in cash.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT shift_open FROM open_shift(50) AS shift_open \gset
SELECT pg_temp.sell(:ev, ARRAY[:b1]::uuid[], NULL, 0, 'Bob Buyer', 'bob@example.org') AS bob_order \gset
SELECT ticket_id AS b1_ticket FROM pg_temp.tokens WHERE seat_id = :b1 \gset
SELECT gen_random_uuid() AS x1 \gset
SELECT is((SELECT count(*)::int FROM hold_seats(:ev, :'x1', ARRAY[:b2, :b10]::uuid[])), 2, 'new seats held for the exchange');
SELECT throws_ok(format($$ SELECT * FROM exchange_tickets(ARRAY[%L]::uuid[], %L, %L, %L, 'bigger party') $$,
                        :'b1_ticket', :'x1', :ev,
                        jsonb_build_array(jsonb_build_object('seat_id', :b2, 'tier_id', pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1')),
                                          jsonb_build_object('seat_id', :b10, 'tier_id', pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1')))),
                 'BO008', NULL, 'an exchange with money due and no payment is refused');
SELECT is((SELECT status FROM tickets WHERE id = :'b1_ticket'), 'VALID', '… and nothing changed: B-1 still valid');
SELECT results_eq(format($$ SELECT count(*)::int, min(worth), min(total), min(paid), min(refunded)
                              FROM exchange_tickets(ARRAY[%L]::uuid[], %L, %L, %L, 'bigger party', %L) $$,
                        :'b1_ticket', :'x1', :ev,
                        jsonb_build_array(jsonb_build_object('seat_id', :b2, 'tier_id', pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1')),
                                          jsonb_build_object('seat_id', :b10, 'tier_id', pg_temp.tier(:ev, '00000000-0000-4000-c000-0000000000a1'))),
                        '[{"method":"CASH","amount":"11.00","tendered":"20.00"}]'),
                  $$ VALUES (2, 11.00, 22.00, 11.00, 0.00) $$,
                  'exchange: two new tickets, 11.00 credited, 11.00 paid');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$ SELECT o.status, o.user_id = (SELECT user_id FROM orders WHERE id = %L), o.total_amount
                              FROM orders o WHERE o.id = %L $$, :'bob_order', :'x1'),
                  $$ VALUES ('PAID', true, 22.00) $$, 'the new order is paid and belongs to the same person');
SELECT results_eq(format($$ SELECT method, amount, reference FROM payments WHERE order_id = %L ORDER BY method $$, :'x1'),
                  format($$ VALUES ('CASH', 11.00, NULL), ('EXCHANGE', 11.00, %L) $$, :'bob_order'),
                  'its payments: the old tickets'' worth (naming the old order) and the cash due');
SELECT results_eq($$ SELECT seat_id, status FROM event_seats WHERE event_id = '00000000-0000-4000-e000-00000000000a'
                       AND seat_id IN ('00000000-0000-4000-d000-0000000a0201', '00000000-0000-4000-d000-0000000a0202',
                                       '00000000-0000-4000-d000-0000000a0210') ORDER BY seat_id $$,
                  $$ VALUES ('00000000-0000-4000-d000-0000000a0201'::uuid, 'AVAILABLE'),
                            ('00000000-0000-4000-d000-0000000a0202'::uuid, 'SOLD'),
                            ('00000000-0000-4000-d000-0000000a0210'::uuid, 'SOLD') $$,
                  'B-1 is back on sale, B-2 and B-10 are sold');
SELECT is((SELECT status FROM tickets WHERE id = :'b1_ticket'), 'CANCELLED', 'the old ticket is cancelled');
-- Bob's two 11.00 tickets to one standing place on the other night (6.50): 15.50 back in cash.
SELECT array_agg(id ORDER BY id) AS bob_new FROM tickets WHERE order_id = :'x1' \gset
SET SESSION AUTHORIZATION t_clerk_a;
SELECT gen_random_uuid() AS x2 \gset
SELECT throws_ok(format($$ SELECT * FROM exchange_tickets(%L, %L, %L, %L, 'other night') $$, :'bob_new', :'x2', :ev2,
                        jsonb_build_array(jsonb_build_object('tier_id', pg_temp.tier(:ev2, '00000000-0000-4000-c000-0000000000a2'), 'quantity', 1))),
                 'BO008', NULL, 'money owed back without a refund method is refused');
SELECT results_eq(format($$ SELECT count(*)::int, min(worth), min(total), min(paid), min(refunded)
                              FROM exchange_tickets(%L, %L, %L, %L, 'other night', NULL, 'CASH') $$, :'bob_new', :'x2', :ev2,
                        jsonb_build_array(jsonb_build_object('tier_id', pg_temp.tier(:ev2, '00000000-0000-4000-c000-0000000000a2'), 'quantity', 1))),
                  $$ VALUES (1, 22.00, 6.50, 0.00, 15.50) $$, 'to a cheaper night: 15.50 refunded');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$ SELECT method, amount, created_by::text COLLATE "default" FROM refunds WHERE order_id = %L $$, :'x1'),
                  $$ VALUES ('CASH', 15.50, 't_clerk_a') $$, 'the refund stands against the order paid for');
SELECT is((SELECT sold FROM event_sections WHERE event_id = :ev2
             AND section_id = '00000000-0000-4000-c000-0000000000a2'), 1, 'the other night''s standing place is sold');
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok(format($$ SELECT * FROM exchange_tickets(%L, gen_random_uuid(), %L, '[]', 'x') $$, :'bob_new', :ev2),
                 '42501', NULL, 'the help desk does not exchange (no seats held, no money taken)');
RESET SESSION AUTHORIZATION;
-- The clerk's drawer: float 50 + cash 33.00 (Ann's: the whole test is one instant, so it
-- falls in the shift) + 11.00 (Bob's B-1) + 11.00 (the exchange) - 15.50 refunded = 89.50.
-- The card refund of A-2 was the help desk's, not this drawer's.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT lives_ok($$ SELECT * FROM close_shift(89.50, 0) $$, 'the clerk closes the shift counting 89.50');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$ SELECT expected_cash, variance_cash, expected_card FROM shifts WHERE id = %L $$, :'shift_open'),
                  $$ VALUES (89.50, 0.00, 0.00) $$, 'expected cash counts the cash refunded: no variance');
SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq(format($$ SELECT cash_taken, cash_refunded, card_refunded, expected_cash FROM shift_report(%L) $$, :'shift_open'),
                  $$ VALUES (55.00, 15.50, 0.00, 89.50) $$, 'the shift report lists the refunds');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
