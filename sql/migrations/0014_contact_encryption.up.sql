-- 0014 attendees' e-mail and phone encrypted at rest (issue 8), still searchable.
--
-- The key: 32 random bytes as hex in the file contact.key beside the cluster's data
-- directory ($PGDATA/../contact.key, mode 0600, owned by the server's user; a symlink
-- to where IT keeps it is fine). It is in no table, so neither pg_dump nor the
-- backups of `boxoffice admin backup` hold it, and a base backup of $PGDATA does not
-- either. Only boxoffice_keyholder (NOLOGIN, member of pg_read_server_files) may read
-- it, through _contact_key(); only the owner and the report role may call that, so no
-- staff login can read the key or decrypt anything except through the recorded
-- help-desk functions. The file is made by whoever makes the cluster (our
-- tests/tools/pgcluster.sh does; README "Contact data encrypted at rest" says how);
-- this migration refuses to run without it.
--
-- At rest, per person: the e-mail and phone sealed with pgp_sym_encrypt (AES-256, the
-- integrity check of OpenPGP's MDC), an HMAC-SHA-256 of each normalised value (exact
-- match: "is this e-mail already a customer?"), and a blind index of each value's
-- three-character pieces (the first 32 bits of an HMAC of each piece) for the help
-- desk's partial e-mail and phone-digit search: the pieces of what is typed must all
-- be there (GIN @>), then the candidates are decrypted and checked. Three keys are
-- derived from the file's key (one per purpose), so a hash can never be used to
-- decrypt. What the blind index gives away to someone with the table and without the
-- key: which people share pieces of an address (frequency), not the pieces.
--
-- The columns email and phone stay and are written as before (every function, the
-- demo data and bulk loads keep working): a BEFORE trigger seals what is written and
-- empties them, and a CHECK makes sure nothing plain is ever stored (even with
-- triggers disabled). Writing '' clears a value. Names, money and seats stay plain.
SET LOCAL search_path = public, ext;

DO $key$
BEGIN
  IF (pg_catalog.pg_stat_file('../contact.key', true)).size IS NULL THEN
    RAISE EXCEPTION 'the contact-data key is missing: create it beside the data directory, as the server''s user: '
      'umask 077; od -An -N32 -tx1 /dev/urandom | tr -d '' \n'' > "$PGDATA/../contact.key" '
      '(README: "Contact data encrypted at rest"), then migrate again'
      USING ERRCODE = 'BO014';
  END IF;
END
$key$;

DO $role$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'boxoffice_keyholder') THEN
    CREATE ROLE boxoffice_keyholder NOLOGIN;
  END IF;
END
$role$;
ALTER ROLE boxoffice_keyholder NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
DO $grant$
BEGIN  -- roles are the cluster's: another database may have granted it already
  IF NOT pg_catalog.pg_has_role('boxoffice_keyholder', 'pg_read_server_files', 'MEMBER') THEN
    GRANT pg_read_server_files TO boxoffice_keyholder;
  END IF;
END
$grant$;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) TO boxoffice_keyholder;

-- Which key the data is sealed with: an HMAC of a fixed text under the key (it says
-- nothing of the key), so a wrong key file is refused in words instead of quietly
-- finding nobody (the blind index of another key matches nothing).
SET LOCAL ROLE boxoffice_owner;
CREATE TABLE contact_key_check (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    fingerprint bytea NOT NULL
);
RESET ROLE;
REVOKE ALL ON contact_key_check FROM PUBLIC;
ALTER TABLE contact_key_check ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_key_check FORCE ROW LEVEL SECURITY;
CREATE POLICY contact_key_check_read ON contact_key_check FOR SELECT TO boxoffice_keyholder USING (true);
GRANT USAGE ON SCHEMA public, ext TO boxoffice_keyholder;
GRANT SELECT ON contact_key_check TO boxoffice_keyholder;
INSERT INTO contact_key_check (fingerprint)
SELECT ext.hmac(pg_catalog.convert_to('boxoffice contact key check', 'UTF8'),
                pg_catalog.decode(pg_catalog.btrim(pg_catalog.pg_read_file('../contact.key'), E' \n\r\t'), 'hex'),
                'sha256');
