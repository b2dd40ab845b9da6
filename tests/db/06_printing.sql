-- Printing: a reprint issues a new token and the old printout stops validating in
-- the same transaction; print attempts are recorded; unprinted tickets are listed.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(17);
\o /dev/null
SET SESSION AUTHORIZATION t_clerk_a;
SELECT pg_temp.sell('00000000-0000-4000-e000-00000000000a',
       ARRAY['00000000-0000-4000-d000-0000000a0101', '00000000-0000-4000-d000-0000000a0102']::uuid[],
       NULL, 0, 'Ann Example', 'ann@example.org');
RESET SESSION AUTHORIZATION;
\o
SELECT (SELECT ticket_id FROM pg_temp.tokens WHERE seat_id = '00000000-0000-4000-d000-0000000a0101') AS t1,
       (SELECT token FROM pg_temp.tokens WHERE seat_id = '00000000-0000-4000-d000-0000000a0101') AS old1,
       (SELECT ticket_id FROM pg_temp.tokens WHERE seat_id = '00000000-0000-4000-d000-0000000a0102') AS t2 \gset

SET SESSION AUTHORIZATION t_help_a;
SELECT results_eq(format('SELECT event_title, section_name, row_label, number_label, tier_name, price, customer, general FROM ticket_print_data(ARRAY[%L]::uuid[])', :'t1'),
  $$ VALUES ('Event A', 'Stalls', 'A', '1', 'Standard', '10.00', 'Ann Example', false) $$,
  'ticket_print_data gives a layout what it prints (the help desk may read it)');
SELECT is((SELECT count(*)::int FROM unprinted_tickets), 2, 'both new tickets are unprinted');
SELECT token AS new1 FROM reprint_tickets(ARRAY[:'t1']::uuid[], 'customer lost it') \gset
SELECT matches(:'new1'::text, '^[0-9A-F]{40}$', 'a reprint returns a new 160-bit token');
SELECT isnt(:'new1'::text, :'old1'::text, '… different from the old one');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT qr_code_hash FROM tickets WHERE id = :'t1'),
          encode(sha256(convert_to(:'new1', 'UTF8')), 'hex'),
          'the stored hash is the new token''s');
SELECT is((SELECT reprints FROM tickets WHERE id = :'t1'), 1, 'the reprint is counted');
SELECT is((SELECT string_agg((after ->> 'reprint_reason') || ' by ' || who, ',') FROM audit_log
            WHERE row_id = :'t1' AND after ->> 'reprint_reason' IS NOT NULL),
          'customer lost it by t_help_a', 'the audit log records the reprint, its reason and who');
SET SESSION AUTHORIZATION t_clerk_a;
SELECT is((SELECT result FROM validate_ticket(:'old1', 'Main')), 'UNKNOWN', 'the old printout no longer validates');
SELECT is((SELECT result FROM validate_ticket(:'new1', 'Main')), 'ADMITTED', 'the new one does');
SELECT throws_ok(format($$ SELECT * FROM reprint_tickets(ARRAY[%L]::uuid[], 'again') $$, :'t1'),
  'BO006', NULL, 'a used ticket is not printed again');
SELECT throws_ok(format($$ SELECT * FROM reprint_tickets(ARRAY[%L]::uuid[], ' ') $$, :'t2'),
  'BO008', NULL, 'a reprint needs a reason');
SELECT throws_ok($$ SELECT * FROM reprint_tickets(ARRAY[gen_random_uuid()], 'x') $$,
  'BO001', NULL, 'an unknown ticket is not found');

-- print attempts
SELECT is(record_prints(ARRAY[:'t2']::uuid[], 'pdf', 17, 'QUEUED'), 1, 'a queued print is recorded');
SELECT is(record_prints(ARRAY[:'t2']::uuid[], 'pdf', 17, 'FAILED', 'Printer "pdf" is stopped'), 1, 'a failed print is recorded');
SELECT results_eq($$ SELECT last_status, last_error FROM unprinted_tickets $$,
  $$ VALUES ('FAILED', 'Printer "pdf" is stopped') $$, 'the unprinted list shows why it was not printed');
SELECT is(record_prints(ARRAY[:'t2']::uuid[], 'pdf', 18, 'PRINTED'), 1, 'a finished print is recorded');
SELECT is((SELECT count(*)::int FROM unprinted_tickets), 0, 'nothing is left unprinted (the used ticket is not listed)');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
