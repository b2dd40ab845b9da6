-- The spec's five critical queries, verbatim (only :params became $n), on fixture
-- data with known answers; where the spec's SQL is wrong, the test shows the wrong
-- answer next to the corrected one (sql/README.md explains each).
BEGIN;
\i tests/db/fixture.sql
SELECT plan(29);
\o /dev/null
-- Sales on Event A: Ann buys A-1 and A-2; a walk-up buys 2 standing places; Ann starts
-- a second order for B-1 and has not paid yet. On Event A2 someone buys 1 standing place.
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000a',
       ARRAY['00000000-0000-4000-d000-0000000a0101', '00000000-0000-4000-d000-0000000a0102']::uuid[],
       NULL, 0, 'Ann Example', 'ann@example.org');
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000a', '{}',
       pg_temp.tier('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-c000-0000000000a2'), 2);
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000a',
       ARRAY['00000000-0000-4000-d000-0000000a0201']::uuid[], NULL, 0, 'Ann E.', 'ANN@example.org', false);
SELECT pg_temp.sell('00000000-0000-4000-e000-0000000000a2', '{}',
       pg_temp.tier('00000000-0000-4000-e000-0000000000a2', '00000000-0000-4000-c000-0000000000a2'), 1);
-- One standing ticket of Event A is scanned at the door.
SELECT validate_ticket((SELECT t.token FROM pg_temp.tokens t JOIN tickets k ON k.id = t.ticket_id
                         WHERE k.event_id = '00000000-0000-4000-e000-00000000000a' AND k.seat_id IS NULL
                         LIMIT 1), 'North');
RESET SESSION AUTHORIZATION;
-- A-2 is cancelled.
SET SESSION AUTHORIZATION t_super_a;
SELECT cancel_ticket((SELECT id FROM tickets WHERE seat_id = '00000000-0000-4000-d000-0000000a0102'), 'customer request');
RESET SESSION AUTHORIZATION;
-- Event A2 admits only 4 on the floor.
UPDATE event_sections SET custom_capacity = 4
 WHERE event_id = '00000000-0000-4000-e000-0000000000a2' AND section_id = '00000000-0000-4000-c000-0000000000a2';
\o

-- The spec's queries, verbatim, as functions (invoker rights: the caller's RLS applies)
-- so that their rows can be compared; :name parameters became $n.
CREATE FUNCTION pg_temp.q1(uuid, uuid) RETURNS TABLE (id uuid, row_label text, number_label text,
    x_position numeric, y_position numeric, is_accessible boolean) LANGUAGE sql AS $q$
SELECT 
    s.id,
    s.row_label,
    s.number_label,
    s.x_position,
    s.y_position,
    s.is_accessible
FROM seats s
WHERE s.section_id = $1
  AND s.deleted = false
  AND NOT EXISTS (
      SELECT 1 
      FROM tickets t 
      WHERE t.seat_id = s.id 
        AND t.event_id = $2 
        AND t.status IN ('VALID', 'USED')
  )
ORDER BY s.row_label, s.number_label;
$q$;

CREATE FUNCTION pg_temp.q2(uuid, uuid) RETURNS TABLE (section_id uuid, section_name text,
    total_capacity integer, tickets_sold bigint, available bigint) LANGUAGE sql AS $q$
SELECT 
    s.id AS section_id,
    s.name AS section_name,
    s.capacity AS total_capacity,
    COALESCE(COUNT(t.id), 0) AS tickets_sold,
    (s.capacity - COALESCE(COUNT(t.id), 0)) AS available
FROM sections s
LEFT JOIN ticket_tiers tt ON tt.section_id = s.id AND tt.event_id = $2
LEFT JOIN tickets t ON t.ticket_tier_id = tt.id AND t.status = 'VALID'
WHERE s.id = $1 
  AND s.type = 'GENERAL'
  AND s.deleted = false
GROUP BY s.id, s.name, s.capacity;
$q$;

-- Query 2 as the project runs it (sql/README.md): USED tickets are sold too, and
-- the event's capacity override counts.
CREATE FUNCTION pg_temp.q2_fixed(uuid, uuid) RETURNS TABLE (section_id uuid, section_name text,
    total_capacity integer, tickets_sold bigint, available bigint) LANGUAGE sql AS $q$