GRANT EXECUTE ON FUNCTION ext.hmac(bytea, bytea, text) TO boxoffice_keyholder;

-- The key file's 64 hex digits, checked, as bytes.
CREATE FUNCTION _contact_key() RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_hex text;
  v_key bytea;
BEGIN
  BEGIN
    v_hex := pg_catalog.btrim(pg_catalog.pg_read_file('../contact.key'), E' \n\r\t');
  EXCEPTION WHEN undefined_file THEN
    RAISE EXCEPTION 'the contact-data key (contact.key beside the database''s data directory) is missing: '
      'e-mails and phones cannot be read or written until it is put back from where it is kept'
      USING ERRCODE = 'BO014';
  END;
  IF v_hex !~ '^[0-9a-fA-F]{64}$' THEN
    RAISE EXCEPTION 'the contact-data key (contact.key beside the data directory) is not 64 hexadecimal digits'
      USING ERRCODE = 'BO014';
  END IF;
  v_key := pg_catalog.decode(v_hex, 'hex');
  IF NOT EXISTS (SELECT 1 FROM public.contact_key_check c
                  WHERE c.fingerprint = ext.hmac(pg_catalog.convert_to('boxoffice contact key check', 'UTF8'),
                                                 v_key, 'sha256')) THEN
    RAISE EXCEPTION 'the contact-data key (contact.key beside the data directory) is not the one this '
      'database''s e-mails and phones were sealed with: put the original back (a restored database needs '
      'the key of the cluster it came from)' USING ERRCODE = 'BO014';
  END IF;
  RETURN v_key;
END $$;
ALTER FUNCTION _contact_key() OWNER TO boxoffice_keyholder;
REVOKE ALL ON FUNCTION _contact_key() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION _contact_key() TO boxoffice_owner, boxoffice_api, boxoffice_report;

GRANT EXECUTE ON FUNCTION ext.hmac(bytea, bytea, text), ext.pgp_sym_encrypt(text, text, text),
      ext.pgp_sym_decrypt(bytea, text) TO boxoffice_owner, boxoffice_api, boxoffice_report;

SET LOCAL ROLE boxoffice_owner;

