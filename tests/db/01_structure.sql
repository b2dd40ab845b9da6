-- Structure guards: what must stay true of every table, function and role, whatever
-- later migrations add. Plus the spec's names: tables, indexes, materialized views.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(24);

SELECT is_empty($$
  SELECT c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
     AND c.relname <> 'schema_migrations'
     AND NOT (c.relrowsecurity AND c.relforcerowsecurity) $$,
  'every tenant table has row-level security enabled and forced');

SELECT is_empty($$
  SELECT k.conrelid::regclass || ' -> ' || k.confrelid::regclass FROM pg_constraint k
   WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace
     AND k.confrelid <> 'organizations'::regclass
     AND NOT (array_length(k.conkey, 1) >= 2
              AND k.conkey[1] = (SELECT attnum FROM pg_attribute
                                  WHERE attrelid = k.conrelid AND attname = 'organization_id')) $$,
  'every foreign key between tenant tables leads with organization_id (composite)');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
     AND NOT ('search_path=pg_catalog, pg_temp' = ANY (coalesce(p.proconfig, '{}'))) $$,
  'every SECURITY DEFINER function pins search_path to pg_catalog, pg_temp');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace IN ('public'::regnamespace, 'ext'::regnamespace)
     AND has_function_privilege('public', p.oid, 'EXECUTE') $$,
  'PUBLIC can execute no function of the project or its extensions');

SELECT is_empty($$
  SELECT c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm')
     AND (has_table_privilege('public', c.oid, 'SELECT')
          OR has_table_privilege('public', c.oid, 'INSERT')
          OR has_table_privilege('public', c.oid, 'UPDATE')
          OR has_table_privilege('public', c.oid, 'DELETE')) $$,
  'PUBLIC has no privilege on any table or view');

SELECT ok(NOT has_schema_privilege('public', 'public', 'USAGE')
          AND NOT has_schema_privilege('public', 'public', 'CREATE'),
          'PUBLIC has no privilege on schema public');
SELECT ok(NOT has_database_privilege('public', current_database(), 'CONNECT')
          AND NOT has_database_privilege('public', current_database(), 'TEMPORARY'),
          'PUBLIC may not connect to the database nor make temporary tables');

SELECT is_empty($$
  SELECT r.rolname FROM pg_roles r
   WHERE (r.rolname IN (SELECT login_role FROM staff)
          OR r.oid IN (SELECT member FROM pg_auth_members
                        WHERE roleid IN ('boxoffice_clerk'::regrole, 'boxoffice_supervisor'::regrole,
                                         'boxoffice_helpdesk'::regrole, 'boxoffice_staff'::regrole)))
     AND r.rolcanlogin
     AND (r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication) $$,
  'no staff login is superuser or may bypass RLS, create roles or databases, or replicate');

SELECT is_empty($$
  SELECT rolname FROM pg_roles
   WHERE rolname IN ('boxoffice_owner', 'boxoffice_api', 'boxoffice_report', 'boxoffice_staff',
                     'boxoffice_clerk', 'boxoffice_supervisor', 'boxoffice_helpdesk')
     AND rolcanlogin $$,
  'owner, API, report and group roles cannot log in');

SELECT is_empty($$
  SELECT rolname FROM pg_roles WHERE rolbypassrls AND NOT rolsuper AND rolname <> 'boxoffice_report' $$,
  'boxoffice_report is the only non-superuser role that bypasses RLS');

SELECT is_empty($$
  SELECT m.member::regrole::text FROM pg_auth_members m
   WHERE m.roleid = 'boxoffice_report'::regrole $$,
  'nobody is a member of boxoffice_report');

SELECT is_empty($$
  SELECT c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'm'
     AND c.relowner <> 'boxoffice_report'::regrole $$,
  'materialized views are owned by boxoffice_report');

