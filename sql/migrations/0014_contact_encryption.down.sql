-- Undo 0014: e-mails and phones back in plain text (decrypted with the key, which must
-- be there), 0008's indexes, the functions as 0011 (search), 0010 (_log_lookup) and 0003
-- (_customer) left them. What 0014 emptied from the audit images and the search log (and
-- the ticket codes it dropped from the log) stays emptied.
SET LOCAL search_path = public, ext;

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
BEGIN
  IF pg_catalog.length(v_q) > 200 THEN
    RAISE EXCEPTION 'a search is at most 200 characters' USING ERRCODE = 'BO008';
  END IF;
  IF v_q = '' THEN
    RETURN;
  END IF;
  IF v_q ~ '^[0-9A-Fa-f]{40}$' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, 1::bigint, o.created_at, 'ticket'::text, o.id, t.id,
           1::real
      FROM public.tickets t JOIN public.orders o ON o.id = t.order_id JOIN public.users u ON u.id = o.user_id
     WHERE t.qr_code_hash = public._token_hash(pg_catalog.upper(v_q));
  ELSIF v_hex ~ '^[0-9a-f]{4,32}$' AND v_hex ~ '[0-9]' AND v_q !~ '[^0-9A-Fa-f-]'
        AND (v_q ~ '[A-Fa-f-]' OR pg_catalog.length(v_digits) >= 4) THEN
    -- Digits only could be a phone or an order reference: both are listed.
    IF v_q ~ '^[0-9]+$' THEN
      RETURN QUERY
      SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
             c.score
        FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
        JOIN public.users u ON u.id = c.id
        LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                            WHERE o.user_id = u.id) s ON true
       ORDER BY c.score DESC, u.full_name;
      GET DIAGNOSTICS v_n = ROW_COUNT;
    END IF;
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, 1::bigint, o.created_at, 'order'::text, o.id, NULL::uuid,
           1::real
      FROM public.orders o JOIN public.users u ON u.id = o.user_id
     WHERE o.id BETWEEN pg_catalog.rpad(v_hex, 32, '0')::uuid AND pg_catalog.rpad(v_hex, 32, 'f')::uuid
       AND NOT o.deleted
     ORDER BY o.created_at DESC LIMIT v_limit;
  ELSIF pg_catalog.length(v_digits) >= 4 AND v_q !~ '[^0-9 +()./-]' THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'phone', v_digits, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY u.full_name;
  ELSIF pg_catalog.length(v_q) < 3 THEN
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
           c.score
      FROM public._attendee_candidates(v_org, 'prefix', v_lq, v_limit) c
      JOIN public.users u ON u.id = c.id
      LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM public.orders o
                          WHERE o.user_id = u.id) s ON true
     ORDER BY pg_catalog.lower(u.full_name);
  ELSE
    RETURN QUERY
    SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, c.matched, NULL::uuid, NULL::uuid,
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

CREATE OR REPLACE FUNCTION _attendee_candidates(p_org uuid, p_how text, p_q text, p_limit integer)
RETURNS TABLE (id uuid, score real, matched text)
-- ROWS: a page of people, so the people are read back by their key, not by a scan
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, pg_temp
SET pg_trgm.similarity_threshold = 0.3 SET pg_trgm.word_similarity_threshold = 0.5 AS $$
DECLARE
  v_like text := '%' || public._like_escape(p_q) || '%';
