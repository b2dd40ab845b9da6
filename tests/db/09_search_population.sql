-- Search as you type on a population (issue 7): 100,000 attendees of organisation A
-- and 5,000 of B (tests/db/population.sql: realistic names, so thousands share a first
-- name or a surname), eight people planted among them. A help-desk login finds the
-- planted people by the misspellings a person types, by part of their e-mail, by phone
-- digits as typed and by an order reference, near the top of the list and by the right
-- field; B's namesakes (same name, same phone) never show; one or two letters list
-- names starting with them.
--
-- Reasonable misspellings the search does NOT find among the first five today are not
-- asserted here; they are reported to the lead (who owns the SQL) with their
-- word_similarity / similarity to the planted name, so the thresholds can be tuned:
--   'Aoife Bryne' (0.583 / 0.500: rank 26 with 0008, 7 since 0011 — asserted below
--   among the first 10), 'Aofie Byrne' (0.500 / 0.500: rank 57, 20 since 0011: the
--   whole name's similarity breaks word-similarity ties), 'Chloe Lefevre' without accents (0.474 / 0.474:
--   rank 19), 'Shivon O Sulivan' and 'Shevaun O''Sullivan' (0.500 / 0.375 and
--   0.611 / 0.458: not in the first 100), 'Muhammad Al Farsi' (0.524 / 0.500: rank 23);
--   phones typed in the other national form ('087 234 5671' for '+353 87 234 5671',
--   '020 7946 0321' for '+44 20 …', '+44 7700 900461' for '07700 900461') or with
--   dashes ('601-234-567', taken for an order reference) find nobody.
BEGIN;
\i tests/db/fixture.sql
\i tests/db/population.sql
SELECT plan(63);
\set org '''00000000-0000-4000-a000-00000000000a'''
\set org_b '''00000000-0000-4000-a000-00000000000b'''

\o /dev/null
SELECT * FROM pg_temp.populate(:org, '00000000-0000-4000-e000-00000000000a', 100000,
                               :org_b, '00000000-0000-4000-e000-00000000000b', 5000);
\o
-- ---- the population: large, shared names, the planted people once each
SELECT results_eq($$ SELECT organization_id, count(*)::int FROM users WHERE NOT is_walk_up
                      GROUP BY 1 ORDER BY 1 $$,
                  format($$ VALUES (%L::uuid, 100000), (%L::uuid, 5000) $$, :org, :org_b),
                  '100,000 attendees in A, 5,000 in B');
SELECT cmp_ok((SELECT count(DISTINCT full_name)::int FROM users WHERE organization_id = :org), '<', 50000,
              'fewer than 50,000 distinct names among the 100,000: people share names');
SELECT ok((SELECT count(*) FILTER (WHERE full_name LIKE 'Siobhan %') > 200
              AND count(*) FILTER (WHERE full_name LIKE '%O''Sullivan') > 200
              AND count(*) FILTER (WHERE full_name LIKE 'Krzysztof %') > 200
              AND count(*) FILTER (WHERE full_name LIKE '% Wojciechowsk_') > 200
              AND count(*) FILTER (WHERE full_name LIKE 'Aoife %') > 200
              AND count(*) FILTER (WHERE full_name LIKE '% Byrne') > 200
              AND count(*) FILTER (WHERE full_name LIKE '% MacDonald') > 200
              AND count(*) FILTER (WHERE full_name LIKE '% McDonald') > 200
             FROM users WHERE organization_id = :org),
          'each planted person''s first name and surname are shared by hundreds of others');
SELECT results_eq($$ SELECT p.full_name, count(u.id)::int, count(u.id) FILTER (WHERE u.id::text LIKE 'f0000000-%')::int
                       FROM pg_temp.population_planted() p
                       LEFT JOIN users u ON u.full_name = p.full_name
                        AND u.organization_id = '00000000-0000-4000-a000-00000000000a'
                      GROUP BY p.k, p.full_name ORDER BY p.k $$,
                  $$ SELECT full_name, 1, 1 FROM pg_temp.population_planted() ORDER BY k $$,
                  'nobody else in A carries a planted person''s exact name');
SELECT results_eq($$ SELECT u.full_name, _contact_open(u.phone_sealed, _contact_key()) FROM users u
                      WHERE u.organization_id = '00000000-0000-4000-a000-00000000000b' AND u.id::text LIKE 'f0000000-%'
                      ORDER BY u.id $$,
                  $$ SELECT full_name, phone FROM pg_temp.population_planted() ORDER BY k $$,
                  'B has a namesake of each, with the same phone');
