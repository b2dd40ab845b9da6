-- Bench data, part 1 (run by the superuser after the migrations): one organisation,
-- a clerk login with a password (staff log in with scram), a supervisor who sets up
-- events, and the organisation's customers. Variables: org, nusers; the clerk's
-- password comes from the environment (BENCH_CLERK_PW), not the command line.
\set ON_ERROR_STOP 1
\getenv clerk_pw BENCH_CLERK_PW
SET client_min_messages = warning;
SET search_path = public, ext;

INSERT INTO organizations (id, name) VALUES (:'org', 'Bench Arenas Ltd');
SELECT add_staff_login('bench_clerk', :'org', 'CLERK', 'Bench clerk', :'clerk_pw') IS NOT NULL AS clerk,
       add_staff_login('bench_super', :'org', 'SUPERVISOR', 'Bench supervisor') IS NOT NULL AS super
\gset

-- Bulk rows skip the row triggers (audit, updated_at, foreign-key checks):
-- tests/bench/check.sql verifies the foreign keys and invariants afterwards.
SET session_replication_role = replica;
INSERT INTO users (organization_id, full_name, email)
SELECT :'org', 'Buyer ' || g, 'buyer' || g || '@example.com' FROM generate_series(1, :nusers) g;
INSERT INTO users (organization_id, full_name, is_walk_up) VALUES (:'org', 'Walk-up customer', true);
RESET session_replication_role;

-- Buyers numbered 0…n-1, so orders can pick one by arithmetic (the bench's own
-- schema: nothing granted on it, no tenant data).
CREATE SCHEMA bench;
CREATE TABLE bench.buyer AS
SELECT (row_number() OVER (ORDER BY id) - 1)::integer AS k, id FROM users WHERE NOT is_walk_up;
CREATE UNIQUE INDEX ON bench.buyer (k);
