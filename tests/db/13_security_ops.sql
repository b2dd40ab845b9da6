-- 0013: the spec's security checklist. Schema changes recorded in ddl_audit (who, what,
-- the statement, append-only, never breaking the DDL it watches); minimal privileges of
-- every login the client uses; passwords that expire and change_password().
BEGIN;
\i tests/db/fixture.sql
SELECT plan(45);

-- ---- the DDL audit ----

SELECT is((SELECT count(*)::int FROM pg_event_trigger
            WHERE evtname IN ('ddl_audit_end', 'ddl_audit_drop') AND evtenabled = 'O'), 2,
          'two event triggers are enabled: ddl_command_end and sql_drop');

SET LOCAL ROLE boxoffice_owner;
CREATE TABLE hp_audit_probe (id int);
RESET ROLE;
SELECT is((SELECT string_agg(concat_ws('|', (session_user_name = session_user)::text, current_user_name, command_tag,
                                       object_type, object_identity, schema_name, event), ';')
              FROM ddl_audit WHERE object_identity = 'public.hp_audit_probe'),
          'true|boxoffice_owner|CREATE TABLE|table|public.hp_audit_probe|public|ddl_command_end',
          'CREATE TABLE as the owner: who (session and current user), what, where');
SELECT ok((SELECT statement LIKE '%CREATE TABLE hp_audit_probe (id int)%'
             AND txid = pg_current_xact_id() AND at <= clock_timestamp()
             FROM ddl_audit WHERE object_identity = 'public.hp_audit_probe'),
          '… with the statement''s text, the transaction id and the time');

SET LOCAL ROLE boxoffice_api;
ALTER FUNCTION refund_worth(uuid[]) SET work_mem = '8MB';
RESET ROLE;
SELECT is((SELECT string_agg(concat_ws('|', current_user_name, command_tag, object_type, object_identity,
                                       statement), ';')
              FROM ddl_audit WHERE command_tag = 'ALTER FUNCTION' AND txid = pg_current_xact_id()),
          'boxoffice_api|ALTER FUNCTION|function|public.refund_worth(pg_catalog.uuid[])|'
          'ALTER FUNCTION refund_worth(uuid[]) SET work_mem = ''8MB'';',
          'ALTER FUNCTION as the API role: recorded with its role and statement');

DROP TABLE hp_audit_probe;
SELECT results_eq($$
  SELECT event, command_tag, object_type, object_identity FROM ddl_audit
   WHERE command_tag = 'DROP TABLE' AND txid = pg_current_xact_id() ORDER BY id $$,
  $$ VALUES ('sql_drop', 'DROP TABLE', 'table', 'public.hp_audit_probe') $$,
  'DROP TABLE: the table dropped (sql_drop), its row type and indexes left out');

SELECT is(_ddl_audit_redact($q$SELECT 1; ALTER ROLE x PASSWORD 'it''s secret' VALID UNTIL 'infinity'$q$),
          $q$SELECT 1; ALTER ROLE x PASSWORD '***' VALID UNTIL 'infinity'$q$,
          'a password in a recorded statement is replaced by ***');

CREATE TEMP TABLE hp_scratch (id int);
REFRESH MATERIALIZED VIEW event_stats;
SELECT is((SELECT count(*)::int FROM ddl_audit
            WHERE txid = pg_current_xact_id()
              AND (object_identity LIKE '%hp_scratch%' OR command_tag = 'REFRESH MATERIALIZED VIEW')), 0,
          'temporary tables and refreshes of the statistics are not schema changes');

CREATE SCHEMA hp_sch;
SELECT is((SELECT object_type || ' ' || object_identity FROM ddl_audit
            WHERE command_tag = 'CREATE SCHEMA' AND txid = pg_current_xact_id()),
          'schema hp_sch', 'a superuser''s CREATE SCHEMA is recorded too');
GRANT USAGE ON SCHEMA hp_sch TO boxoffice_report;
SELECT is((SELECT count(*)::int FROM ddl_audit WHERE command_tag = 'GRANT' AND statement LIKE '%hp_sch%'), 1,
          'a GRANT is recorded');

-- Never breaks the DDL it observes: the writer made unreachable, the DDL goes on.
REVOKE EXECUTE ON FUNCTION _ddl_audit_write(text, text, name) FROM boxoffice_api;
SET LOCAL ROLE boxoffice_api;
SELECT lives_ok($$ ALTER FUNCTION refund_worth(uuid[]) RESET work_mem $$,
                'DDL by a role that cannot reach the writer still succeeds (a WARNING, no row)');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM ddl_audit WHERE statement LIKE '%RESET work_mem%'), 0,
          '… and is not recorded');
