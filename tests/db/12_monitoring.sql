-- Monitoring (0012): the functions exist, belong to boxoffice_monitor and only supervisors
-- may execute them; dead tuples made in a table show with their share and the spec's
-- vacuum threshold; an unused index shows as unused; the connection alert is right on
-- both sides of 80%; the slowest statements include a query run here, normalised (no
-- value), and no utility statement.
--
-- Dead tuples count once their transaction committed and the backend flushed its
-- statistics, so the probe table is made and emptied before the test's transaction
-- (and dropped after it); nothing reads it before monitor_tables() does, so no page
-- pruning changes the count.
\o /dev/null
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS hm_probe CASCADE;
CREATE SCHEMA hm_probe;
CREATE TABLE hm_probe.churn (id integer PRIMARY KEY, note text) WITH (autovacuum_enabled = false);
CREATE INDEX churn_note ON hm_probe.churn (note);
INSERT INTO hm_probe.churn SELECT g, 'row ' || g FROM generate_series(1, 3000) g;
DELETE FROM hm_probe.churn WHERE id > 500;
SELECT pg_stat_force_next_flush();
SELECT 1;
\o

BEGIN;
\i tests/db/fixture.sql
SELECT plan(38);

-- ---- what exists, who owns it, who may call it ----
SELECT has_function('public', f, f) FROM unnest(ARRAY['monitor_connections', 'monitor_tables',
  'monitor_indexes', 'monitor_statements', 'monitor_statements_unavailable',
  'monitor_connection_alert']) f;
SELECT is_empty($$
  SELECT p.oid::regprocedure FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'monitor\_%'
     AND p.proname <> 'monitor_connection_alert'
     AND NOT (p.prosecdef AND p.proowner = 'boxoffice_monitor'::regrole) $$,
  'the monitoring functions are SECURITY DEFINER, owned by boxoffice_monitor');
SELECT ok((SELECT NOT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls FROM pg_roles
            WHERE rolname = 'boxoffice_monitor')
          AND pg_has_role('boxoffice_monitor', 'pg_monitor', 'MEMBER'),
          'boxoffice_monitor: no login, no superuser, no RLS bypass, a member of pg_monitor');
SELECT is_empty($$ SELECT member::regrole FROM pg_auth_members
                    WHERE roleid = 'boxoffice_monitor'::regrole $$,
                'nobody is a member of boxoffice_monitor');
SELECT is_empty($$
  SELECT r.rolname, p.oid::regprocedure FROM pg_proc p
   CROSS JOIN (VALUES ('t_clerk_a'), ('t_help_a'), ('boxoffice_staff'), ('boxoffice_helpdesk'),
                      ('boxoffice_clerk')) r (rolname)
   WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'monitor\_%'
     AND has_function_privilege(r.rolname, p.oid, 'EXECUTE') $$,
  'neither clerks nor the help desk may execute any monitoring function');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'monitor\_%'
              AND has_function_privilege('t_super_a', p.oid, 'EXECUTE')), 6,
          'a supervisor may execute all six');

SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok('SELECT * FROM monitor_connections()', '42501', NULL, 'a clerk calling monitor_connections: 42501');
SELECT throws_ok('SELECT * FROM monitor_statements()', '42501', NULL, '… monitor_statements: 42501');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_help_a;
SELECT throws_ok('SELECT * FROM monitor_tables()', '42501', NULL, 'the help desk calling monitor_tables: 42501');
SELECT throws_ok('SELECT * FROM monitor_indexes()', '42501', NULL, '… monitor_indexes: 42501');
RESET SESSION AUTHORIZATION;

-- ---- tables: the dead tuples made above ----
-- what the supervisor gets is kept in tables of this session (a staff login may not
-- create temporary tables itself)
CREATE TEMP TABLE hm_tables AS SELECT * FROM monitor_tables() WITH NO DATA;
CREATE TEMP TABLE hm_indexes AS SELECT * FROM monitor_indexes() WITH NO DATA;
CREATE TEMP TABLE hm_conn AS SELECT * FROM monitor_connections() WITH NO DATA;
CREATE TEMP TABLE hm_statements AS SELECT * FROM monitor_statements() WITH NO DATA;
GRANT INSERT ON hm_tables, hm_indexes, hm_conn, hm_statements TO t_super_a;
SET SESSION AUTHORIZATION t_super_a;
INSERT INTO hm_tables SELECT * FROM monitor_tables();
INSERT INTO hm_indexes SELECT * FROM monitor_indexes();
INSERT INTO hm_conn SELECT * FROM monitor_connections();
RESET SESSION AUTHORIZATION;
SELECT is((SELECT live_tuples || ' live, ' || dead_tuples || ' dead, ' || dead_percent || '%'
             FROM hm_tables WHERE schema_name = 'hm_probe' AND table_name = 'churn'),
          '500 live, 2500 dead, 83.3%', 'a supervisor sees the 2500 dead tuples of the emptied table');
