-- Tenant isolation: a login of organisation A can neither see nor change anything of
-- organisation B — not by plain SQL, forged settings, SET ROLE, the materialized
-- views, nor the functions. Each "sees nothing of B" has a control that A sees its own.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(35);
\o /dev/null
SET SESSION AUTHORIZATION t_clerk_b;
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000b',
       ARRAY['00000000-0000-4000-d000-0000000b0101']::uuid[],
       pg_temp.tier('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-c000-0000000000b2'), 1,
       'Bob B', 'bob@example.org');
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000b', '{}',
       pg_temp.tier('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-c000-0000000000b2'), 1,
       NULL, NULL, false);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000a',
       ARRAY['00000000-0000-4000-d000-0000000a0101']::uuid[], NULL, 0, 'Ann A', 'ann@example.org');
RESET SESSION AUTHORIZATION;
SELECT refresh_stats();
\o

CREATE FUNCTION pg_temp.rows_of(p_org uuid) RETURNS TABLE (tbl text, n bigint) LANGUAGE sql AS $$
  SELECT 'organizations', count(*) FROM organizations WHERE organization_id = p_org UNION ALL
  SELECT 'staff', count(*) FROM staff WHERE organization_id = p_org UNION ALL
  SELECT 'users', count(*) FROM users WHERE organization_id = p_org UNION ALL
  SELECT 'venues', count(*) FROM venues WHERE organization_id = p_org UNION ALL
  SELECT 'sections', count(*) FROM sections WHERE organization_id = p_org UNION ALL
  SELECT 'seats', count(*) FROM seats WHERE organization_id = p_org UNION ALL
  SELECT 'events', count(*) FROM events WHERE organization_id = p_org UNION ALL
  SELECT 'event_sections', count(*) FROM event_sections WHERE organization_id = p_org UNION ALL
  SELECT 'ticket_tiers', count(*) FROM ticket_tiers WHERE organization_id = p_org UNION ALL
  SELECT 'orders', count(*) FROM orders WHERE organization_id = p_org UNION ALL
  SELECT 'order_items', count(*) FROM order_items WHERE organization_id = p_org UNION ALL
  SELECT 'tickets', count(*) FROM tickets WHERE organization_id = p_org UNION ALL
  SELECT 'event_seats', count(*) FROM event_seats WHERE organization_id = p_org UNION ALL
  SELECT 'payments', count(*) FROM payments WHERE organization_id = p_org UNION ALL
  SELECT 'event_overview', count(*) FROM event_overview WHERE organization_id = p_org UNION ALL
  SELECT 'org_event_stats', count(*) FROM org_event_stats WHERE organization_id = p_org UNION ALL
  SELECT 'org_section_availability', count(*) FROM org_section_availability WHERE organization_id = p_org
$$;

SET SESSION AUTHORIZATION t_clerk_a;
SELECT is_empty($$ SELECT tbl FROM pg_temp.rows_of('00000000-0000-4000-a000-00000000000b') WHERE n > 0 $$,
  'plain SQL: clerk A sees no row of B in any table or view');
SELECT is_empty($$ SELECT tbl FROM pg_temp.rows_of('00000000-0000-4000-a000-00000000000a') WHERE n = 0 $$,
  'control: clerk A sees rows of A in every table and view');
SELECT is(current_org_id(), '00000000-0000-4000-a000-00000000000a'::uuid, 'current_org_id() is A for clerk A');

-- Forged settings are never consulted.
SELECT set_config('app.current_org_id', '00000000-0000-4000-a000-00000000000b', false),
       set_config('app.organization_id', '00000000-0000-4000-a000-00000000000b', false) \g /dev/null
SELECT is_empty($$ SELECT tbl FROM pg_temp.rows_of('00000000-0000-4000-a000-00000000000b') WHERE n > 0 $$,
  'forged app.* settings: still nothing of B');

-- (SET SESSION AUTHORIZATION is refused to staff; these tests can use it only because
-- the test session logged in as superuser. tests/db/migrate.sh tries it as a real login.)
-- SET ROLE: to a group the login belongs to is allowed, but session_user does not move.
SET ROLE boxoffice_clerk;
SELECT is_empty($$ SELECT tbl FROM pg_temp.rows_of('00000000-0000-4000-a000-00000000000b') WHERE n > 0 $$,
  'SET ROLE boxoffice_clerk: still nothing of B');
RESET ROLE;
SELECT throws_ok('SET ROLE boxoffice_owner', '42501', NULL, 'SET ROLE to the table owner is refused');
SELECT throws_ok('SET ROLE boxoffice_api', '42501', NULL, 'SET ROLE to the API role is refused');
SELECT throws_ok('SET ROLE boxoffice_report', '42501', NULL, 'SET ROLE to the report role is refused');
SELECT throws_ok('SET ROLE t_clerk_b', '42501', NULL, 'SET ROLE to a clerk of B is refused');

