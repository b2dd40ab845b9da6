-- Bench data, part 2 (superuser): one venue of :nsec numbered sections of :nrows rows
-- by :nper seats, its published event (through create_event and set_tier, as a
-- supervisor would) with :sold_pm per mille of the seats sold, and :past closed past
-- events each sold to :past_pm per mille (the ticket history of DESIGN.md §8).
-- Variables: org, vname, title, nsec, nrows, nper, sold_pm, past, past_pm.
--
-- The current event, per seat, by a hash h in 0…999 of (event, seat):
--   h <  sold_pm          sold: a VALID ticket, inventory SOLD → that ticket
--   h <  sold_pm + 10     sold, then cancelled: CANCELLED ticket, seat AVAILABLE again
--   h <  sold_pm + 25     held by a clerk right now (hold ends in 2 hours)
--   h <  sold_pm + 35     an expired hold (reads as AVAILABLE)
--   else                  AVAILABLE
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = public, ext;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

SELECT gen_random_uuid() AS venue \gset
SET session_replication_role = replica;
INSERT INTO venues (id, organization_id, name) VALUES (:'venue', :'org', :'vname');
INSERT INTO sections (organization_id, venue_id, name, type, capacity, sort_order)
SELECT :'org', :'venue',
       CASE WHEN :nsec = 1 THEN 'Stalls' ELSE 'Block ' || lpad(g::text, 3, '0') END,
       'NUMBERED', :nrows * :nper, g
  FROM generate_series(1, :nsec) g;
-- Rows A…Z, AA, AB…; sections laid out ten to a band; wheelchair places at the
-- ends of each section's last row.
INSERT INTO seats (organization_id, section_id, row_label, number_label, x_position, y_position,
                   is_accessible)
SELECT :'org', s.id,
       CASE WHEN r <= 26 THEN chr(64 + r) ELSE chr(64 + (r - 1) / 26) || chr(65 + (r - 1) % 26) END,
       n::text,
       ((s.sort_order - 1) % 10) * (:nper * 12 + 40) + n * 12,
       ((s.sort_order - 1) / 10) * (:nrows * 12 + 40) + r * 12,
       r = :nrows AND (n <= 2 OR n > :nper - 2)
  FROM sections s, generate_series(1, :nrows) r, generate_series(1, :nper) n
 WHERE s.venue_id = :'venue'
 ORDER BY s.sort_order, r, n;  -- stored section by section, as an importer writes them
RESET session_replication_role;

-- Prices by section: 30.00 … 70.00 standard, two thirds of that for concessions.
CREATE TEMP TABLE tier_price AS
SELECT s.id AS section_id, t.name,
       CASE t.name WHEN 'Standard' THEN 30 + (s.sort_order % 5) * 10
                   ELSE round((30 + (s.sort_order % 5) * 10) * 2 / 3.0, 2) END::numeric(10, 2) AS price,
       CASE t.name WHEN 'Standard' THEN 3.50 ELSE 2.00 END::numeric(10, 2) AS fee
  FROM sections s, (VALUES ('Standard'), ('Concession')) t(name)
 WHERE s.venue_id = :'venue';
GRANT SELECT ON tier_price TO bench_super;

-- The event on sale, the way a supervisor makes it (its inventory included).
SET SESSION AUTHORIZATION bench_super;
SELECT create_event(:'venue', :'title', date_trunc('day', now()) + interval '30 days 19 hours 30 minutes',
                    true) AS event \gset
SELECT count(set_tier(:'event', tp.section_id, tp.name, tp.price, tp.fee)) AS tiers FROM tier_price tp \gset
RESET SESSION AUTHORIZATION;

-- Closed past events: event, sections, tiers and inventory made directly.
CREATE TEMP TABLE past AS
SELECT gen_random_uuid() AS id, g FROM generate_series(1, :past) g;
SET session_replication_role = replica;
INSERT INTO events (id, organization_id, venue_id, title, start_time, status)
SELECT p.id, :'org', :'venue', :'title' || ' (night ' || p.g || ')',
       date_trunc('day', now()) - make_interval(days => 7 * p.g) + interval '19 hours 30 minutes',
       'CLOSED'
  FROM past p;
INSERT INTO event_sections (organization_id, event_id, section_id, capacity)
SELECT :'org', p.id, s.id, s.capacity FROM past p, sections s WHERE s.venue_id = :'venue';
INSERT INTO ticket_tiers (organization_id, event_id, section_id, name, price, fee)
SELECT :'org', p.id, tp.section_id, tp.name, tp.price, tp.fee FROM past p, tier_price tp;

-- Every seat of every event of this venue, with its hash.
CREATE TEMP TABLE pick AS
SELECT e.id AS event_id, st.id AS seat_id, st.section_id, e.status = 'CLOSED' AS past,
       (hashtext(e.id::text || st.id::text)::bigint + 2147483648) % 1000 AS h
  FROM events e JOIN seats st ON true JOIN sections s ON s.id = st.section_id
 WHERE e.venue_id = :'venue' AND s.venue_id = :'venue';
