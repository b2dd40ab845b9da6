-- Undo 0013: the event triggers first (they call what follows), then the audit, the
-- password function and 0003's add_staff_login as it was. Passwords and their VALID
-- UNTIL stay on the logins (a role is not the schema's).
SET LOCAL search_path = public, ext;
SET LOCAL client_min_messages = warning;

DROP EVENT TRIGGER IF EXISTS ddl_audit_drop;
DROP EVENT TRIGGER IF EXISTS ddl_audit_end;
DROP TABLE ddl_audit;
DROP FUNCTION ddl_audit_event(), _ddl_audit_write(text, text, name), _ddl_audit_redact(text),
  ddl_audit_append_only(), change_password(text),
  add_staff_login(name, uuid, text, text, text, integer);

SET LOCAL ROLE boxoffice_owner;
-- Creates a staff login (run by the DBA, who may create roles; not granted to anyone).
-- Timeouts go on the login itself: settings of group roles are not inherited.
CREATE FUNCTION add_staff_login(p_login name, p_org uuid, p_role text, p_display text,
                                p_password text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_id uuid;
BEGIN
  IF p_role NOT IN ('CLERK', 'SUPERVISOR', 'HELPDESK') THEN
    RAISE EXCEPTION 'staff role must be CLERK, SUPERVISOR or HELPDESK' USING ERRCODE = 'BO008';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                              'NOREPLICATION NOBYPASSRLS', p_login);
  END IF;
  IF p_password IS NOT NULL THEN
    EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
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
REVOKE ALL ON FUNCTION add_staff_login(name, uuid, text, text, text) FROM PUBLIC;
RESET ROLE;
ALTER FUNCTION add_staff_login(name, uuid, text, text, text) OWNER TO boxoffice_owner;

DO $roles$ BEGIN
  DROP ROLE IF EXISTS boxoffice_password;
EXCEPTION WHEN dependent_objects_still_exist THEN
  RAISE NOTICE 'role boxoffice_password kept: still used elsewhere in the cluster';
END $roles$;
