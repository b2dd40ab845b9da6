-- The bench data was loaded with row triggers off (no foreign-key checks): prove it
-- keeps the schema's foreign keys and the sale invariants, or fail the bench.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = public, ext;
SET work_mem = '256MB';
DO $check$
DECLARE
  v_bad text := '';
  v_n bigint;
  c record;
BEGIN
  FOR c IN SELECT * FROM (VALUES
    ('sold seat without its live ticket (same event, seat, organisation)',
     $q$SELECT count(*) FROM event_seats es LEFT JOIN tickets t ON t.id = es.ticket_id
         WHERE es.status = 'SOLD' AND (t.id IS NULL OR t.status NOT IN ('VALID', 'USED')
               OR t.event_id <> es.event_id OR t.seat_id <> es.seat_id
               OR t.organization_id <> es.organization_id)$q$),
    ('live seated ticket whose seat is not SOLD to it',
     $q$SELECT count(*) FROM tickets t LEFT JOIN event_seats es
               ON es.event_id = t.event_id AND es.seat_id = t.seat_id
         WHERE t.seat_id IS NOT NULL AND t.status IN ('VALID', 'USED')
           AND (es.ticket_id IS DISTINCT FROM t.id OR es.status <> 'SOLD')$q$),
    ('ticket → order/event/tier/seat missing or of another event',
     $q$SELECT count(*) FROM tickets t
          LEFT JOIN orders o ON (o.organization_id, o.id) = (t.organization_id, t.order_id)
          LEFT JOIN events e ON (e.organization_id, e.id) = (t.organization_id, t.event_id)
          LEFT JOIN ticket_tiers tt ON (tt.organization_id, tt.id) = (t.organization_id, t.ticket_tier_id)
          LEFT JOIN seats s ON (s.organization_id, s.id) = (t.organization_id, t.seat_id)
         WHERE o.id IS NULL OR e.id IS NULL OR tt.id IS NULL OR o.event_id <> t.event_id
            OR tt.event_id <> t.event_id OR (t.seat_id IS NOT NULL AND s.id IS NULL)
            OR (s.id IS NOT NULL AND s.section_id <> tt.section_id)$q$),
    ('order → user/event missing',
     $q$SELECT count(*) FROM orders o
          LEFT JOIN users u ON (u.organization_id, u.id) = (o.organization_id, o.user_id)
          LEFT JOIN events e ON (e.organization_id, e.id) = (o.organization_id, o.event_id)
         WHERE u.id IS NULL OR e.id IS NULL$q$),
    ('order total is not the sum of its tickets',
     $q$SELECT count(*) FROM orders o
          JOIN (SELECT t.order_id, sum(tt.price + tt.fee) AS total, sum(tt.fee) AS fees
                  FROM tickets t JOIN ticket_tiers tt ON tt.id = t.ticket_tier_id
                 GROUP BY t.order_id) x ON x.order_id = o.id
         WHERE o.total_amount <> x.total OR o.platform_fee <> x.fees$q$),
    ('order item → order/tier/seat missing',
     $q$SELECT count(*) FROM order_items oi
          LEFT JOIN orders o ON (o.organization_id, o.id) = (oi.organization_id, oi.order_id)
          LEFT JOIN ticket_tiers tt ON (tt.organization_id, tt.id) = (oi.organization_id, oi.ticket_tier_id)
          LEFT JOIN seats s ON (s.organization_id, s.id) = (oi.organization_id, oi.seat_id)
         WHERE o.id IS NULL OR tt.id IS NULL OR (oi.seat_id IS NOT NULL AND s.id IS NULL)$q$),
    ('inventory row → event/seat missing, or a seat of another venue',
     $q$SELECT count(*) FROM event_seats es
          LEFT JOIN events e ON (e.organization_id, e.id) = (es.organization_id, es.event_id)
          LEFT JOIN seats s ON (s.organization_id, s.id) = (es.organization_id, es.seat_id)
          LEFT JOIN sections sec ON sec.id = s.section_id
         WHERE e.id IS NULL OR s.id IS NULL OR sec.venue_id <> e.venue_id$q$),
    ('event without exactly one inventory row per seat of its venue',
     $q$SELECT count(*) FROM events e
          JOIN (SELECT sec.venue_id, count(*) AS n FROM seats s JOIN sections sec ON sec.id = s.section_id
                 GROUP BY sec.venue_id) v ON v.venue_id = e.venue_id
          LEFT JOIN (SELECT event_id, count(*) AS n FROM event_seats GROUP BY event_id) i
                 ON i.event_id = e.id
         WHERE i.n IS DISTINCT FROM v.n$q$),
    ('seat → section, section → venue, or tier → event section missing',
     $q$SELECT (SELECT count(*) FROM seats s LEFT JOIN sections sec
                  ON (sec.organization_id, sec.id) = (s.organization_id, s.section_id) WHERE sec.id IS NULL)
             + (SELECT count(*) FROM sections sec LEFT JOIN venues v
                  ON (v.organization_id, v.id) = (sec.organization_id, sec.venue_id) WHERE v.id IS NULL)
             + (SELECT count(*) FROM ticket_tiers tt LEFT JOIN event_sections es
                  ON es.event_id = tt.event_id AND es.section_id = tt.section_id WHERE es.id IS NULL)$q$),
    ('event section capacity is not its section''s',
     $q$SELECT count(*) FROM event_sections es JOIN sections s ON s.id = es.section_id
         WHERE es.capacity <> s.capacity$q$),
    ('live hold that is not the bench clerk''s, or a hold in a past event',
     $q$SELECT count(*) FROM event_seats es JOIN events e ON e.id = es.event_id
         WHERE es.status = 'HELD' AND (es.held_by <> 'bench_clerk' OR e.status <> 'PUBLISHED')$q$)
  ) AS t(what, q) LOOP
    EXECUTE c.q INTO v_n;
    IF v_n <> 0 THEN
      v_bad := v_bad || format(E'\n  %s: %s rows', c.what, v_n);
    END IF;
  END LOOP;
  IF v_bad <> '' THEN
    RAISE EXCEPTION 'bench data breaks invariants:%', v_bad;
  END IF;
END
$check$;