GRANT EXECUTE ON FUNCTION _ddl_audit_write(text, text, name) TO boxoffice_api;
SELECT throws_like($$ SELECT _ddl_audit_write('ddl_command_end', 'CREATE TABLE', 'someone') $$,
                   '%can only be called in an event trigger function%',
                   'the writer cannot add rows outside a real schema change');

-- Append-only, even for the owner.
SELECT throws_ok($$ UPDATE ddl_audit SET command_tag = 'x' $$, 'BO005', NULL,
                 'UPDATE of ddl_audit is refused (superuser)');
SELECT throws_ok($$ DELETE FROM ddl_audit $$, 'BO005', NULL, 'DELETE is refused (superuser)');
SELECT throws_ok($$ TRUNCATE ddl_audit $$, 'BO005', NULL, 'TRUNCATE is refused (superuser)');
SET LOCAL ROLE boxoffice_owner;
SELECT throws_ok($$ DELETE FROM ddl_audit $$, 'BO005', NULL, 'DELETE is refused for the owner');
SELECT throws_ok($$ UPDATE ddl_audit SET statement = NULL $$, 'BO005', NULL,
                 'UPDATE is refused for the owner');
SELECT throws_ok($$ TRUNCATE ddl_audit $$, 'BO005', NULL, 'TRUNCATE is refused for the owner');
RESET ROLE;

-- Supervisors (of any organisation) read it; clerks and the help desk do not.
SET LOCAL ROLE t_super_b;
SELECT ok((SELECT count(*) FROM ddl_audit) >= 5, 'a supervisor reads the DDL audit');
RESET ROLE;
SET LOCAL ROLE t_clerk_a;
SELECT throws_ok($$ SELECT count(*) FROM ddl_audit $$, '42501', NULL, 'a clerk may not read it');
RESET ROLE;
SET LOCAL ROLE t_help_a;
SELECT throws_ok($$ SELECT count(*) FROM ddl_audit $$, '42501', NULL, 'nor the help desk');
RESET ROLE;

-- ---- minimal privileges ----

CREATE TEMP VIEW hp_client_logins AS
WITH RECURSIVE below(role) AS (      -- every role that is a member of the client groups
  SELECT m.member FROM pg_auth_members m
   WHERE m.roleid IN (SELECT oid FROM pg_roles WHERE rolname IN ('boxoffice_staff', 'boxoffice_api'))
  UNION
  SELECT m.member FROM pg_auth_members m JOIN below b ON m.roleid = b.role)
SELECT r.oid, r.rolname FROM pg_roles r
 WHERE r.rolname IN (SELECT login_role FROM staff)
    OR (r.rolcanlogin AND r.oid IN (SELECT role FROM below));
CREATE TEMP VIEW hp_reachable AS      -- a login and every role it may SET ROLE to
WITH RECURSIVE up(login, role) AS (
  SELECT oid, oid FROM hp_client_logins
  UNION
  SELECT u.login, m.roleid FROM pg_auth_members m JOIN up u ON m.member = u.role)
SELECT login, role FROM up;

SELECT ok((SELECT count(*) FROM hp_client_logins) >= 6, 'the client''s logins are found (fixture: 6 staff)');
SELECT is_empty($$
  SELECT l.rolname FROM hp_client_logins l JOIN pg_roles r ON r.oid = l.oid
   WHERE r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls $$,
  'no login the client uses is SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS');
SELECT is_empty($$
  SELECT l.login::regrole || ' -> ' || r.rolname FROM hp_reachable l JOIN pg_roles r ON r.oid = l.role
   WHERE r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls $$,
  '… nor can SET ROLE, directly or through other roles, into a role that is');
SELECT ok((SELECT count(*) FROM hp_reachable
            WHERE login = 't_super_a'::regrole
              AND role IN ('boxoffice_clerk'::regrole, 'boxoffice_staff'::regrole)) = 2,
          'the walk is transitive (a supervisor reaches clerk and staff through supervisor)');
SELECT is_empty($$
  SELECT rolname FROM pg_roles
   WHERE rolname IN ('boxoffice_owner', 'boxoffice_api', 'boxoffice_report', 'boxoffice_password')
     AND rolcanlogin $$,
  'the owner (and the API, report and password roles) cannot log in');
SELECT is_empty($$
  SELECT c.relname || ': ' || a.privilege_type
    FROM pg_class c, LATERAL aclexplode(c.relacl) a
   WHERE c.relnamespace = 'public'::regnamespace
     AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND a.grantee = 0 $$,
  'nothing is granted to PUBLIC on any table, view or sequence');