SELECT is((SELECT count(*)::int FROM orders o LEFT JOIN users u ON (u.organization_id, u.id) = (o.organization_id, o.user_id)
            WHERE o.created_by = 'population' AND u.id IS NULL), 0,
          'every generated order belongs to a person of its organisation');
SELECT is((SELECT count(DISTINCT o.user_id)::int FROM orders o WHERE o.user_id::text LIKE 'f0000000-%'), 16,
          'every planted person and namesake has orders');

-- ---- the searches, as the help desk of A; each result row is kept with its rank
CREATE TEMP TABLE searches (id serial, q text, target integer, within integer, matched text);
CREATE TEMP TABLE found (q text, n bigint, user_id uuid, full_name text, email text, phone text,
                         orders bigint, matched text, order_id uuid, score real);
GRANT ALL ON pg_temp.searches, pg_temp.found TO PUBLIC;
INSERT INTO searches (q, target, within, matched) VALUES
  -- names as a person types them: typos, missing apostrophes, word order, nicknames
  ('Siobhan O''Sullivan', 1, 1, 'name'),
  ('siobhan o sullivan', 1, 1, 'name'),
  ('Siobhan OSullivan', 1, 1, 'name'),
  ('Siobhan Osulivan', 1, 1, 'name'),
  ('Siobhan O''Sullivn', 1, 1, 'name'),
  ('O''Sullivan Siobhan', 1, 1, 'name'),
  ('Siobahn O''Sullivan', 1, 1, 'name'),  -- among the first 5 with 0008, first since 0011
  ('Kristof Wojcechowski', 2, 1, 'name'),
  ('Krzystof Wojciechowski', 2, 1, 'name'),
  ('Krzysztof Wojchiechowski', 2, 1, 'name'),
  ('Wojciechowski Krzysztof', 2, 1, 'name'),
  ('Chris Wojciechowski', 2, 1, 'name'),
  ('Krzysztof Wojciechowsky', 2, 5, 'name'),
  ('Aiofe Byrne', 3, 1, 'name'),
  ('Aoife Byrn', 3, 1, 'name'),
  ('Aoife Bryne', 3, 10, 'name'),  -- 0011: rank 26 before
  ('Chloé Lefèvre', 4, 1, 'name'),
  ('Oluwaseun Adebayo', 5, 1, 'name'),
  ('Seun Adebayo Johnson', 5, 1, 'name'),
  ('Oluwasen Adebayo Johnson', 5, 1, 'name'),
  ('Xiao Ming Zhang', 6, 1, 'name'),
  ('Zhang Xiaoming', 6, 1, 'name'),
  ('Xiaomin Zhang', 6, 1, 'name'),
  ('Mohammed Alfarsi', 7, 1, 'name'),
  ('Mohamed Al-Farsi', 7, 1, 'name'),
  ('Mohammad Al Farsi', 7, 1, 'name'),
  ('Cathy MacDonald', 8, 1, 'name'),
  ('Catherine Macdonnell', 8, 1, 'name'),
  -- two Catherine McDonalds exist: they come first, she follows
  ('Katherine McDonald', 8, 3, 'name'),
  -- part of an e-mail, any case
  ('k.wojciechowski@', 2, 1, 'email'),
  ('K.Wojciechowski@WP.PL', 2, 1, 'email'),
  ('@byrne-dent', 3, 1, 'email'),
  ('xmzhang', 6, 1, 'email'),
  ('seun.aj', 5, 1, 'email'),
  ('cathy.mac', 8, 1, 'email'),
  ('m.alfarsi', 7, 1, 'email'),
  -- phone digits as typed: spaces, brackets, the country code as stored
  ('234 5671', 1, 1, 'phone'),
  ('+353 87 234 5671', 1, 1, 'phone'),
  ('087 765 4321', 3, 1, 'phone'),
  ('0877654321', 3, 1, 'phone'),
  ('07911 123456', 5, 1, 'phone'),
  ('601 234 567', 2, 1, 'phone'),
  ('(0131) 496 0742', 8, 1, 'phone'),
  ('7946 0321', 6, 1, 'phone');