SELECT ok((SELECT needs_vacuum FROM hm_tables WHERE table_name = 'churn'),
          '… over the spec''s 1000: needs a vacuum');
SELECT is((SELECT bloat_bytes FROM hm_tables WHERE table_name = 'churn'),
          pg_relation_size('hm_probe.churn') * 2500 / 3000,
          '… and its bloat is estimated as the heap size times the dead share');
SELECT is((SELECT total_bytes FROM hm_tables WHERE table_name = 'churn'),
          pg_total_relation_size('hm_probe.churn'), '… its size counts indexes and TOAST');
SELECT ok((SELECT bool_and(a.dead_tuples >= b.dead_tuples) FROM
             (SELECT dead_tuples, row_number() OVER () AS n FROM hm_tables) a
             JOIN (SELECT dead_tuples, row_number() OVER () AS n FROM hm_tables) b ON b.n = a.n + 1),
          'tables come most dead tuples first');
SELECT ok((SELECT count(*) FROM hm_tables WHERE schema_name = 'public' AND table_name = 'tickets') = 1
          AND (SELECT NOT needs_vacuum FROM hm_tables WHERE table_name = 'organizations'),
          'the project''s tables are listed; a quiet one needs no vacuum');

-- ---- indexes ----
SELECT is((SELECT scans || ' ' || unused || ' ' || keeps_constraint FROM hm_indexes
            WHERE index_name = 'churn_note'), '0 true false',
          'an index never scanned is unused and keeps no constraint');
SELECT ok((SELECT keeps_constraint FROM hm_indexes WHERE index_name = 'churn_pkey'),
          'a primary key keeps a constraint');
SELECT is((SELECT bytes FROM hm_indexes WHERE index_name = 'churn_note'),
          pg_relation_size('hm_probe.churn_note'), 'index sizes are their relation size');
SELECT ok((SELECT bool_and(a.bytes >= b.bytes) FROM
             (SELECT bytes, row_number() OVER () AS n FROM hm_indexes) a
             JOIN (SELECT bytes, row_number() OVER () AS n FROM hm_indexes) b ON b.n = a.n + 1),
          'largest first');

-- ---- connections and the 80% alert ----
SELECT is((SELECT alert FROM monitor_connection_alert(80, 100)), false, '80 of 100 connections: no alert');
SELECT is((SELECT alert FROM monitor_connection_alert(81, 100)), true, '81 of 100: the alert');
SELECT is((SELECT words FROM monitor_connection_alert(81, 100)),
          '81 of 100 connections in use (81%), over 80%: raise max_connections or find who holds them',
          '… in words');
SELECT is((SELECT alert::text || ' ' || words FROM monitor_connection_alert(8, 10)),
          'false 8 of 10 connections in use (80%)', '8 of 10: no alert, in words');
SELECT is((SELECT alert FROM monitor_connection_alert(9, 10)), true, '9 of 10: the alert');
SELECT is((SELECT alert::text || ' ' || words FROM monitor_connection_alert(3, 0)),
          'false connections unknown', 'no max_connections: no alert, said so');
SELECT is((SELECT max_connections || ' ' || total || ' ' || alert FROM hm_conn),
          current_setting('max_connections') || ' '
            || (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') || ' '
            || (SELECT alert FROM monitor_connection_alert(
                  (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend'),
                  current_setting('max_connections')::int)),
          'monitor_connections: the cluster''s client connections against max_connections, alert as computed');
SELECT ok((SELECT active >= 1 AND this_database >= 1 AND active + idle + idle_in_transaction + other = total
             FROM hm_conn), '… by state, adding up; this session is active in this database');

-- ---- statements ----
SELECT count(*) FROM events WHERE title = 'hm-probe-0012' \gset
SET SESSION AUTHORIZATION t_super_a;
INSERT INTO hm_statements SELECT * FROM monitor_statements(1000);
SELECT is(monitor_statements_unavailable(), NULL, 'pg_stat_statements is preloaded here: nothing to explain');
RESET SESSION AUTHORIZATION;
SELECT ok(EXISTS (SELECT 1 FROM hm_statements
                   WHERE query LIKE 'SELECT count(*) FROM events WHERE title = $1%' AND calls >= 1
                     AND mean_ms >= 0 AND max_ms >= mean_ms AND rows >= 1),
          'the slowest statements include the query run here, normalised, with calls, times and rows');
SELECT is_empty($$ SELECT query FROM hm_statements WHERE query LIKE '%hm-probe-0012%' $$,
                '… and never its value');
SELECT is_empty($$ SELECT query FROM hm_statements
                    WHERE query !~* '^[[:space:]]*(select|insert|update|delete|merge|with|values|table)' $$,
                'no utility statement is shown (they are kept as typed)');
SELECT throws_ok('SELECT * FROM monitor_statements(0)', 'BO008', NULL, 'a limit of 0 is refused in words');

SELECT * FROM finish();
ROLLBACK;

\o /dev/null
DROP SCHEMA hm_probe CASCADE;
\o
