-- Undo 0011: back to 0008's search (its _attendee_candidates and GIN index on names).
SET LOCAL search_path = public, ext;

REVOKE EXECUTE ON FUNCTION ext.similarity(text, text), ext.word_similarity_dist_commutator_op(text, text),
       ext.word_similarity_commutator_op(text, text) FROM boxoffice_report;

-- 0008's, verbatim
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
    RETURN QUERY EXECUTE
    $q$SELECT u.id,
              GREATEST(ext.word_similarity($2, pg_catalog.lower(u.full_name)),
                       CASE WHEN pg_catalog.lower(u.email) LIKE $3 THEN 0.9 ELSE 0 END)::real,
              CASE WHEN pg_catalog.lower(u.email) LIKE $3 THEN 'email' ELSE 'name' END
         FROM public.users u
        WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
          AND ($2 OPERATOR(ext.<%) u.full_name
               OR u.full_name OPERATOR(ext.%) $2
               OR pg_catalog.lower(u.email) LIKE $3)
        ORDER BY 2 DESC, u.full_name LIMIT $4$q$ USING p_org, p_q, v_like, p_limit;
  END IF;
END $$;
DROP FUNCTION _name_candidates(uuid, text, integer);

