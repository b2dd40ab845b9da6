-- Shifts (0007): a clerk opens with a float and closes with a blind count; expected and
-- variance are computed in the database in exact cents; a supervisor (never the clerk
-- themself) signs off; the clerk sees the report only after sign-off.
-- The whole test is one transaction, so now() — the time of every payment, of the
-- opening and of the close — is one instant: payments meant to fall outside the shift
-- are moved an hour back by the superuser.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(44);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set stalls '''00000000-0000-4000-c000-0000000000a1'''
\set floor '''00000000-0000-4000-c000-0000000000a2'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''
\set a10 '''00000000-0000-4000-d000-0000000a0110'''
\set b1 '''00000000-0000-4000-d000-0000000a0201'''
\set b2 '''00000000-0000-4000-d000-0000000a0202'''
SELECT pg_temp.tier(:ev, :stalls) AS std, pg_temp.tier(:ev, :floor) AS ga \gset
-- A sale paid with one payment of the whole total: CASH (tendered given), CARD or COMP.
CREATE FUNCTION pg_temp.sale(p_seats uuid[], p_ga integer, p_method text, p_tendered numeric DEFAULT NULL)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE v_order uuid := gen_random_uuid(); v_items jsonb := '[]'; v_total numeric;
BEGIN
  IF cardinality(p_seats) > 0 THEN
    PERFORM hold_seats('00000000-0000-4000-e000-00000000000a', v_order, p_seats);
    SELECT jsonb_agg(jsonb_build_object('seat_id', x, 'tier_id',
             pg_temp.tier('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-c000-0000000000a1')))
      INTO v_items FROM unnest(p_seats) x;
  END IF;
  IF p_ga > 0 THEN
    v_items := v_items || jsonb_build_array(jsonb_build_object('tier_id',
      pg_temp.tier('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-c000-0000000000a2'), 'quantity', p_ga));
  END IF;
  SELECT total_amount INTO v_total FROM create_order(v_order, '00000000-0000-4000-e000-00000000000a', v_items);
  PERFORM mark_paid(v_order, jsonb_build_array(jsonb_build_object('method', p_method,
            'amount', CASE WHEN p_method = 'COMP' THEN 0 ELSE v_total END,
            'tendered', COALESCE(p_tendered, v_total), 'reference', 'T-9', 'reason', 'guest')));
  RETURN v_order;
END $$;

-- Prices for round figures: a Stalls seat 24.00 + 1.00 fee = 25.00, a standing place 5.50.
SET SESSION AUTHORIZATION t_super_a;
SELECT set_tier(:ev, :stalls, 'Standard', 24.00, 1.00) \g /dev/null
RESET SESSION AUTHORIZATION;

-- Before the shift: clerk A sells B-1 for cash (moved an hour back below).
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sale(ARRAY[:b1]::uuid[], 0, 'CASH') AS before_order \gset
RESET SESSION AUTHORIZATION;
UPDATE payments SET created_at = now() - interval '1 hour' WHERE order_id = :'before_order';

SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok('SELECT open_shift(100)', '42501', NULL, 'the help desk takes no money: no shift');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok('SELECT open_shift(-1)', 'BO004', NULL, 'a negative float: wrong amount');
SELECT throws_ok('SELECT open_shift(10.005)', 'BO004', NULL, 'a float in fractions of a cent: wrong amount');
SELECT throws_ok('SELECT * FROM close_shift(0, 0)', 'BO006', 'you have no shift open', 'closing without a shift: wrong state');
SELECT open_shift(100.00) AS shift \gset
SELECT is((SELECT float_amount || ' ' || staff_login || ' ' || (closed_at IS NULL) FROM shifts WHERE id = :'shift'),
          '100.00 t_clerk_a true', 'open_shift: the clerk''s shift is open with a float of 100.00');
SELECT throws_ok('SELECT open_shift(50)', 'BO006', NULL, 'a second open shift for the same login: wrong state');
SELECT is((SELECT count(*)::int FROM shifts), 1, '… and no second row');

-- During the shift: two cash sales, one card sale; clerk A2 sells too (not this shift).
SELECT ok(pg_temp.sale(ARRAY[:a1]::uuid[], 0, 'CASH', 50.00) IS NOT NULL, 'cash sale 1: A-1, 25.00 from 50.00 tendered');
SELECT ok(pg_temp.sale(ARRAY[:a2]::uuid[], 0, 'CASH') IS NOT NULL, 'cash sale 2: A-2, 25.00');
SELECT ok(pg_temp.sale(ARRAY[:a10]::uuid[], 1, 'CARD') IS NOT NULL, 'card sale: A-10 and a standing place, 30.50');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT ok(pg_temp.sale(ARRAY[:b2]::uuid[], 0, 'CASH') IS NOT NULL, 'clerk A2 sells B-2 for cash');
RESET SESSION AUTHORIZATION;
-- A-2 is cancelled: no refund is recorded, so its 25.00 stays in the drawer's expected.
SET SESSION AUTHORIZATION t_super_a;
SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = :a2), 'customer could not come') \g /dev/null
SELECT results_eq(format('SELECT cash_taken, expected_cash, counted_cash FROM shift_report(%L)', :'shift'),
  'VALUES (50.00, 150.00, NULL::numeric)', 'a supervisor sees an open shift''s expected so far, nothing counted');
RESET SESSION AUTHORIZATION;

-- The blind count.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format('SELECT * FROM shift_report(%L)', :'shift'), 'BO005', NULL,
  'the clerk cannot see their own report before counting');
SELECT throws_ok('SELECT expected_cash FROM shifts', '42501', NULL, 'nor read expected from the table');
SELECT throws_ok('SELECT variance_cash FROM shifts', '42501', NULL, 'nor the variance');
SELECT throws_ok('SELECT * FROM close_shift(-0.01, 0)', 'BO004', NULL, 'a negative count: wrong amount');
SELECT throws_ok('SELECT * FROM close_shift(150.055, 0)', 'BO004', NULL, 'a count in fractions of a cent: wrong amount');
SELECT is((SELECT closed_at IS NULL FROM shifts WHERE id = :'shift'), true, '… the shift is still open');
SELECT is(pg_get_function_result('close_shift(numeric, numeric)'::regprocedure),
  'TABLE(shift_id uuid, opened_at timestamp with time zone, closed_at timestamp with time zone, counted_cash numeric, counted_card numeric)',
  'close_shift returns the counts and times, nothing about expected');
SELECT results_eq('SELECT shift_id, counted_cash, counted_card FROM close_shift(150.05, 30.50)',
  format('VALUES (%L::uuid, 150.05, 30.50)', :'shift'), 'close_shift records 150.05 cash and 30.50 card');
SELECT results_eq(format('SELECT counted_cash, counted_card, closed_at IS NOT NULL FROM shifts WHERE id = %L', :'shift'),
  'VALUES (150.05, 30.50, true)', 'the clerk reads back the counts');
SELECT throws_ok('SELECT * FROM close_shift(1, 1)', 'BO006', NULL, 'a closed shift is not counted again');
RESET SESSION AUTHORIZATION;

-- The arithmetic, in the table, to the cent.
SELECT results_eq(format($$ SELECT expected_cash, variance_cash, expected_card, variance_card,
                                   variance_cash::text, variance_card::text FROM shifts WHERE id = %L $$, :'shift'),
  $$ VALUES (150.00, 0.05, 30.50, 0.00, '0.05', '0.00') $$,
  'expected cash 100.00 + 25.00 + 25.00 = 150.00 (the amount, not the 50.00 tendered); counted 150.05: +0.05 exactly; card 30.50, 0.00');
SELECT is((SELECT expected_cash FROM shifts WHERE id = :'shift'),
          (SELECT float_amount FROM shifts WHERE id = :'shift')
          + (SELECT sum(p.amount) FROM payments p, shifts s WHERE s.id = :'shift' AND p.method = 'CASH'
                AND p.created_by = s.staff_login AND p.created_at BETWEEN s.opened_at AND s.closed_at),
          'expected cash equals the float plus the login''s cash payments within the shift, computed directly');
SELECT is((SELECT sum(amount) FROM payments WHERE method = 'CASH'), 100.00,
          'control: 100.00 of cash was taken in all (B-1 before the shift, B-2 by clerk A2), only 50.00 of it in this shift');

-- Reports
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT throws_ok(format('SELECT * FROM shift_report(%L)', :'shift'), 'BO005', NULL, 'another clerk cannot see the report');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_b;
SELECT throws_ok(format('SELECT * FROM shift_report(%L)', :'shift'), 'BO001', NULL, 'a clerk of B: not found');
SELECT is((SELECT count(*)::int FROM shifts), 0, 'B sees no shift of A in the table');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_b;
SELECT throws_ok(format('SELECT * FROM shift_report(%L)', :'shift'), 'BO001', NULL, 'a supervisor of B: not found');
SELECT throws_ok(format('SELECT sign_off_shift(%L, %L)', :'shift', 'ok'), 'BO001', NULL, 'nor can B sign it off');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq(format($$ SELECT staff_login, display_name, float_amount, cash_payments, cash_taken, expected_cash,
                                   counted_cash, variance_cash, card_payments, card_taken, expected_card,
                                   counted_card, variance_card, comp_payments, cancelled_tickets,
                                   cancelled_face_value, signed_off_by
                              FROM shift_report(%L) $$, :'shift'),
  $$ VALUES ('t_clerk_a'::name, 'Clerk A', 100.00, 2::bigint, 50.00, 150.00, 150.05, 0.05,
             1::bigint, 30.50, 30.50, 30.50, 0.00, 0::bigint, 1::bigint, 24.00, NULL::name) $$,
  'the supervisor''s report: expected against counted per method, the variance, and the cancelled A-2 (face value 24.00, still in expected)');
SELECT throws_ok(format('SELECT sign_off_shift(%L)', :'shift'), 'BO008', NULL, 'a variance needs a note to sign off');
SELECT is((SELECT signed_off_by FROM shifts WHERE id = :'shift'), NULL, '… not signed off');
SELECT ok(sign_off_shift(:'shift', 'five cents over: rounding at the till') IS NOT NULL, 'sign_off_shift with a note');
SELECT throws_ok(format('SELECT sign_off_shift(%L, %L)', :'shift', 'again'), 'BO006', NULL, 'signing off twice: wrong state');
-- the supervisor's own shift
SELECT open_shift(20.00) AS super_shift \gset
SELECT throws_ok(format('SELECT * FROM shift_report(%L)', :'super_shift'), 'BO005', NULL,
  'a supervisor does not see their own expected before sign-off either');
SELECT ok((SELECT shift_id FROM close_shift(20.00, 0)) = :'super_shift', 'the supervisor closes their own shift');
SELECT throws_ok(format('SELECT sign_off_shift(%L)', :'super_shift'), 'BO005', NULL, 'nobody signs off their own shift');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a2;
SELECT open_shift(0) AS a2_shift \gset
SELECT throws_ok(format('SELECT sign_off_shift(%L)', :'a2_shift'), '42501', NULL, 'a clerk may not sign off');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format('SELECT sign_off_shift(%L)', :'a2_shift'), 'BO006', NULL, 'an open shift is not signed off');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT results_eq(format('SELECT expected_cash, variance_cash, signed_off_by, note FROM shift_report(%L)', :'shift'),
  $$ VALUES (150.00, 0.05, 't_super_a'::name, 'five cents over: rounding at the till') $$,
  'signed off, the clerk sees their report');
SELECT ok(open_shift(100.00) IS NOT NULL, 'the clerk opens the next shift');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(action || ' by ' || who, ', ' ORDER BY id) FROM audit_log
            WHERE table_name = 'shifts' AND row_id = :'shift'),
          'INSERT by t_clerk_a, UPDATE by t_clerk_a, UPDATE by t_super_a',
          'the audit log has the opening, the count and the sign-off, each by its login');
SELECT throws_ok($$ UPDATE shifts SET variance_cash = 0 $$, '23514', NULL,
  'the table refuses a variance that is not counted minus expected, even for a superuser');

SELECT * FROM finish();
ROLLBACK;