BEGIN
  -- EXECUTE: planned with the text typed, so a LIKE prefix can use its index (a cached
  -- generic plan could not)
  IF p_org IS NULL THEN
    RETURN;
  ELSIF p_how = 'phone' THEN
    RETURN QUERY EXECUTE
    $q$SELECT u.id, 1::real, 'phone'::text FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted
          AND pg_catalog.regexp_replace(u.phone, '[^0-9]', '', 'g') LIKE $2
        ORDER BY u.full_name LIMIT $3$q$ USING p_org, '%' || p_q || '%', p_limit;
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
               -- ---- e-mail: addresses containing the text (0008's logic) ----
               (SELECT u.id, 0.9::real, u.full_name, true
                  FROM public.users u
                 WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
                   AND pg_catalog.lower(u.email) LIKE $3
                 ORDER BY u.full_name LIMIT $4)
               -- ---- end of e-mail ----
              ) c
        GROUP BY c.id, c.full_name
        ORDER BY 2 DESC, c.full_name LIMIT $4$q$ USING p_org, p_q, v_like, p_limit;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION _log_lookup(p_kind text, p_query text, p_user uuid, p_order uuid, p_results integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.person_lookups (organization_id, kind, query, user_id, order_id, results)
  VALUES (public.current_org_id(), p_kind, pg_catalog.left(p_query, 200), p_user, p_order, p_results);
END $$;

CREATE OR REPLACE FUNCTION _customer(p_org uuid, p_name text, p_email text, p_phone text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id uuid;
  v_email text := pg_catalog.lower(NULLIF(pg_catalog.btrim(p_email), ''));
BEGIN
  IF v_email IS NOT NULL THEN
    SELECT u.id INTO v_id FROM public.users u
     WHERE u.organization_id = p_org AND pg_catalog.lower(u.email) = v_email AND NOT u.deleted
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

DROP TRIGGER users_seal_contact ON users;
ALTER TABLE users DROP CONSTRAINT users_contact_sealed;
ALTER TABLE users DISABLE TRIGGER users_audit, DISABLE TRIGGER users_touch;
UPDATE users SET email = _contact_open(email_sealed, _contact_key()),
                 phone = _contact_open(phone_sealed, _contact_key())
 WHERE email_sealed IS NOT NULL OR phone_sealed IS NOT NULL;
ALTER TABLE users ENABLE TRIGGER users_audit, ENABLE TRIGGER users_touch;
ALTER TABLE users ADD CONSTRAINT users_email_check
    CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+$');

ALTER TABLE person_lookups DISABLE TRIGGER person_lookups_append_only;
UPDATE person_lookups SET query = _contact_open(query_sealed, _contact_key()) WHERE query_sealed IS NOT NULL;
ALTER TABLE person_lookups ENABLE TRIGGER person_lookups_append_only;
ALTER TABLE person_lookups DROP COLUMN query_sealed;

DROP INDEX idx_users_email_hash;
DROP INDEX idx_users_email_grams;
DROP INDEX idx_users_phone_grams;
ALTER TABLE users
    DROP COLUMN email_sealed, DROP COLUMN email_hash, DROP COLUMN email_grams,
    DROP COLUMN phone_sealed, DROP COLUMN phone_hash, DROP COLUMN phone_grams;
SET LOCAL ROLE boxoffice_owner;
CREATE INDEX idx_users_email_trgm ON users USING gin (lower(email) gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX idx_users_phone_trgm ON users USING gin (regexp_replace(phone, '[^0-9]', '', 'g') gin_trgm_ops)
    WHERE NOT deleted;
RESET ROLE;

DROP FUNCTION users_seal_contact();
DROP FUNCTION _lookup_query_kind(text);
DROP FUNCTION _contact_grams(text, bytea);
DROP FUNCTION _contact_hash(text, bytea);
DROP FUNCTION _contact_open(bytea, bytea);
DROP FUNCTION _contact_seal(text, bytea);
DROP FUNCTION _contact_norm(text, text);
DROP FUNCTION _contact_subkey(bytea, text);
DROP FUNCTION _contact_key();
DROP TABLE contact_key_check;
REVOKE USAGE ON SCHEMA public, ext FROM boxoffice_keyholder;
REVOKE EXECUTE ON FUNCTION ext.hmac(bytea, bytea, text) FROM boxoffice_keyholder;
REVOKE EXECUTE ON FUNCTION ext.hmac(bytea, bytea, text), ext.pgp_sym_encrypt(text, text, text),
       ext.pgp_sym_decrypt(bytea, text) FROM boxoffice_owner, boxoffice_api, boxoffice_report;
-- The role is the cluster's (other databases may use it); this database's grant goes.
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) FROM boxoffice_keyholder;