SELECT
    s.id AS section_id,
    s.name AS section_name,
    COALESCE(es.custom_capacity, s.capacity) AS total_capacity,
    COUNT(t.id) AS tickets_sold,
    (COALESCE(es.custom_capacity, s.capacity) - COUNT(t.id)) AS available
FROM sections s
JOIN event_sections es ON es.section_id = s.id AND es.event_id = $2
LEFT JOIN ticket_tiers tt ON tt.section_id = s.id AND tt.event_id = $2
LEFT JOIN tickets t ON t.ticket_tier_id = tt.id AND t.status IN ('VALID', 'USED')
WHERE s.id = $1
  AND s.type = 'GENERAL'
  AND s.deleted = false
GROUP BY s.id, s.name, s.capacity, es.custom_capacity;
$q$;

CREATE FUNCTION pg_temp.q3(uuid) RETURNS TABLE (event_id uuid, title text, start_time timestamptz,
    section_id uuid, section_name text, section_type text, is_active boolean,
    effective_capacity integer) LANGUAGE sql AS $q$
SELECT 
    e.id AS event_id,
    e.title,
    e.start_time,
    s.id AS section_id,
    s.name AS section_name,
    s.type AS section_type,
    es.is_active,
    COALESCE(es.custom_capacity, s.capacity) AS effective_capacity
FROM events e
INNER JOIN event_sections es ON es.event_id = e.id
INNER JOIN sections s ON s.id = es.section_id
WHERE e.id = $1
  AND es.is_active = true
  AND e.status = 'PUBLISHED'
  AND s.deleted = false;
$q$;

CREATE FUNCTION pg_temp.q5(uuid, integer) RETURNS TABLE (order_id uuid, purchase_date timestamptz,
    total_amount numeric, order_status text, event_name text, start_time timestamptz,
    ticket_count bigint) LANGUAGE sql AS $q$
SELECT 
    o.id AS order_id,
    o.created_at AS purchase_date,
    o.total_amount,
    o.status AS order_status,
    e.title AS event_name,
    e.start_time,
    COUNT(t.id) AS ticket_count
FROM orders o
INNER JOIN events e ON e.id = o.event_id
INNER JOIN tickets t ON t.order_id = o.id
WHERE o.user_id = $1
  AND o.status IN ('PAID', 'PENDING')
GROUP BY o.id, o.created_at, o.total_amount, o.status, e.title, e.start_time
ORDER BY o.created_at DESC
LIMIT 20 OFFSET $2;
$q$;

-- Query 5 as the project runs it: pending orders (no tickets yet) are listed, and
-- cancelled tickets are not counted.
CREATE FUNCTION pg_temp.q5_fixed(uuid, integer) RETURNS TABLE (order_id uuid, purchase_date timestamptz,
    total_amount numeric, order_status text, event_name text, start_time timestamptz,
    ticket_count bigint) LANGUAGE sql AS $q$
SELECT
    o.id AS order_id,
    o.created_at AS purchase_date,
    o.total_amount,
    o.status AS order_status,
    e.title AS event_name,
    e.start_time,
    COUNT(t.id) AS ticket_count
FROM orders o
INNER JOIN events e ON e.id = o.event_id
LEFT JOIN tickets t ON t.order_id = o.id AND t.status IN ('VALID', 'USED')
WHERE o.user_id = $1
  AND o.status IN ('PAID', 'PENDING')
GROUP BY o.id, o.created_at, o.total_amount, o.status, e.title, e.start_time
ORDER BY o.created_at DESC, o.id
LIMIT 20 OFFSET $2;
$q$;

SET SESSION AUTHORIZATION t_clerk_a;

-- Query 1
SELECT results_eq(
  $$ SELECT row_label || '-' || number_label FROM pg_temp.q1('00000000-0000-4000-c000-0000000000a1',
                                                             '00000000-0000-4000-e000-00000000000a') $$,
  $$ VALUES ('A-2'), ('A-10'), ('B-1'), ('B-2'), ('B-10') $$,
  'query 1: seats without a live ticket (the cancelled A-2 among them), in natural order');
SELECT results_eq(
  $$ SELECT (s.row_label || '-' || s.number_label) COLLATE "default" FROM seats s
      WHERE s.section_id = '00000000-0000-4000-c000-0000000000a1' ORDER BY s.row_label, s.number_label $$,
  $$ VALUES ('A-1'), ('A-2'), ('A-10'), ('B-1'), ('B-2'), ('B-10') $$,
  'ORDER BY row_label, number_label sorts naturally (2 before 10): the natural_sort collation');
