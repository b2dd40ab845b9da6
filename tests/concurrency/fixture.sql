-- Fixture of the concurrency layer (tests/concurrency/run.sh), loaded by the superuser
-- in one transaction into a fresh database: one organisation, 16 clerk logins
-- race_01..race_16 (password 'pw_' || login: the cluster's pg_hba asks staff for a
-- scram password), a supervisor who sets the events up, one venue with a numbered
-- section of 300 seats (rows A..L of 25 seats) and a general-admission floor of 100,
-- and one published event per scenario so that each one's invariants stand alone
-- (the gate scenario's tickets are sold by tests/concurrency/run.sh with `boxoffice sell`).
SET client_min_messages = warning;
SET search_path = public, ext;
\o /dev/null

INSERT INTO organizations (id, name)
VALUES ('7ace0000-0000-4000-a000-000000000001', 'Race Org');

SELECT add_staff_login(pg_catalog.format('race_%s', pg_catalog.to_char(i, 'FM00')),
                       '7ace0000-0000-4000-a000-000000000001', 'CLERK',
                       pg_catalog.format('Race clerk %s', i),
                       pg_catalog.format('pw_race_%s', pg_catalog.to_char(i, 'FM00')))
  FROM pg_catalog.generate_series(1, 16) i;
SELECT add_staff_login('race_super', '7ace0000-0000-4000-a000-000000000001', 'SUPERVISOR',
                       'Race supervisor', 'pw_race_super');

INSERT INTO venues (id, organization_id, name)
VALUES ('7ace0000-0000-4000-b000-000000000001', '7ace0000-0000-4000-a000-000000000001', 'Race Hall');
INSERT INTO sections (id, organization_id, venue_id, name, type, capacity, sort_order) VALUES
  ('7ace0000-0000-4000-c000-000000000001', '7ace0000-0000-4000-a000-000000000001',
   '7ace0000-0000-4000-b000-000000000001', 'Stalls', 'NUMBERED', 300, 1),
  ('7ace0000-0000-4000-c000-000000000002', '7ace0000-0000-4000-a000-000000000001',
   '7ace0000-0000-4000-b000-000000000001', 'Floor', 'GENERAL', 100, 2);
-- Row A is nearest the stage (smallest y); seat 1 is on the left (smallest x).
INSERT INTO seats (organization_id, section_id, row_label, number_label, x_position, y_position)
SELECT '7ace0000-0000-4000-a000-000000000001', '7ace0000-0000-4000-c000-000000000001',
       pg_catalog.chr(64 + r), n::text, n * 10, r * 12
  FROM pg_catalog.generate_series(1, 12) r, pg_catalog.generate_series(1, 25) n;

SET SESSION AUTHORIZATION race_super;
SELECT create_event('7ace0000-0000-4000-b000-000000000001', 'Race: same seat',
                    '2031-03-01 19:30+00', true, '7ace0000-0000-4000-e000-000000000001'),
       create_event('7ace0000-0000-4000-b000-000000000001', 'Race: best available',
                    '2031-03-02 19:30+00', true, '7ace0000-0000-4000-e000-000000000002'),
       create_event('7ace0000-0000-4000-b000-000000000001', 'Race: general admission',
                    '2031-03-03 19:30+00', true, '7ace0000-0000-4000-e000-000000000003'),
       create_event('7ace0000-0000-4000-b000-000000000001', 'Race: overlapping holds',
                    '2031-03-04 19:30+00', true, '7ace0000-0000-4000-e000-000000000004'),
       create_event('7ace0000-0000-4000-b000-000000000001', 'Race: two gates',
                    '2031-03-05 19:30+00', true, '7ace0000-0000-4000-e000-000000000005');
-- Two seated tiers (clerks alternate between them) and one standing tier per event.
SELECT set_tier(e.id, '7ace0000-0000-4000-c000-000000000001', 'Standard', 25.00, 1.50),
       set_tier(e.id, '7ace0000-0000-4000-c000-000000000001', 'Concession', 18.00, 1.00),
       set_tier(e.id, '7ace0000-0000-4000-c000-000000000002', 'Standing', 12.50, 0.75)
  FROM events e WHERE e.venue_id = '7ace0000-0000-4000-b000-000000000001';
RESET SESSION AUTHORIZATION;

RESET client_min_messages;
\o
