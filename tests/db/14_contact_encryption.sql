-- Contact data encrypted at rest (0014): e-mails and phones are stored sealed with a key
-- that lives outside the database, found again by keyed hashes (exact) and a keyed blind
-- index (partial); nothing plain in the table, the audit images or the search log; no
-- staff login can read the key or decrypt.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(42);
\set ev '''00000000-0000-4000-e000-00000000000a'''
\set org '''00000000-0000-4000-a000-00000000000a'''
\set orgb '''00000000-0000-4000-a000-00000000000b'''
\set a1 '''00000000-0000-4000-d000-0000000a0101'''
\set a2 '''00000000-0000-4000-d000-0000000a0102'''

-- Written as before: plain into email / phone.
INSERT INTO users (organization_id, full_name, email, phone) VALUES
  (:org, 'Siobhan Kavanagh', ' S.Kavanagh@Example.ORG ', '+353 87 555 0142'),
  (:orgb, 'Siobhan Kavanagh', 's.kavanagh@example.org', '+353 87 555 0142');
SELECT id AS siobhan FROM users WHERE organization_id = :org AND full_name = 'Siobhan Kavanagh' \gset

-- ---- at rest ----
SELECT is((SELECT count(*)::int FROM users WHERE email IS NOT NULL OR phone IS NOT NULL), 0,
          'no e-mail or phone is stored in plain text');
SELECT is(_contact_open(email_sealed, _contact_key()), 'S.Kavanagh@Example.ORG', 'the e-mail decrypts as typed (trimmed)')
  FROM users WHERE id = :'siobhan';
SELECT is(_contact_open(phone_sealed, _contact_key()), '+353 87 555 0142', 'the phone decrypts as typed')
  FROM users WHERE id = :'siobhan';
SELECT ok(position(convert_to('avanagh', 'UTF8') IN email_sealed) = 0
          AND position(convert_to('0142', 'UTF8') IN phone_sealed) = 0, 'the sealed bytes do not hold the text')
  FROM users WHERE id = :'siobhan';
SELECT is(email_hash, _contact_hash('s.kavanagh@example.org', _contact_key()),
          'the e-mail''s keyed hash is of its normalised form (lower case, no blanks)')
  FROM users WHERE id = :'siobhan';
SELECT isnt(email_hash, ext.digest('s.kavanagh@example.org', 'sha256'), 'the hash is keyed, not a plain SHA-256')
  FROM users WHERE id = :'siobhan';
SELECT is(phone_hash, _contact_hash('353875550142', _contact_key()), 'the phone''s hash is of its digits')
  FROM users WHERE id = :'siobhan';
SELECT ok(email_grams @> _contact_grams('kavanagh@', _contact_key())
          AND NOT email_grams @> _contact_grams('kavanaugh', _contact_key()),
          'the blind index holds every piece of the e-mail, and not pieces it lacks')
  FROM users WHERE id = :'siobhan';
SELECT is(cardinality(email_grams), (SELECT count(DISTINCT substr('s.kavanagh@example.org', i, 3))::int
                                       FROM generate_series(1, 20) i), 'one index entry per distinct piece')
  FROM users WHERE id = :'siobhan';
SELECT isnt(_contact_hash('x', _contact_key()), _contact_hash('x', '\x00'::bytea), 'the hash depends on the key');
SELECT throws_ok($$ SELECT _contact_open(email_sealed, ext.gen_random_bytes(32)) FROM users
                     WHERE email_sealed IS NOT NULL LIMIT 1 $$, 'BO014', NULL,
                 'a different key cannot decrypt, and says so in words');

-- A bulk load with triggers off is sealed all the same; with the seal itself disabled
-- (a careless DBA) nothing plain can be stored.
SET LOCAL session_replication_role = replica;
INSERT INTO users (organization_id, full_name, email) VALUES (:org, 'Bulk Loaded', 'bulk@example.org');
SET LOCAL session_replication_role = origin;
SELECT is((SELECT _contact_open(email_sealed, _contact_key()) FROM users WHERE full_name = 'Bulk Loaded'),
          'bulk@example.org', 'a bulk load with session_replication_role = replica is sealed too');
ALTER TABLE users DISABLE TRIGGER users_seal_contact;
SELECT throws_ok($$ INSERT INTO users (organization_id, full_name, email) VALUES
                     ('00000000-0000-4000-a000-00000000000a', 'Unsealed', 'plain@example.org') $$,
                 '23514', NULL, 'a plain e-mail cannot be stored with the seal disabled');
ALTER TABLE users ENABLE ALWAYS TRIGGER users_seal_contact;
SELECT throws_ok($$ INSERT INTO users (organization_id, full_name, email) VALUES
                     ('00000000-0000-4000-a000-00000000000a', 'Not Mail', 'not-an-address') $$,
                 '23514', NULL, 'an e-mail without @ is still refused');

-- Changing and clearing.
UPDATE users SET phone = '01 555 0199' WHERE id = :'siobhan';
SELECT is(_contact_open(phone_sealed, _contact_key()), '01 555 0199', 'a new phone replaces the old')
  FROM users WHERE id = :'siobhan';
SELECT is(_contact_open(email_sealed, _contact_key()), 'S.Kavanagh@Example.ORG', '… and leaves the e-mail as it was')
  FROM users WHERE id = :'siobhan';