-- (results_eq with ORDER BY: set_eq needs temporary tables, which staff may not make)
SELECT results_eq(
  $$ SELECT i.seat_id FROM event_seats i JOIN seats s ON s.id = i.seat_id
      WHERE i.event_id = '00000000-0000-4000-e000-00000000000a'
        AND s.section_id = '00000000-0000-4000-c000-0000000000a1' AND i.status = 'AVAILABLE'
      ORDER BY 1 $$,
  $$ SELECT id FROM pg_temp.q1('00000000-0000-4000-c000-0000000000a1', '00000000-0000-4000-e000-00000000000a')
      WHERE id <> '00000000-0000-4000-d000-0000000a0201' ORDER BY 1 $$,
  'inventory = query 1 minus B-1, which query 1 cannot know is held for an unpaid order');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT abandon_order((SELECT o.id FROM orders o WHERE o.status = 'PENDING')) \gset
SELECT results_eq(
  $$ SELECT i.seat_id FROM event_seats i JOIN seats s ON s.id = i.seat_id
      WHERE i.event_id = '00000000-0000-4000-e000-00000000000a'
        AND s.section_id = '00000000-0000-4000-c000-0000000000a1' AND i.status = 'AVAILABLE'
      ORDER BY 1 $$,
  $$ SELECT id FROM pg_temp.q1('00000000-0000-4000-c000-0000000000a1', '00000000-0000-4000-e000-00000000000a')
      ORDER BY 1 $$,
  'with no holds, the inventory and query 1 give the same seats');

-- Query 2: one of the two standing tickets of Event A was scanned (USED).
SELECT results_eq(
  $$ SELECT total_capacity, tickets_sold::int, available::int
       FROM pg_temp.q2('00000000-0000-4000-c000-0000000000a2', '00000000-0000-4000-e000-00000000000a') $$,
  $$ VALUES (5, 1, 4) $$,
  'query 2 as written: a scanned ticket stops counting as sold (1 sold, 4 available: wrong)');
SELECT results_eq(
  $$ SELECT total_capacity, tickets_sold::int, available::int
       FROM pg_temp.q2_fixed('00000000-0000-4000-c000-0000000000a2', '00000000-0000-4000-e000-00000000000a') $$,
  $$ VALUES (5, 2, 3) $$,
  'query 2 corrected: 2 sold, 3 available');
SELECT results_eq(
  $$ SELECT capacity, sold, capacity - sold - held FROM event_sections
      WHERE event_id = '00000000-0000-4000-e000-00000000000a' AND section_id = '00000000-0000-4000-c000-0000000000a2' $$,
  $$ VALUES (5, 2, 3) $$,
  'the live GA counter agrees with corrected query 2');
SELECT results_eq(
  $$ SELECT total_capacity, tickets_sold::int, available::int
       FROM pg_temp.q2('00000000-0000-4000-c000-0000000000a2', '00000000-0000-4000-e000-0000000000a2') $$,
  $$ VALUES (5, 1, 4) $$,
  'query 2 as written ignores Event A2''s capacity override of 4');
SELECT results_eq(
  $$ SELECT total_capacity, tickets_sold::int, available::int
       FROM pg_temp.q2_fixed('00000000-0000-4000-c000-0000000000a2', '00000000-0000-4000-e000-0000000000a2') $$,
  $$ VALUES (4, 1, 3) $$,
  'query 2 corrected uses the override: 4 places, 1 sold, 3 available');

-- Query 3
SELECT results_eq(
  $$ SELECT section_name, section_type, effective_capacity
       FROM pg_temp.q3('00000000-0000-4000-e000-0000000000a2') ORDER BY section_name $$,
  $$ VALUES ('Floor', 'GENERAL', 4), ('Stalls', 'NUMBERED', 6) $$,
  'query 3: active sections with their effective capacity');
SELECT is_empty($$ SELECT * FROM pg_temp.q3('00000000-0000-4000-e000-00000000000b') $$,
  'query 3: another organisation''s event yields nothing');