-- an order reference as printed on the ticket (8 characters, upper case), 6 typed in
-- lower case, and the id's first 13 characters with their dash
INSERT INTO searches (q, target, within, matched)
SELECT x, 2, 1, 'order'
  FROM (SELECT id FROM orders WHERE user_id = 'f0000000-0000-4000-8000-000000000002'
         ORDER BY created_at DESC LIMIT 1) o,
       unnest(ARRAY[upper(left(o.id::text, 8)), lower(left(o.id::text, 6)), left(o.id::text, 13)]) x;
SELECT id AS k_order FROM orders WHERE user_id = 'f0000000-0000-4000-8000-000000000002'
 ORDER BY created_at DESC LIMIT 1 \gset

SET SESSION AUTHORIZATION t_help_a;
INSERT INTO pg_temp.found
SELECT s.q, r.n, r.user_id, r.full_name, r.email, r.phone, r.orders, r.matched, r.order_id, r.score
  FROM pg_temp.searches s
 CROSS JOIN LATERAL (SELECT row_number() OVER () AS n, f.* FROM find_attendees(s.q, 20) f) r;
-- one and two letters: names starting with them, the first 20 in order
INSERT INTO pg_temp.found
SELECT q, r.n, r.user_id, r.full_name, r.email, r.phone, r.orders, r.matched, r.order_id, r.score
  FROM unnest(ARRAY['Ao', 'k']) q
 CROSS JOIN LATERAL (SELECT row_number() OVER () AS n, f.* FROM find_attendees(q, 20) f) r;
RESET SESSION AUTHORIZATION;

SELECT is((SELECT f.matched FROM found f WHERE f.q = s.q AND f.n <= s.within
              AND f.user_id = ('f0000000-0000-4000-8000-' || lpad(s.target::text, 12, '0'))::uuid),
          s.matched,
          format('"%s" finds %s %s, by %s', s.q, p.full_name,
                 CASE s.within WHEN 1 THEN 'first' ELSE 'among the first ' || s.within END, s.matched))
  FROM searches s JOIN pg_temp.population_planted() p ON p.k = s.target
 ORDER BY s.id;
SELECT is((SELECT count(*)::int FROM found f JOIN users u ON u.id = f.user_id WHERE u.organization_id <> :org), 0,
          'no search shows anyone of B, though B''s namesakes share the names and phones');
SELECT results_eq(format($$ SELECT full_name, matched, order_id, orders::int FROM found
                             WHERE q = upper(left(%L, 8)) $$, :'k_order'),
                  format($$ VALUES ('Krzysztof Wojciechowski', 'order', %L::uuid, 1) $$, :'k_order'),
                  'the order reference finds that order alone, and its buyer');
SELECT is((SELECT orders::int FROM found WHERE q = 'Kristof Wojcechowski' AND n = 1),
          (SELECT count(*)::int FROM orders WHERE user_id = 'f0000000-0000-4000-8000-000000000002'),
          'a name result carries the person''s number of orders');
SELECT is((SELECT count(*)::int FROM found WHERE q = '234 5671'), 1,
          'seven phone digits: one person in 100,000');
SELECT results_eq($$ SELECT full_name FROM found WHERE q = 'Ao' ORDER BY n $$,
                  $$ SELECT full_name FROM users WHERE organization_id = '00000000-0000-4000-a000-00000000000a'
                       AND NOT is_walk_up AND lower(full_name) LIKE 'ao%' ORDER BY lower(full_name) LIMIT 20 $$,
                  'two letters: the first 20 names of A starting with them, in order');
SELECT ok((SELECT count(*) FROM users WHERE organization_id = :org AND full_name LIKE 'Ao%') > 20,
          '… of many more');
SELECT results_eq($$ SELECT count(*)::int, count(*) FILTER (WHERE full_name LIKE 'K%')::int,
                            count(*) FILTER (WHERE matched = 'name')::int FROM found WHERE q = 'k' $$,
                  $$ VALUES (20, 20, 20) $$, 'one letter: 20 names starting with it, whatever its case');

-- ---- B's help would find B's namesake: the exclusion above is the organisation's, not chance
SET SESSION AUTHORIZATION t_clerk_b;
SELECT is((SELECT user_id FROM find_attendees('Kristof Wojcechowski', 5) LIMIT 1),
          'f0000000-0000-4000-8000-000000000102'::uuid, 'B''s staff find B''s Krzysztof Wojciechowski');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT count(*)::int FROM person_lookups WHERE who = 't_help_a' AND kind = 'SEARCH'),
          (SELECT count(*)::int + 2 FROM searches), 'every search was recorded');
SELECT * FROM finish();
ROLLBACK;