-- One key per purpose, derived from the file's: p_purpose is 'seal', 'hash' or 'grams'.
CREATE FUNCTION _contact_subkey(p_key bytea, p_purpose text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN ext.hmac(pg_catalog.convert_to('boxoffice contact ' || p_purpose, 'UTF8'), p_key, 'sha256');
END $$;

-- How a value is compared: e-mails without case or blanks around, phones as digits.
CREATE FUNCTION _contact_norm(p_kind text, p_value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$  -- no SET: inlined where it is used
  SELECT NULLIF(CASE p_kind WHEN 'email' THEN pg_catalog.lower(pg_catalog.btrim(p_value))
                            ELSE pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g') END, '')
$$;

CREATE FUNCTION _contact_seal(p_plain text, p_key bytea) RETURNS bytea
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN ext.pgp_sym_encrypt(p_plain, pg_catalog.encode(public._contact_subkey(p_key, 'seal'), 'hex'),
                             'cipher-algo=aes256, compress-algo=0, s2k-mode=1');
END $$;

CREATE FUNCTION _contact_open(p_sealed bytea, p_key bytea) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN ext.pgp_sym_decrypt(p_sealed, pg_catalog.encode(public._contact_subkey(p_key, 'seal'), 'hex'));
EXCEPTION WHEN external_routine_invocation_exception THEN  -- pgcrypto: "Wrong key or corrupt data"
  RAISE EXCEPTION 'an e-mail or phone could not be decrypted: the contact-data key (contact.key) is not the one '
    'it was sealed with' USING ERRCODE = 'BO014';
END $$;

CREATE FUNCTION _contact_hash(p_norm text, p_key bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN ext.hmac(pg_catalog.convert_to(p_norm, 'UTF8'), public._contact_subkey(p_key, 'hash'), 'sha256');
END $$;

-- The blind index: every three-character piece of the normalised value, keyed.
-- (plpgsql, like the functions above: a LANGUAGE sql function with SET is planned again
-- at every call, 7x slower here — 0010)
CREATE FUNCTION _contact_grams(p_norm text, p_key bytea) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_k bytea := public._contact_subkey(p_key, 'grams');
  v_h bytea;
  v_g integer;
  v_out integer[] := '{}';
BEGIN
  FOR i IN 1 .. pg_catalog.length(p_norm) - 2 LOOP
    v_h := ext.hmac(pg_catalog.convert_to(pg_catalog.substr(p_norm, i, 3), 'UTF8'), v_k, 'sha256');
    v_g := pg_catalog.get_byte(v_h, 0) << 24 | pg_catalog.get_byte(v_h, 1) << 16
           | pg_catalog.get_byte(v_h, 2) << 8 | pg_catalog.get_byte(v_h, 3);
    IF NOT v_g = ANY (v_out) THEN
      v_out := v_out || v_g;
    END IF;
  END LOOP;
  RETURN v_out;
END $$;

ALTER TABLE users
    ADD COLUMN email_sealed bytea,
    ADD COLUMN email_hash   bytea,
    ADD COLUMN email_grams  integer[],
    ADD COLUMN phone_sealed bytea,
    ADD COLUMN phone_hash   bytea,
    ADD COLUMN phone_grams  integer[];

-- What is written to email / phone is sealed and the plain column emptied; NULL leaves
-- the stored value as it is (the plain columns always read NULL), '' clears it.
CREATE FUNCTION users_seal_contact() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_key bytea;
  v_norm text;
BEGIN
  IF NEW.email IS NULL AND NEW.phone IS NULL THEN
    RETURN NEW;
  END IF;
  v_key := public._contact_key();
  IF NEW.email IS NOT NULL THEN
    IF pg_catalog.btrim(NEW.email) <> '' AND pg_catalog.btrim(NEW.email) !~ '^[^@[:space:]]+@[^@[:space:]]+$' THEN
      RAISE EXCEPTION 'not an e-mail address: %', NEW.email
        USING ERRCODE = 'check_violation', CONSTRAINT = 'users_email_check', TABLE = 'users';
    END IF;
    v_norm := public._contact_norm('email', NEW.email);
    NEW.email_sealed := public._contact_seal(pg_catalog.btrim(NEW.email), v_key);
    NEW.email_hash := public._contact_hash(v_norm, v_key);
    NEW.email_grams := public._contact_grams(v_norm, v_key);
    NEW.email := NULL;
  END IF;
  IF NEW.phone IS NOT NULL THEN
    v_norm := public._contact_norm('phone', NEW.phone);
    NEW.phone_sealed := public._contact_seal(NULLIF(pg_catalog.btrim(NEW.phone), ''), v_key);
    NEW.phone_hash := public._contact_hash(v_norm, v_key);
    NEW.phone_grams := public._contact_grams(v_norm, v_key);
    NEW.phone := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_seal_contact BEFORE INSERT OR UPDATE OF email, phone ON users
    FOR EACH ROW EXECUTE FUNCTION users_seal_contact();
-- ALWAYS: a bulk load with session_replication_role = replica (triggers off) is sealed too
ALTER TABLE users ENABLE ALWAYS TRIGGER users_seal_contact;

-- Plain values already there are sealed by the trigger (as the DBA: RLS does not apply),
-- without an audit image of the plain row (the images written before are emptied of
-- them below) and without touching updated_at: nobody changed the person.
RESET ROLE;
ALTER TABLE users DISABLE TRIGGER users_audit, DISABLE TRIGGER users_touch;
UPDATE users SET email = email, phone = phone WHERE email IS NOT NULL OR phone IS NOT NULL;
ALTER TABLE users ENABLE TRIGGER users_audit, ENABLE TRIGGER users_touch;
SET LOCAL ROLE boxoffice_owner;
ALTER TABLE users DROP CONSTRAINT users_email_check;
ALTER TABLE users ADD CONSTRAINT users_contact_sealed CHECK (email IS NULL AND phone IS NULL);

DROP INDEX idx_users_email_trgm;
DROP INDEX idx_users_phone_trgm;
CREATE INDEX idx_users_email_hash ON users (organization_id, email_hash) WHERE NOT deleted;
CREATE INDEX idx_users_email_grams ON users USING gin (email_grams) WHERE NOT deleted;
CREATE INDEX idx_users_phone_grams ON users USING gin (phone_grams) WHERE NOT deleted;
RESET ROLE;

-- ---------------------------------------------------------------------------
-- Contact details already in the append-only logs
-- ---------------------------------------------------------------------------
-- The audit trail's images of people held their e-mail and phone in plain text, and
-- the help desk's search log held what was typed — e-mails, phones and (worse) whole
-- ticket codes, which anyone reading the log could have printed. Both logs are
-- append-only; this one-time correction (the DDL audit records it) empties those
-- values. From now on: images carry only sealed values, a search that looks like an
-- e-mail or phone is kept sealed, and a ticket code is never kept.
ALTER TABLE person_lookups ADD COLUMN query_sealed bytea;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log
   SET before = CASE WHEN before IS NULL THEN NULL ELSE before || '{"email": null, "phone": null}' END,
       after = CASE WHEN after IS NULL THEN NULL ELSE after || '{"email": null, "phone": null}' END
 WHERE table_name = 'users'
   AND (before ->> 'email' IS NOT NULL OR before ->> 'phone' IS NOT NULL
        OR after ->> 'email' IS NOT NULL OR after ->> 'phone' IS NOT NULL);
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

SET LOCAL ROLE boxoffice_owner;
-- What a search log may keep of what was typed (NULL for the plain column when sealed).
CREATE FUNCTION _lookup_query_kind(p_query text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_query IS NULL THEN NULL
    WHEN pg_catalog.btrim(p_query) ~ '^[0-9A-Fa-f]{40}$' THEN '(ticket code)'
    WHEN p_query ~ '@' THEN '(e-mail)'
    WHEN p_query ~ '^[0-9 +()./-]+$'
         AND pg_catalog.length(pg_catalog.regexp_replace(p_query, '[^0-9]', '', 'g')) >= 4 THEN '(phone)'
  END
$$;
RESET ROLE;

ALTER TABLE person_lookups DISABLE TRIGGER person_lookups_append_only;
UPDATE person_lookups l
   SET query = public._lookup_query_kind(l.query),
       query_sealed = CASE WHEN public._lookup_query_kind(l.query) <> '(ticket code)'
                           THEN public._contact_seal(l.query, public._contact_key()) END
 WHERE public._lookup_query_kind(l.query) IS NOT NULL;
ALTER TABLE person_lookups ENABLE TRIGGER person_lookups_append_only;

-- Replaced as the DBA: these keep their owner (boxoffice_api, like the other functions
-- staff call) and grants.
CREATE OR REPLACE FUNCTION _log_lookup(p_kind text, p_query text, p_user uuid, p_order uuid, p_results integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_q text := pg_catalog.left(p_query, 200);
  v_kind text := public._lookup_query_kind(v_q);
BEGIN
  INSERT INTO public.person_lookups (organization_id, kind, query, query_sealed, user_id, order_id, results)
  VALUES (public.current_org_id(), p_kind, COALESCE(v_kind, v_q),
          CASE WHEN v_kind IN ('(e-mail)', '(phone)') THEN public._contact_seal(v_q, public._contact_key()) END,
          p_user, p_order, p_results);
END $$;

-- The buyer of an order: found by the keyed hash of the e-mail now.
CREATE OR REPLACE FUNCTION _customer(p_org uuid, p_name text, p_email text, p_phone text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id uuid;
  v_email text := public._contact_norm('email', p_email);
BEGIN
  IF v_email IS NOT NULL THEN
    SELECT u.id INTO v_id FROM public.users u
     WHERE u.organization_id = p_org AND u.email_hash = public._contact_hash(v_email, public._contact_key())
       AND NOT u.deleted
     ORDER BY u.created_at LIMIT 1;
    IF v_id IS NOT NULL THEN
      RETURN v_id;
    END IF;
  END IF;
  IF NULLIF(pg_catalog.btrim(p_name), '') IS NOT NULL THEN
    INSERT INTO public.users (organization_id, full_name, email, phone)
    VALUES (p_org, pg_catalog.btrim(p_name), v_email, NULLIF(pg_catalog.btrim(p_phone), ''))
    RETURNING id INTO v_id;
    RETURN v_id;
  END IF;
  SELECT u.id INTO v_id FROM public.users u WHERE u.organization_id = p_org AND u.is_walk_up;
  IF v_id IS NULL THEN
    INSERT INTO public.users (organization_id, full_name, is_walk_up)
    VALUES (p_org, 'Walk-up customer', true)
    ON CONFLICT (organization_id) WHERE is_walk_up DO NOTHING;
    SELECT u.id INTO v_id FROM public.users u WHERE u.organization_id = p_org AND u.is_walk_up;
  END IF;
  RETURN v_id;
END $$;

REVOKE ALL ON FUNCTION _contact_subkey(bytea, text), _contact_norm(text, text), _contact_seal(text, bytea),
       _contact_open(bytea, bytea), _contact_hash(text, bytea), _contact_grams(text, bytea),
       users_seal_contact(), _lookup_query_kind(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION _contact_subkey(bytea, text), _contact_norm(text, text), _contact_seal(text, bytea),
      _contact_open(bytea, bytea), _contact_hash(text, bytea), _contact_grams(text, bytea), _lookup_query_kind(text)
      TO boxoffice_api, boxoffice_report;

-- ---------------------------------------------------------------------------
-- The help desk's search on sealed values
-- ---------------------------------------------------------------------------
-- As 0011's, with the e-mail and phone parts on the sealed values.
CREATE OR REPLACE FUNCTION _attendee_candidates(p_org uuid, p_how text, p_q text, p_limit integer)
RETURNS TABLE (id uuid, score real, matched text)
-- ROWS: a page of people, so the people are read back by their key, not by a scan
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, pg_temp
SET pg_trgm.similarity_threshold = 0.3 SET pg_trgm.word_similarity_threshold = 0.5 AS $$
DECLARE
  v_like text := '%' || public._like_escape(p_q) || '%';
  v_key bytea;
BEGIN
  IF p_org IS NULL THEN
    RETURN;
  END IF;
  v_key := public._contact_key();
  -- EXECUTE: planned with the text typed, so a LIKE prefix can use its index (a cached
  -- generic plan could not)
  IF p_how = 'phone' THEN
    -- every piece of the digits in the person's blind index, then the candidates'
    -- phones decrypted and checked (a page of them: digits few people share)
    RETURN QUERY
    SELECT c.id, 1::real, 'phone'::text
      FROM (SELECT u.id, u.full_name, u.phone_sealed FROM public.users u
             WHERE u.organization_id = p_org AND NOT u.deleted
               AND u.phone_grams @> public._contact_grams(p_q, v_key)
             LIMIT 500) c
     WHERE public._contact_norm('phone', public._contact_open(c.phone_sealed, v_key)) LIKE v_like
     ORDER BY c.full_name LIMIT p_limit;
  ELSIF p_how = 'prefix' THEN
    RETURN QUERY EXECUTE
    $q$SELECT u.id, 1::real, 'name'::text FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
          AND pg_catalog.lower(u.full_name) LIKE $2
        ORDER BY pg_catalog.lower(u.full_name) USING OPERATOR(pg_catalog.~<~) LIMIT $3$q$
    USING p_org, public._like_escape(p_q) || '%', p_limit;
  ELSE
    -- a person found both ways is listed once, as found by e-mail, with the better score
    RETURN QUERY EXECUTE
    $q$SELECT c.id, max(c.score)::real, CASE WHEN bool_or(c.by_email) THEN 'email' ELSE 'name' END
         FROM (SELECT n.id, n.score, n.full_name, false AS by_email
                 FROM public._name_candidates($1, $2, $4) n
               UNION ALL
               -- ---- e-mail (0014): every piece of the text in the blind index, then a
               -- page of the candidates decrypted and checked; a piece thousands share
               -- ("mar") reads 200 of them, the text typed next narrows it ----
               (SELECT m.id, 0.9::real, m.full_name, true
                  FROM (SELECT u.id, u.full_name, u.email_sealed FROM public.users u
                         WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
                           AND u.email_grams @> $5
                         LIMIT 200) m
                 WHERE pg_catalog.lower(public._contact_open(m.email_sealed, $6)) LIKE $3
                 ORDER BY m.full_name LIMIT $4)
               -- ---- end of e-mail ----
              ) c
        GROUP BY c.id, c.full_name
        ORDER BY 2 DESC, c.full_name LIMIT $4$q$ USING p_org, p_q, v_like, p_limit,
                                          public._contact_grams(p_q, v_key), v_key;
  END IF;
END $$;

-- As 0008's, the e-mail and phone it lists decrypted (a page of people at most).
CREATE OR REPLACE FUNCTION find_attendees(p_query text, p_limit integer DEFAULT 20)
RETURNS TABLE (user_id uuid, full_name text, email text, phone text, orders bigint,
               last_order_at timestamptz, matched text, order_id uuid, ticket_id uuid,
               score real)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_q text := pg_catalog.btrim(COALESCE(p_query, ''));
  v_lq text := pg_catalog.lower(pg_catalog.btrim(COALESCE(p_query, '')));
  v_hex text := pg_catalog.replace(pg_catalog.lower(pg_catalog.btrim(COALESCE(p_query, ''))), '-', '');
  v_digits text := pg_catalog.regexp_replace(COALESCE(p_query, ''), '[^0-9]', '', 'g');
  v_limit integer := LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);
  v_n integer;
  v_k integer;
  v_key bytea := public._contact_key();
BEGIN
  IF pg_catalog.length(v_q) > 200 THEN
    RAISE EXCEPTION 'a search is at most 200 characters' USING ERRCODE = 'BO008';
  END IF;
  IF v_q = '' THEN
    RETURN;
  END IF;
  IF v_q ~ '^[0-9A-Fa-f]{40}$' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), 1::bigint, o.created_at, 'ticket'::text, o.id, t.id,
           1::real
      FROM public.tickets t JOIN public.orders o ON o.id = t.order_id JOIN public.users u ON u.id = o.user_id
     WHERE t.qr_code_hash = public._token_hash(pg_catalog.upper(v_q));
  ELSIF v_hex ~ '^[0-9a-f]{4,32}$' AND v_hex ~ '[0-9]' AND v_q !~ '[^0-9A-Fa-f-]'
        AND (v_q ~ '[A-Fa-f-]' OR pg_catalog.length(v_digits) >= 4) THEN
    -- Digits only could be a phone or an order reference: both are listed.
    IF v_q ~ '^[0-9]+$' THEN
      RETURN QUERY
      SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
             c.score
        FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
        JOIN public.users u ON u.id = c.id
        LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                            WHERE o.user_id = u.id) s ON true
       ORDER BY c.score DESC, u.full_name;
      GET DIAGNOSTICS v_n = ROW_COUNT;
    END IF;
    RETURN QUERY
    SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), 1::bigint, o.created_at, 'order'::text, o.id, NULL::uuid,
           1::real
      FROM public.orders o JOIN public.users u ON u.id = o.user_id
     WHERE o.id BETWEEN pg_catalog.rpad(v_hex, 32, '0')::uuid AND pg_catalog.rpad(v_hex, 32, 'f')::uuid
       AND NOT o.deleted
     ORDER BY o.created_at DESC LIMIT v_limit;
  ELSIF pg_catalog.length(v_digits) >= 4 AND v_q !~ '[^0-9 +()./-]' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY u.full_name;
  ELSIF pg_catalog.length(v_q) < 3 THEN
    RETURN QUERY
    SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'prefix', v_lq, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY pg_catalog.lower(u.full_name);
  ELSE
    RETURN QUERY
    SELECT u.id, u.full_name, public._contact_open(u.email_sealed, v_key), public._contact_open(u.phone_sealed, v_key), s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'fuzzy', v_lq, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY c.score DESC, u.full_name;
  END IF;
  GET DIAGNOSTICS v_k = ROW_COUNT;
  PERFORM public._log_lookup('SEARCH', v_q, NULL, NULL, COALESCE(v_n, 0) + v_k);
END $$;