-- Query 4, verbatim, fails on PostgreSQL. (Run as the owner would: staff may not lock.)
RESET SESSION AUTHORIZATION;
SELECT throws_ok($q$
SELECT 
    t.id,
    t.status,
    t.scanned_at,
    e.title AS event_name,
    e.start_time,
    u.full_name AS attendee_name,
    s.row_label,
    s.number_label
FROM tickets t
INNER JOIN events e ON e.id = t.event_id
INNER JOIN orders o ON o.id = t.order_id
INNER JOIN users u ON u.id = o.user_id
LEFT JOIN seats s ON s.id = t.seat_id
WHERE t.qr_code_hash = 'x'
  AND t.status IN ('VALID', 'USED')
FOR UPDATE; -- Lock row during validation
$q$, '0A000', 'FOR UPDATE cannot be applied to the nullable side of an outer join',
  'query 4 as written is refused by PostgreSQL');
-- Corrected: lock only the ticket row (FOR UPDATE OF t), as validate_ticket() does.
SELECT results_eq($q$
SELECT t.status, u.full_name AS attendee_name,
       s.row_label COLLATE "default", s.number_label COLLATE "default"
FROM tickets t
INNER JOIN events e ON e.id = t.event_id
INNER JOIN orders o ON o.id = t.order_id
INNER JOIN users u ON u.id = o.user_id
LEFT JOIN seats s ON s.id = t.seat_id
WHERE t.qr_code_hash = encode(digest((SELECT token FROM pg_temp.tokens
                                       WHERE seat_id = '00000000-0000-4000-d000-0000000a0101'), 'sha256'), 'hex')
  AND t.status IN ('VALID', 'USED')
FOR UPDATE OF t
$q$, $$ VALUES ('VALID', 'Ann Example', 'A', '1') $$,
  'query 4 corrected with FOR UPDATE OF t finds and locks the ticket');

-- Query 5: Ann (found again by her e-mail) has a paid order with A-1 (A-2 cancelled)
-- and an abandoned one; give her a pending one too.
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT ok(pg_temp.sell('00000000-0000-4000-e000-00000000000a',
       ARRAY['00000000-0000-4000-d000-0000000a0202']::uuid[], NULL, 0, 'Ann', 'ann@example.org', false)
  IS NOT NULL, 'a pending order for Ann');
-- (clerks read no e-mail addresses since 0008, and since 0014 they are sealed: the
-- superuser finds Ann by the e-mail's keyed hash)
RESET SESSION AUTHORIZATION;
SELECT id AS ann FROM users WHERE email_hash = _contact_hash('ann@example.org', _contact_key()) \gset
SET SESSION AUTHORIZATION t_clerk_a;
SELECT results_eq(
  format($$ SELECT order_status, ticket_count::int FROM pg_temp.q5(%L, 0) $$, :'ann'),
  $$ VALUES ('PAID', 2) $$,
  'query 5 as written: the pending order is missing and the cancelled ticket is counted');
SELECT results_eq(
  format($$ SELECT order_status, ticket_count::int FROM pg_temp.q5_fixed(%L, 0)
            ORDER BY order_status DESC $$, :'ann'),
  $$ VALUES ('PENDING', 0), ('PAID', 1) $$,
  'query 5 corrected: the pending order is listed, only live tickets are counted');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM users WHERE email_hash = _contact_hash('ann@example.org', _contact_key())), 1,
          'one buyer row for Ann: create_order found her by e-mail, whatever its case');

-- event_stats: the spec's definition against the project's (same rows as the view).
SELECT results_eq($q$
SELECT 
    COUNT(DISTINCT o.id) AS total_orders,
    COUNT(t.id) AS tickets_sold,
    SUM(o.total_amount) AS gross_revenue,
    SUM(o.platform_fee) AS platform_fees,
    SUM(o.net_amount) AS net_revenue
FROM events e
LEFT JOIN orders o ON o.event_id = e.id AND o.status = 'PAID'
LEFT JOIN tickets t ON t.order_id = o.id
WHERE e.deleted = false AND e.id = '00000000-0000-4000-e000-00000000000a'
GROUP BY e.id, e.title, e.start_time
$q$, $$ VALUES (2::bigint, 4::bigint, 66.00::numeric, 6.00::numeric, 60.00::numeric) $$,
  'event_stats as the spec defines it: every order''s money counted once per ticket (66.00 for 33.00 taken)');