SELECT is_empty($$
  SELECT c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
     AND c.relname <> 'schema_migrations' AND c.relowner <> 'boxoffice_owner'::regrole $$,
  'tables are owned by boxoffice_owner');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
     AND p.proowner NOT IN ('boxoffice_api'::regrole, 'boxoffice_owner'::regrole, 'boxoffice_report'::regrole)
     AND NOT (p.oid = 'change_password(text)'::regprocedure
              AND p.proowner = 'boxoffice_password'::regrole)
     AND NOT (p.proname LIKE 'monitor\_%' AND p.proowner = 'boxoffice_monitor'::regrole)
     AND NOT (p.proname = '_contact_key' AND p.proowner = 'boxoffice_keyholder'::regrole) $$,
  'SECURITY DEFINER functions belong to the API, owner or report role, never a superuser (change_password: its own role, 0013; monitor_*: boxoffice_monitor, 0012; _contact_key: boxoffice_keyholder, 0014)');

SELECT is_empty($$
  SELECT c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v'
     AND c.relname LIKE 'org\_%' AND NOT coalesce('security_barrier=true' = ANY (c.reloptions), false) $$,
  'views over materialized views are security barriers');

SELECT is_empty($$
  SELECT r.rolname FROM pg_roles r
   WHERE r.rolname IN (SELECT login_role FROM staff)
     AND NOT EXISTS (SELECT 1 FROM pg_db_role_setting s
                      WHERE s.setrole = r.oid
                        AND 'statement_timeout=15s' = ANY (s.setconfig)
                        AND 'lock_timeout=3s' = ANY (s.setconfig)
                        AND 'idle_in_transaction_session_timeout=60s' = ANY (s.setconfig)) $$,
  'every staff login carries its own timeouts');

SELECT tables_are('public', ARRAY['organizations', 'staff', 'users', 'venues', 'sections', 'seats',
  'events', 'event_sections', 'ticket_tiers', 'orders', 'order_items', 'tickets',
  'ticket_validations', 'event_seats', 'payments', 'audit_log', 'schema_migrations',
  'venue_categories', 'venue_decorations', 'ticket_prints', 'shifts', 'stats_refresh', 'refunds',
  'person_lookups', 'stats_deltas', 'stats_hourly', 'stats_payments', 'stats_admissions', 'stats_ga', 'ddl_audit',
  'contact_key_check'],
  'the spec''s tables and ours, no others');
SELECT materialized_views_are('public', ARRAY['section_availability', 'event_stats',
  'event_sales_hourly', 'event_sales_breakdown', 'event_admissions'],
  'the spec''s materialized views and the statistics screen''s');
SELECT columns_are('public', 'seats', ARRAY['id', 'organization_id', 'section_id', 'row_label',
  'number_label', 'x_position', 'y_position', 'is_accessible', 'deleted', 'created_at', 'updated_at',
  'category_id'], 'seats has the spec''s columns and the plan category');
SELECT has_column('public', 'tickets', 'qr_code_hash', 'tickets.qr_code_hash');
SELECT has_column('public', 'event_sections', 'custom_capacity', 'event_sections.custom_capacity');
SELECT indexes_are('public', 'tickets', ARRAY['tickets_pkey', 'tickets_organization_id_id_key',
  'uq_tickets_event_seat_live', 'idx_tickets_order', 'idx_tickets_status_event',
  'idx_tickets_qr_hash', 'idx_tickets_tier'], 'tickets indexes, the spec''s among them');
SELECT ok((SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname IN
  ('idx_seats_position', 'idx_tickets_status_event', 'idx_orders_user_status',
   'idx_events_org_status', 'idx_event_sections_event', 'idx_tickets_qr_hash',
   'idx_ticket_validations_ticket')) = 7, 'the spec''s seven indexes exist by name');

-- updated_at is kept by the trigger, not by the writer.
UPDATE venues SET name = 'Venue A renamed', updated_at = '2000-01-01'
 WHERE id = '00000000-0000-4000-b000-00000000000a';
SELECT ok((SELECT updated_at > '2001-01-01' FROM venues WHERE id = '00000000-0000-4000-b000-00000000000a'),
          'updated_at is set by the database on update');

SELECT * FROM finish();
ROLLBACK;