UPDATE users SET phone = '' WHERE id = :'siobhan';
SELECT ok(phone_sealed IS NULL AND phone_hash IS NULL AND phone_grams IS NULL, 'writing '''' clears the phone')
  FROM users WHERE id = :'siobhan';
UPDATE users SET phone = '+353 87 555 0142' WHERE id = :'siobhan';

-- The audit trail's images of people: sealed values only.
SELECT is((SELECT count(*)::int FROM audit_log WHERE table_name = 'users'
             AND (before::text ILIKE '%kavanagh@%' OR after::text ILIKE '%kavanagh@%'
                  OR before::text LIKE '%555 0142%' OR after::text LIKE '%555 0142%')), 0,
          'no audit image holds the e-mail or phone');
SELECT ok((SELECT count(*) FROM audit_log WHERE table_name = 'users' AND row_id = :'siobhan') >= 4,
          '… while every change of the person is recorded');

-- ---- a sale finds the customer by the e-mail's hash ----
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell(:ev, ARRAY[:a1]::uuid[], NULL, 0, 'Siobhan K', 's.kavanagh@EXAMPLE.org') AS o1 \gset
SELECT pg_temp.sell(:ev, ARRAY[:a2]::uuid[], NULL, 0, 'New Buyer', 'new.buyer@example.net') AS o2 \gset
RESET SESSION AUTHORIZATION;
SELECT is((SELECT user_id FROM orders WHERE id = :'o1'), :'siobhan'::uuid,
          'a sale with the same e-mail in other letters is the same person');
SELECT is((SELECT _contact_open(u.email_sealed, _contact_key()) FROM orders o JOIN users u ON u.id = o.user_id
            WHERE o.id = :'o2'), 'new.buyer@example.net', 'a new buyer''s e-mail is sealed as it is stored');

-- ---- the help desk's search keeps working ----
SET SESSION AUTHORIZATION t_help_a;
SELECT results_eq($$ SELECT full_name, email, phone, matched FROM find_attendees('s.kavanagh@example.org') $$,
                  $$ VALUES ('Siobhan Kavanagh'::text, 'S.Kavanagh@Example.ORG'::text, '+353 87 555 0142'::text,
                             'email'::text) $$,
                  'a whole e-mail finds its owner (and not the other organisation''s), decrypted for the desk');
SELECT is((SELECT full_name FROM find_attendees('kavanagh@exa') WHERE matched = 'email' LIMIT 1), 'Siobhan Kavanagh',
          'part of an e-mail finds its owner');
SELECT is((SELECT full_name FROM find_attendees('KAVANAGH@EXAMPLE') WHERE matched = 'email' LIMIT 1),
          'Siobhan Kavanagh', '… in any case');
SELECT is((SELECT count(*)::int FROM find_attendees('kavanagh@elsewhere')), 0,
          'an e-mail piece nobody has finds nobody');
SELECT is((SELECT full_name FROM find_attendees('87 555 0142') LIMIT 1), 'Siobhan Kavanagh',
          'phone digits as typed');
SELECT is((SELECT count(*)::int FROM find_attendees('5550142')), 1,
          'the other organisation''s same phone is not found');
SELECT is((SELECT email FROM find_attendees('new.buyer') LIMIT 1), 'new.buyer@example.net',
          'a buyer made by a sale is found by part of the e-mail');
RESET SESSION AUTHORIZATION;

-- ---- the search log keeps no contact details and no ticket codes in plain text ----
SELECT token AS a1_token FROM pg_temp.tokens WHERE seat_id = :a1 \gset
SET SESSION AUTHORIZATION t_help_a;
SELECT ok((SELECT count(*) FROM find_attendees(:'a1_token')) = 1, 'a scanned ticket code finds its order');
SELECT ok((SELECT count(*) FROM find_attendees('Kavanagh')) >= 1, 'a name finds the person');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM person_lookups WHERE query ILIKE '%kavanagh@%' OR query LIKE '%555%'
              OR query ILIKE '%' || :'a1_token' || '%' OR query ILIKE '%new.buyer@%'), 0,
          'no e-mail, phone or ticket code in the search log');
SELECT is((SELECT count(*)::int FROM person_lookups WHERE query = '(ticket code)' AND query_sealed IS NULL), 1,
          'a ticket code search is logged as such, the code not kept at all');
SELECT is((SELECT array_agg(_contact_open(query_sealed, _contact_key()) ORDER BY id) FROM person_lookups
            WHERE query IN ('(e-mail)', '(phone)')),
          ARRAY['s.kavanagh@example.org', 'kavanagh@exa', 'KAVANAGH@EXAMPLE', 'kavanagh@elsewhere', '87 555 0142',
                '5550142'], 'e-mail and phone searches are kept sealed, for a supervisor with the DBA');
SELECT is((SELECT count(*)::int FROM person_lookups WHERE query IN ('Kavanagh', 'new.buyer')), 2,
          'names and other words are kept as typed');

-- ---- no staff login reaches the key or the plain values ----
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok($$ SELECT _contact_key() $$, '42501', NULL, 'the help desk cannot read the key');
SELECT throws_ok($$ SELECT email_sealed FROM users $$, '42501', NULL, '… nor the sealed e-mails');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok($$ SELECT _contact_key() $$, '42501', NULL, 'a clerk cannot read the key');
SELECT throws_ok($$ SELECT _contact_open('\x00'::bytea, '\x00'::bytea) $$, '42501', NULL, '… nor decrypt');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_super_a;
SELECT throws_ok($$ SELECT _contact_key() $$, '42501', NULL, 'a supervisor cannot read the key');
SELECT throws_ok($$ SELECT pg_read_file('../contact.key') $$, '42501', NULL, '… nor the key file');
SELECT is((SELECT count(*)::int FROM users WHERE email IS NOT NULL), 0, 'a supervisor reading users sees no e-mail');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM pg_roles WHERE rolname = 'boxoffice_keyholder' AND NOT rolcanlogin), 1,
          'the key''s reader cannot log in');

SELECT * FROM finish();
ROLLBACK;
