-- 0011 search speed: search as you type under 20 ms at 100,000 attendees.
-- 0008 scored every trigram candidate of a name: three to five letters ("Mar", "Marg")
-- or two common words ("james smith") are candidates for ten thousand people, each
-- scored and sorted at every keystroke (40-46 ms). Names are now ranked by their own
-- function, _name_candidates(), in steps that stop as soon as a page is full:
--   1. names starting with what was typed, alphabetical (the btree prefix index of
--      0008), as for one or two letters: while a name is typed, it is what people want;
--   2. if fewer than a page start with it: passes of falling word-similarity thresholds
--      (0008's GIN index), the closest names first. A GiST index read nearest first
--      (KNN) was measured too: 13-23 ms a keystroke whatever the text; not kept.
-- The e-mail part of the search is a query of its own (0014 rewrites it), its logic
-- unchanged. Same rules as 0008: the candidates are found by boxoffice_report outside
-- row-level security on the caller's organisation, and read back under RLS.
SET LOCAL search_path = public, ext;

-- The best p_limit names of organisation p_org for p_q (lower case, trimmed), best first,
-- each with a score in (0, 1]: 1 for a name starting with p_q. Candidates as in 0008 (a
-- word similar to the text: word_similarity >= 0.5, or the whole name: similarity >= 0.3).
CREATE FUNCTION _name_candidates(p_org uuid, p_q text, p_limit integer)
RETURNS TABLE (id uuid, score real, full_name text)
LANGUAGE plpgsql STABLE ROWS 20 SET search_path = pg_catalog, pg_temp
SET pg_trgm.similarity_threshold = 0.3 SET pg_trgm.word_similarity_threshold = 0.5 AS $$
DECLARE
  v_prefix text := public._like_escape(p_q) || '%';
  v_need integer := p_limit;
  v_n integer;
  v_above real := 2;
  v_t real;
BEGIN
  IF pg_catalog.strpos(p_q, '@') > 0 THEN
    RETURN;  -- an e-mail address, not a name
  END IF;
  -- EXECUTE: planned with the text typed, so the LIKE prefix uses its index
  RETURN QUERY EXECUTE
  $q$SELECT u.id, 1::real, u.full_name FROM public.users u
      WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
        AND pg_catalog.lower(u.full_name) LIKE $2
      ORDER BY pg_catalog.lower(u.full_name) USING OPERATOR(pg_catalog.~<~) LIMIT $3$q$
  USING p_org, v_prefix, p_limit;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_need := v_need - v_n;
  -- Every name starting with p_q is listed: the rest by similarity, closest words first.
  -- Each pass reads the names whose word similarity is at least its threshold and below
  -- the previous one's (those were all listed), at most 1,000 of them, and the first
  -- pass that fills the page ends the search: the common words of a name typed in full
  -- ("Margaret", "O'Sullivan") match thousands at the lower thresholds, which are read
  -- only when the closer names are too few. The last pass (threshold 0) is 0008's other
  -- way in: the whole name similar (similarity >= 0.3). Ranked as in 0008 by word
  -- similarity ("Chris Wojciechowski": the surname spelled right beats "Christopher
  -- Wojciechowska"), the whole name's similarity breaking ties.
  FOREACH v_t IN ARRAY ARRAY[0.75, 0.6, 0.5, 0]::real[] LOOP
    EXIT WHEN v_need <= 0;
    IF v_t > 0 THEN
      PERFORM pg_catalog.set_config('pg_trgm.word_similarity_threshold', v_t::text, true);
    END IF;
    -- the pass's index condition, written in (a parameter would hide it from the planner)
    RETURN QUERY EXECUTE pg_catalog.replace(
    $q$SELECT w.id, (0.99 * w.ws + 0.01 * ext.similarity($2, w.full_name))::real, w.full_name
         FROM (SELECT u.id, u.full_name, ext.word_similarity($2, u.full_name) AS ws
                 FROM public.users u
                WHERE u.organization_id = $1 AND NOT u.deleted AND NOT u.is_walk_up
                  AND #similar#
                  AND ext.word_similarity($2, u.full_name) < $5
                  AND pg_catalog.lower(u.full_name) NOT LIKE $3
                LIMIT 1000) w
        ORDER BY 2 DESC, w.full_name LIMIT $4$q$, '#similar#',
      CASE WHEN v_t > 0 THEN '$2 OPERATOR(ext.<%) u.full_name' ELSE 'u.full_name OPERATOR(ext.%) $2' END)
    USING p_org, p_q, v_prefix, v_need, v_above;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_need := v_need - v_n;
    v_above := v_t;
  END LOOP;
END $$;
ALTER FUNCTION _name_candidates(uuid, text, integer) OWNER TO boxoffice_report;
REVOKE ALL ON FUNCTION _name_candidates(uuid, text, integer) FROM PUBLIC;

-- As 0008's (same signature, owner and grants); the fuzzy branch is now the names of
-- _name_candidates() and, apart, the e-mails containing the text.
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

GRANT EXECUTE ON FUNCTION ext.similarity(text, text), ext.word_similarity_dist_commutator_op(text, text),
      ext.word_similarity_commutator_op(text, text) TO boxoffice_report;