-- Direct writes: none, for any organisation.
SELECT throws_ok($$ INSERT INTO events (organization_id, venue_id, title, start_time)
                    VALUES ('00000000-0000-4000-a000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'x', now()) $$,
  '42501', NULL, 'INSERT into B''s events is refused');
SELECT throws_ok($$ INSERT INTO events (organization_id, venue_id, title, start_time)
                    VALUES ('00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'x', now()) $$,
  '42501', NULL, 'INSERT even into A''s events is refused: writes go through functions');
SELECT throws_ok($$ UPDATE event_seats SET status = 'AVAILABLE' $$, '42501', NULL, 'UPDATE of the inventory is refused');
SELECT throws_ok($$ DELETE FROM tickets $$, '42501', NULL, 'DELETE of tickets is refused');
SELECT throws_ok($$ CREATE FUNCTION public.leak(text) RETURNS boolean LANGUAGE sql AS 'SELECT true' $$,
  '42501', NULL, 'staff cannot create functions (no leaky function against the barrier views)');

-- The materialized views themselves are closed; the barrier views show A only.
SELECT throws_ok('SELECT * FROM event_stats', '42501', NULL, 'event_stats (all organisations) is closed');
SELECT throws_ok('SELECT * FROM section_availability', '42501', NULL, 'section_availability is closed');

-- The functions: B's ids are "not found" for A.
SELECT throws_ok($$ SELECT hold_seats('00000000-0000-4000-e000-00000000000b', gen_random_uuid(),
                    ARRAY['00000000-0000-4000-d000-0000000b0102']::uuid[]) $$,
  'BO001', NULL, 'hold_seats on B''s event: not found');
SELECT throws_ok($$ SELECT hold_seats('00000000-0000-4000-e000-00000000000a', gen_random_uuid(),
                    ARRAY['00000000-0000-4000-d000-0000000b0102']::uuid[]) $$,
  'BO001', NULL, 'hold_seats of B''s seat on A''s event: not found');
RESET SESSION AUTHORIZATION;
SELECT (SELECT id FROM orders WHERE event_id = '00000000-0000-4000-e000-00000000000b' AND status = 'PENDING') AS b_pending,
       (SELECT ticket_id FROM pg_temp.tokens t JOIN tickets k ON k.id = t.ticket_id
         WHERE k.organization_id = '00000000-0000-4000-a000-00000000000b' LIMIT 1) AS b_ticket,
       (SELECT token FROM pg_temp.tokens t JOIN tickets k ON k.id = t.ticket_id
         WHERE k.organization_id = '00000000-0000-4000-a000-00000000000b' LIMIT 1) AS b_token,
       (SELECT id FROM ticket_tiers WHERE event_id = '00000000-0000-4000-e000-00000000000b' LIMIT 1) AS b_tier \gset
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format($$ SELECT * FROM create_order(gen_random_uuid(),
                    '00000000-0000-4000-e000-00000000000a', '[{"tier_id": "%s", "quantity": 1}]') $$, :'b_tier'),
  'BO001', NULL, 'create_order with B''s price tier: not found');
SELECT throws_ok(format($$ SELECT * FROM mark_paid(%L, '[{"method":"CASH","amount":"8.00","tendered":"8.00"}]') $$, :'b_pending'),
  'BO001', NULL, 'mark_paid of B''s order: not found');
SELECT throws_ok(format('SELECT abandon_order(%L)', :'b_pending'), 'BO001', NULL, 'abandon_order of B''s order: not found');
SELECT is((SELECT result FROM validate_ticket(:'b_token', 'Main')), 'UNKNOWN',
  'validate_ticket of B''s token at A''s gate: unknown');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT status FROM tickets WHERE id = :'b_ticket'), 'VALID', '… and B''s ticket is still VALID');
SELECT is((SELECT status FROM orders WHERE id = :'b_pending'), 'PENDING', '… and B''s pending order is untouched');
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok(format($$ SELECT cancel_ticket(%L, 'attack') $$, :'b_ticket'), 'BO001', NULL, 'cancel_ticket of B''s ticket: not found');
SELECT throws_ok($$ SELECT set_tier('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-c000-0000000000b1', 'Free', 0) $$,
  'BO001', NULL, 'set_tier on B''s event: not found');
SELECT throws_ok($$ SELECT create_event('00000000-0000-4000-b000-00000000000b', 'Mine now', now(), true) $$,
  'BO001', NULL, 'create_event on B''s venue: not found');
SELECT is((SELECT array_agg(DISTINCT organization_id) FROM audit_log),
          ARRAY['00000000-0000-4000-a000-00000000000a'::uuid], 'supervisor A reads only A''s audit log');
RESET SESSION AUTHORIZATION;

-- Roles without the grant: the database refuses, whatever the client offers.
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok('SELECT qr_code_hash FROM tickets', '42501', NULL, 'help desk may not read QR hashes');
SELECT throws_ok('SELECT amount FROM payments', '42501', NULL, 'help desk may not read payments');
SELECT throws_ok('SELECT total_amount FROM orders', '42501', NULL, 'help desk may not read order money');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format($$ SELECT cancel_ticket(%L, 'x') $$, :'b_ticket'), '42501', NULL, 'a clerk may not cancel tickets');
SELECT throws_ok('SELECT * FROM audit_log', '42501', NULL, 'a clerk may not read the audit log');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_outsider;
SELECT throws_ok('SELECT * FROM public.events', '42501', NULL, 'a login that is not staff reads nothing');
RESET SESSION AUTHORIZATION;

-- Composite keys: even the owner cannot tie A's row to B's parent.
SELECT throws_ok($$ INSERT INTO ticket_tiers (organization_id, event_id, section_id, name, price)
                    VALUES ('00000000-0000-4000-a000-00000000000a', '00000000-0000-4000-e000-00000000000a',
                            '00000000-0000-4000-c000-0000000000b1', 'Cross', 1) $$,
  '23503', NULL, 'a row of A cannot reference a section of B (composite foreign key)');

SELECT * FROM finish();
ROLLBACK;
