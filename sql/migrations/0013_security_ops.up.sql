-- 0013 security operations (the spec's security checklist): every schema change
-- recorded in an append-only ddl_audit by event triggers; staff passwords that expire
-- (VALID UNTIL, 90 days by default) and change_password() for a login's own password.
--
-- Event triggers can only be created by a superuser: run this migration as the DBA
-- (as every migration of this project). The triggers belong to that superuser; the
-- functions they call do not.
SET LOCAL search_path = public, ext;
SET LOCAL client_min_messages = warning;

-- Setting VALID UNTIL needs CREATEROLE. Nobody logs in as this role and nobody is a
-- member of it: it owns change_password() and nothing else (see sql/README.md).
DO $roles$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'boxoffice_password') THEN
    CREATE ROLE boxoffice_password NOLOGIN;
  END IF;
END $roles$;
ALTER ROLE boxoffice_password NOLOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS;

SET LOCAL ROLE boxoffice_owner;

-- ---- the DDL audit ----

CREATE TABLE ddl_audit (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    event             text NOT NULL CHECK (event IN ('ddl_command_end', 'sql_drop')),
    session_user_name name NOT NULL,
    current_user_name name NOT NULL,
    command_tag       text NOT NULL,
    object_type       text,
    object_identity   text,
    schema_name       text,
    in_extension      boolean NOT NULL DEFAULT false,
    statement         text,
    txid              xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
CREATE INDEX idx_ddl_audit_at ON ddl_audit (at);

-- Schema changes are not any organisation's: supervisors of every organisation read
-- them all. Row-level security stays forced (as on every table) with open policies.
ALTER TABLE ddl_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE ddl_audit FORCE ROW LEVEL SECURITY;
-- The owner writes (through _ddl_audit_write) and passes RLS for every command, so that
-- its UPDATE, DELETE or TRUNCATE meets the append-only trigger's refusal, not an empty set.
CREATE POLICY ddl_audit_read ON ddl_audit FOR SELECT TO boxoffice_supervisor USING (true);
CREATE POLICY ddl_audit_owner ON ddl_audit TO boxoffice_owner USING (true) WITH CHECK (true);

CREATE FUNCTION ddl_audit_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'ddl_audit is append-only: % refused', TG_OP USING ERRCODE = 'BO005';
END $$;
CREATE TRIGGER ddl_audit_append_only BEFORE UPDATE OR DELETE ON ddl_audit
    FOR EACH ROW EXECUTE FUNCTION ddl_audit_append_only();
CREATE TRIGGER ddl_audit_no_truncate BEFORE TRUNCATE ON ddl_audit
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_audit_append_only();

-- A statement may carry a password (ALTER ROLE ... PASSWORD '...' sent in one query
-- string with DDL): the literal is replaced before the text is kept.
CREATE FUNCTION _ddl_audit_redact(p_query text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.regexp_replace(p_query, '(password\s+)E?''([^'']|'''')*''', '\1''***''', 'gi')
$$;

-- The writer: definer (the owner may insert, nobody else), called only by the trigger
-- function below, which passes the caller's current_user (a definer cannot see it).
-- pg_event_trigger_ddl_commands() and pg_event_trigger_dropped_objects() refuse to run
-- outside an event trigger, so this cannot add rows outside a real schema change.
-- Temporary objects are nobody's schema; materialized view refreshes are not changes.
CREATE FUNCTION _ddl_audit_write(p_event text, p_tag text, p_current_user name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_query text := public._ddl_audit_redact(pg_catalog.current_query());
BEGIN
  -- dropped by the very command being observed (the down migration): nothing to write to
  IF pg_catalog.to_regclass('public.ddl_audit') IS NULL THEN
    RETURN;
  END IF;
  IF p_event = 'sql_drop' THEN
    INSERT INTO public.ddl_audit (event, session_user_name, current_user_name, command_tag,
                                  object_type, object_identity, schema_name, statement)
    SELECT p_event, session_user, p_current_user, p_tag, d.object_type, d.object_identity,
           d.schema_name, v_query
      FROM pg_catalog.pg_event_trigger_dropped_objects() d
     WHERE (d.original OR d.normal) AND NOT d.is_temporary;
    RETURN;
  END IF;
  WITH c AS (SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands())
  INSERT INTO public.ddl_audit (event, session_user_name, current_user_name, command_tag,
                                object_type, object_identity, schema_name, in_extension, statement)
  SELECT p_event, session_user, p_current_user, c.command_tag, c.object_type, c.object_identity,
         c.schema_name, c.in_extension, v_query
    FROM c
   WHERE c.schema_name IS DISTINCT FROM 'pg_temp'
  UNION ALL
  -- a command that names no object here (drops are recorded by sql_drop, object by object)
  SELECT p_event, session_user, p_current_user, p_tag, NULL, NULL, NULL, false, v_query
   WHERE NOT EXISTS (SELECT 1 FROM c) AND p_tag NOT LIKE 'DROP %';
END $$;

-- The event trigger's function runs as whoever changes the schema. It never lets the
-- audit break the change it observes (a restore, CREATE EXTENSION, a migration, the
-- audit's own table being dropped): a failure is a WARNING, and the DDL goes on.
CREATE FUNCTION ddl_audit_event() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_TAG = 'REFRESH MATERIALIZED VIEW' THEN
    RETURN; -- refresh_stats(): data, not schema
  END IF;
  PERFORM public._ddl_audit_write(TG_EVENT, TG_TAG, current_user);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'schema change not recorded in ddl_audit (%): %', TG_TAG, SQLERRM;
END $$;

REVOKE ALL ON FUNCTION ddl_audit_append_only(), _ddl_audit_redact(text),
       _ddl_audit_write(text, text, name), ddl_audit_event() FROM PUBLIC;
-- Whoever may change the schema: the owner (migrations run SET ROLE boxoffice_owner),
-- and the roles that own functions or views. Superusers need no grant.
GRANT EXECUTE ON FUNCTION _ddl_audit_write(text, text, name)
      TO boxoffice_owner, boxoffice_api, boxoffice_report;
GRANT SELECT ON ddl_audit TO boxoffice_supervisor;

-- ---- passwords ----

-- 0003's add_staff_login with one more (optional) parameter: a password given now
-- expires after p_valid_days (NULL: never, for logins that must not lapse). The old
-- signature goes: two overloads would make every existing five-argument call ambiguous.
-- The password never reaches an error's context: the ALTER runs in a block that
-- re-raises without the statement.
DROP FUNCTION add_staff_login(name, uuid, text, text, text);
CREATE FUNCTION add_staff_login(p_login name, p_org uuid, p_role text, p_display text,
                                p_password text DEFAULT NULL, p_valid_days integer DEFAULT 90)
RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_id uuid;
BEGIN
  IF p_role NOT IN ('CLERK', 'SUPERVISOR', 'HELPDESK') THEN
    RAISE EXCEPTION 'staff role must be CLERK, SUPERVISOR or HELPDESK' USING ERRCODE = 'BO008';
  END IF;
  IF p_valid_days IS NOT NULL AND p_valid_days NOT BETWEEN 1 AND 3650 THEN
    RAISE EXCEPTION 'a password is valid for 1 to 3650 days' USING ERRCODE = 'BO008';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                              'NOREPLICATION NOBYPASSRLS', p_login);
  END IF;
  IF p_password IS NOT NULL THEN
    BEGIN
      EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', p_login, p_password,
                                CASE WHEN p_valid_days IS NULL THEN 'infinity'
                                     ELSE (pg_catalog.now() + pg_catalog.make_interval(days => p_valid_days))::text END);
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION 'the password of % was not set (SQLSTATE %)', p_login, SQLSTATE
            USING ERRCODE = SQLSTATE;
    END;
  END IF;
  IF NOT pg_catalog.pg_has_role(p_login, 'boxoffice_' || pg_catalog.lower(p_role), 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT %I TO %I', 'boxoffice_' || pg_catalog.lower(p_role), p_login);
  END IF;
  EXECUTE pg_catalog.format('ALTER ROLE %I SET statement_timeout = %L', p_login, '15s');
  EXECUTE pg_catalog.format('ALTER ROLE %I SET lock_timeout = %L', p_login, '3s');
  EXECUTE pg_catalog.format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_login, '60s');
  INSERT INTO public.staff (organization_id, login_role, staff_role, display_name)
  VALUES (p_org, p_login, p_role, p_display)
  ON CONFLICT (login_role) DO UPDATE SET organization_id = EXCLUDED.organization_id,
     staff_role = EXCLUDED.staff_role, display_name = EXCLUDED.display_name, deleted = false
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;
REVOKE ALL ON FUNCTION add_staff_login(name, uuid, text, text, text, integer) FROM PUBLIC;

-- A login's own password, and 90 more days. Always session_user: there is no
-- parameter naming a login, and SET ROLE does not change session_user. The password
-- arrives as a bind parameter (never in a statement's text); the ALTER ROLE runs
-- inside a block that re-raises without the statement, so no error context carries
-- it. Returns when the new password expires.
CREATE FUNCTION change_password(p_new text) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_login name := session_user;
  v_until timestamptz := pg_catalog.now() + pg_catalog.make_interval(days => 90);
BEGIN
  -- only a client's login: a member of the staff group, able to log in, no superuser
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                  WHERE r.rolname = v_login AND r.rolcanlogin AND NOT r.rolsuper
                    AND NOT r.rolcreaterole AND v_login NOT LIKE 'boxoffice\_%')
     OR NOT pg_catalog.pg_has_role(v_login, 'boxoffice_staff', 'MEMBER') THEN
    RAISE EXCEPTION 'only a staff login can change its password here' USING ERRCODE = 'BO005';
  END IF;
  IF p_new IS NULL OR pg_catalog.length(p_new) < 12 THEN
    RAISE EXCEPTION 'the new password is too short: it needs at least 12 characters'
          USING ERRCODE = 'BO008';
  END IF;
  IF pg_catalog.length(p_new) > 200 THEN
    RAISE EXCEPTION 'the new password is too long: at most 200 characters' USING ERRCODE = 'BO008';
  END IF;
  IF pg_catalog.strpos(pg_catalog.lower(p_new), pg_catalog.lower(v_login)) > 0 THEN
    RAISE EXCEPTION 'the new password must not contain the login name (%)', v_login
          USING ERRCODE = 'BO008';
  END IF;
  BEGIN
    EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', v_login, p_new,
                              v_until::text);
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'the password was not changed (SQLSTATE %)', SQLSTATE USING ERRCODE = SQLSTATE;
  END;
  RETURN v_until;
END $$;
REVOKE ALL ON FUNCTION change_password(text) FROM PUBLIC;

RESET ROLE;
ALTER FUNCTION change_password(text) OWNER TO boxoffice_password;
GRANT EXECUTE ON FUNCTION change_password(text) TO boxoffice_staff;

-- Last, so that from here on every schema change is recorded (a superuser's act).
CREATE EVENT TRIGGER ddl_audit_end ON ddl_command_end EXECUTE FUNCTION ddl_audit_event();
CREATE EVENT TRIGGER ddl_audit_drop ON sql_drop EXECUTE FUNCTION ddl_audit_event();