-- The sales: tickets grouped three to an order (cancelled ones in orders of their own).
CREATE TEMP TABLE sale AS
SELECT p.event_id, p.seat_id, p.section_id, p.past, gen_random_uuid() AS ticket_id,
       CASE WHEN p.past THEN (CASE WHEN p.h % 10 = 0 THEN 'VALID' ELSE 'USED' END)
            WHEN p.h < :sold_pm THEN 'VALID' ELSE 'CANCELLED' END AS status,
       CASE WHEN p.h % 4 = 0 THEN 'Concession' ELSE 'Standard' END AS tier
  FROM pick p
 WHERE (p.past AND p.h < :past_pm) OR (NOT p.past AND p.h < :sold_pm + 10);
CREATE TEMP TABLE sale_k AS
SELECT sa.*, (row_number() OVER (PARTITION BY sa.event_id, sa.status = 'CANCELLED'
                                  ORDER BY sa.section_id, sa.seat_id) - 1) / 3 AS k
  FROM sale sa;
CREATE TEMP TABLE ord AS
SELECT gen_random_uuid() AS id, event_id, k, status = 'CANCELLED' AS cancelled
  FROM sale_k GROUP BY event_id, k, status = 'CANCELLED';
CREATE TEMP TABLE ticket_rows AS
SELECT sk.ticket_id, o.id AS order_id, sk.event_id, tt.id AS tier_id, sk.seat_id, sk.status,
       tt.price, tt.fee, e.start_time
  FROM sale_k sk
  JOIN ord o ON o.event_id = sk.event_id AND o.k = sk.k AND o.cancelled = (sk.status = 'CANCELLED')
  JOIN ticket_tiers tt ON tt.event_id = sk.event_id AND tt.section_id = sk.section_id AND tt.name = sk.tier
  JOIN events e ON e.id = sk.event_id;

INSERT INTO orders (id, organization_id, user_id, event_id, status, total_amount, platform_fee,
                    net_amount, created_by, paid_at, created_at)
SELECT o.id, :'org', b.id, o.event_id, CASE WHEN o.cancelled THEN 'CANCELLED' ELSE 'PAID' END,
       t.total, t.fees, t.total - t.fees, 'bench_clerk', t.paid, t.paid
  FROM ord o
  JOIN (SELECT order_id, sum(price + fee) AS total, sum(fee) AS fees,
               least(min(start_time) - interval '20 days', now() - interval '1 day') AS paid
          FROM ticket_rows GROUP BY order_id) t ON t.order_id = o.id
  JOIN bench.buyer b ON b.k = ((hashtext(o.id::text)::bigint + 2147483648) % (SELECT count(*) FROM bench.buyer))
 ORDER BY o.id;  -- in key order: index inserts ~2x faster for the 1M-row history
INSERT INTO order_items (organization_id, order_id, ticket_tier_id, seat_id, unit_price, unit_fee)
SELECT :'org', order_id, tier_id, seat_id, price, fee FROM ticket_rows ORDER BY order_id;
INSERT INTO tickets (id, organization_id, order_id, event_id, ticket_tier_id, seat_id, status,
                     qr_code_hash, price_snapshot, scanned_at, cancelled_at, cancel_reason, created_at)
SELECT ticket_id, :'org', order_id, event_id, tier_id, seat_id, status,
       encode(sha256(convert_to('bench ticket ' || ticket_id::text, 'UTF8')), 'hex'), price,
       CASE WHEN status = 'USED' THEN start_time - interval '10 minutes' END,
       CASE WHEN status = 'CANCELLED' THEN now() - interval '1 day' END,
       CASE WHEN status = 'CANCELLED' THEN 'customer could not attend' END,
       least(start_time - interval '20 days', now() - interval '1 day')
  FROM ticket_rows ORDER BY start_time, ticket_id;  -- an event's tickets together, oldest first

-- Inventory of the past events, in its final state.
INSERT INTO event_seats (organization_id, event_id, seat_id, status, ticket_id)
SELECT :'org', p.event_id, p.seat_id, CASE WHEN sa.ticket_id IS NULL THEN 'AVAILABLE' ELSE 'SOLD' END,
       sa.ticket_id
  FROM pick p LEFT JOIN sale sa ON sa.event_id = p.event_id AND sa.seat_id = p.seat_id
 WHERE p.past;
-- The current event's inventory (made by create_event): sold seats, live and expired holds.
UPDATE event_seats es SET status = 'SOLD', ticket_id = sa.ticket_id
  FROM sale sa
 WHERE NOT sa.past AND sa.status = 'VALID' AND es.event_id = sa.event_id AND es.seat_id = sa.seat_id;
UPDATE event_seats es
   SET status = 'HELD', held_by = 'bench_clerk',
       hold_id = md5(p.event_id::text || p.section_id::text || (p.h / 4)::text)::uuid,
       hold_expires_at = CASE WHEN p.h < :sold_pm + 25 THEN now() + interval '2 hours'
                              ELSE now() - interval '5 minutes' END
  FROM pick p
 WHERE NOT p.past AND p.h >= :sold_pm + 10 AND p.h < :sold_pm + 35
   AND es.event_id = p.event_id AND es.seat_id = p.seat_id;
RESET session_replication_role;