SELECT ok(NOT has_schema_privilege('public', 'ext', 'USAGE'),
          '… and PUBLIC cannot reach the extensions'' views (pg_stat_statements keeps its own grant)');
SELECT is_empty($$ SELECT member::regrole::text FROM pg_auth_members
                    WHERE roleid = 'boxoffice_password'::regrole $$,
                'nobody is a member of boxoffice_password (CREATEROLE)');
SELECT results_eq($$ SELECT p.oid::regprocedure::text FROM pg_proc p
                      WHERE p.proowner = 'boxoffice_password'::regrole $$,
                  $$ VALUES ('change_password(text)') $$,
                  'boxoffice_password owns change_password() and nothing else');

-- ---- passwords ----

\o /dev/null
SELECT add_staff_login('hp_pw_a', '00000000-0000-4000-a000-00000000000a', 'CLERK', 'PW A',
                       'hp-first-password-1');
\o
SELECT ok((SELECT rolvaliduntil BETWEEN now() + interval '89 days 23 hours' AND now() + interval '90 days 1 hour'
             FROM pg_roles WHERE rolname = 'hp_pw_a'),
          'add_staff_login with a password: valid until 90 days from now');
\o /dev/null
SELECT add_staff_login('hp_pw_b', '00000000-0000-4000-a000-00000000000a', 'CLERK', 'PW B',
                       'hp-first-password-2', 30);
\o
SELECT ok((SELECT rolvaliduntil::date = (now() + interval '30 days')::date FROM pg_roles WHERE rolname = 'hp_pw_b'),
          '… or the days given');
\o /dev/null
SELECT add_staff_login('hp_pw_c', '00000000-0000-4000-a000-00000000000a', 'CLERK', 'PW C',
                       'hp-first-password-3', NULL);
\o
SELECT is((SELECT rolvaliduntil FROM pg_roles WHERE rolname = 'hp_pw_c'), 'infinity'::timestamptz,
          '… or never (NULL days)');
SELECT throws_ok($$ SELECT add_staff_login('hp_pw_d', '00000000-0000-4000-a000-00000000000a', 'CLERK',
                                           'PW D', 'hp-first-password-4', 0) $$,
                 'BO008', 'a password is valid for 1 to 3650 days', 'a validity of 0 days is refused');

SET SESSION AUTHORIZATION hp_pw_a;
SELECT throws_ok($$ SELECT change_password('short-one') $$, 'BO008',
                 'the new password is too short: it needs at least 12 characters',
                 'a password under 12 characters is refused in words');
SELECT throws_ok($$ SELECT change_password('my-HP_PW_A-secret') $$, 'BO008',
                 'the new password must not contain the login name (hp_pw_a)',
                 'a password containing the login name (any case) is refused');
SELECT throws_ok($$ SELECT change_password(NULL) $$, 'BO008', NULL, 'no password is refused');
SELECT ok(change_password('a-new-password-for-a') BETWEEN now() + interval '89 days' AND now() + interval '91 days',
          'a login changes its own password; it returns the new expiry');
SELECT ok((SELECT rolvaliduntil BETWEEN now() + interval '89 days 23 hours' AND now() + interval '90 days 1 hour'
             FROM pg_roles WHERE rolname = 'hp_pw_a'),
          '… and VALID UNTIL is 90 days from now');
SELECT throws_ok($$ ALTER ROLE hp_pw_b PASSWORD 'someone-elses-password' $$, '42501', NULL,
                 'another login''s password cannot be changed');
SELECT throws_ok($$ ALTER ROLE hp_pw_a VALID UNTIL 'infinity' $$, '42501', NULL,
                 'a login cannot extend its own validity without a new password');
SELECT is((SELECT count(*)::int FROM pg_proc WHERE proname = 'change_password' AND pronargs <> 1), 0,
          'change_password takes no login to change: only the caller''s own');
RESET SESSION AUTHORIZATION;

-- SET ROLE does not change whose password it is.
SET LOCAL ROLE t_clerk_a;
SELECT throws_ok($$ SELECT change_password('a-new-password-for-x') $$, 'BO005',
                 'only a staff login can change its password here',
                 'SET ROLE to a clerk does not let another session change that clerk''s password');
RESET ROLE;
SELECT ok(NOT has_function_privilege('t_outsider', 'change_password(text)', 'EXECUTE')
          AND NOT has_function_privilege('public', 'change_password(text)', 'EXECUTE'),
          'a login that is not staff may not call change_password');

SELECT is((SELECT count(*)::int FROM ddl_audit WHERE statement ILIKE '%a-new-password%'
                                                   OR statement ILIKE '%hp-first-password%'), 0,
          'no password reached the DDL audit (role changes are not schema changes)');

SELECT * FROM finish();
ROLLBACK;