SET SESSION AUTHORIZATION t_super_a;
SELECT lives_ok('SELECT refresh_stats()', 'a supervisor refreshes both views with refresh_stats()');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok('SELECT refresh_stats()', '42501', NULL, 'a clerk may not refresh the views');
RESET SESSION AUTHORIZATION;
SELECT results_eq(
  $$ SELECT total_orders, tickets_sold, gross_revenue, platform_fees, net_revenue
       FROM event_stats WHERE event_id = '00000000-0000-4000-e000-00000000000a' $$,
  $$ VALUES (2::bigint, 3::numeric, 33.00::numeric, 3.00::numeric, 30.00::numeric) $$,
  'event_stats corrected: 2 orders, 3 live tickets, 33.00 gross, 3.00 fees, 30.00 net');
SELECT results_eq($q$
SELECT 
    COALESCE(COUNT(t.id) FILTER (WHERE t.status = 'VALID'), 0) AS tickets_sold,
    (s.capacity - COALESCE(COUNT(t.id) FILTER (WHERE t.status = 'VALID'), 0)) AS available
FROM sections s
LEFT JOIN ticket_tiers tt ON tt.section_id = s.id
LEFT JOIN tickets t ON t.ticket_tier_id = tt.id
WHERE s.type = 'GENERAL' 
  AND s.deleted = false AND s.id = '00000000-0000-4000-c000-0000000000a2'
GROUP BY s.id, s.name, s.venue_id, s.type, s.capacity
$q$, $$ VALUES (2::bigint, 3::bigint) $$,
  'section_availability as the spec defines it: both events'' sales in one row, the scanned one left out');
SELECT results_eq(
  $$ SELECT event_id, total_capacity, tickets_sold, available FROM section_availability
      WHERE section_id = '00000000-0000-4000-c000-0000000000a2' ORDER BY event_id $$,
  $$ VALUES ('00000000-0000-4000-e000-00000000000a'::uuid, 5, 2::bigint, 3::bigint),
            ('00000000-0000-4000-e000-0000000000a2'::uuid, 4, 1::bigint, 3::bigint) $$,
  'section_availability corrected: one row per event, scanned tickets sold, overrides used');

-- Monitoring queries: two name columns pg_stat_user_* does not have.
SELECT throws_ok($q$
SELECT 
    schemaname,
    tablename,
    pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS size,
    n_dead_tup AS dead_tuples
FROM pg_stat_user_tables
WHERE n_dead_tup > 1000
ORDER BY n_dead_tup DESC;
$q$, '42703', NULL, 'the spec''s table-bloat query fails: pg_stat_user_tables has relname, not tablename');
SELECT lives_ok($q$
SELECT schemaname, relname AS tablename,
       pg_size_pretty(pg_total_relation_size(relid)) AS size,
       n_dead_tup AS dead_tuples
FROM pg_stat_user_tables
WHERE n_dead_tup > 1000
ORDER BY n_dead_tup DESC
$q$, 'table-bloat query corrected (relname, relid)');
SELECT throws_ok($q$
SELECT 
    schemaname,
    tablename,
    indexname,
    pg_size_pretty(pg_relation_size(indexrelid)) AS index_size
FROM pg_stat_user_indexes
ORDER BY pg_relation_size(indexrelid) DESC;
$q$, '42703', NULL, 'the spec''s index-size query fails: pg_stat_user_indexes has relname and indexrelname');
SELECT isnt_empty($q$
SELECT schemaname, relname AS tablename, indexrelname AS indexname,
       pg_size_pretty(pg_relation_size(indexrelid)) AS index_size
FROM pg_stat_user_indexes
ORDER BY pg_relation_size(indexrelid) DESC
$q$, 'index-size query corrected lists the indexes');
SELECT lives_ok($q$
SELECT 
    query,
    calls,
    mean_exec_time,
    max_exec_time
FROM pg_stat_statements
WHERE mean_exec_time > 100 -- ms
ORDER BY mean_exec_time DESC
LIMIT 10;
$q$, 'the spec''s slow-query query runs verbatim (pg_stat_statements preloaded, in schema ext)');
SELECT lives_ok($q$
SELECT 
    datname,
    count(*) AS connections,
    sum(CASE WHEN state = 'active' THEN 1 ELSE 0 END) AS active,
    sum(CASE WHEN state = 'idle' THEN 1 ELSE 0 END) AS idle
FROM pg_stat_activity
GROUP BY datname;
$q$, 'the spec''s connection query runs verbatim');

SELECT * FROM finish();
ROLLBACK;
