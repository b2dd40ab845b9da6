-- The reference for search as you type: the statements find_attendees() runs, as one
-- plain statement, without the function, its staff check and its lookup record. Names
-- (0011): one statement cannot stop between _name_candidates()' passes, so it scores every
-- trigram candidate and keeps the passes' order (tier, then score): the same rows, at
-- 0008's cost.
-- $1 is what has been typed so far, $2 the organisation (explicit, for a login that
-- bypasses row-level security; under RLS it repeats the policy). Each branch is
-- guarded by the function's own test of the text's shape; the guards depend on $1
-- only, so each plan keeps just the branch that applies. Needs the session settings
-- the function sets itself (pg_trgm.word_similarity_threshold = 0.5) and EXECUTE on
-- pg_trgm's functions. The scanned QR token (40 hex digits) is left out: nobody
-- types one. E-mails and phones are sealed (0014): found by their blind index, a page of
-- candidates decrypted and checked, as the function does (EXECUTE on the _contact_*
-- functions, granted to the bench's login only).
WITH k AS MATERIALIZED (SELECT _contact_key() AS k
), q AS NOT MATERIALIZED (
  SELECT btrim($1) AS q, lower(btrim($1)) AS lq, replace(lower(btrim($1)), '-', '') AS hex,
         regexp_replace($1, '[^0-9]', '', 'g') AS digits,
         replace(replace(replace(lower(btrim($1)), '\', '\\'), '%', '\%'), '_', '\_') AS likeq
), shape AS NOT MATERIALIZED (
  SELECT q.*,
         hex ~ '^[0-9a-f]{4,32}$' AND hex ~ '[0-9]' AND q !~ '[^0-9A-Fa-f-]'
           AND (q ~ '[A-Fa-f-]' OR length(digits) >= 4) AS is_ref,
         q ~ '^[0-9]+$' AS all_digits,
         length(digits) >= 4 AND q !~ '[^0-9 +()./-]' AS is_phone,
         length(q) < 3 AS is_short
    FROM q
)
(SELECT u.id, u.full_name, _contact_open(u.email_sealed, (SELECT k FROM k)), _contact_open(u.phone_sealed, (SELECT k FROM k)), s.n, s.last_at, 'phone'::text, NULL::uuid, NULL::uuid, 1::real
   FROM shape, (SELECT c.id, c.phone_sealed FROM shape, users c
                 WHERE shape.q <> '' AND ((shape.is_ref AND shape.all_digits) OR (NOT shape.is_ref AND shape.is_phone))
                   AND c.organization_id = $2 AND NOT c.deleted
                   AND c.phone_grams @> _contact_grams(shape.digits, (SELECT k FROM k))
                 LIMIT 500) c
   JOIN users u ON u.id = c.id
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  WHERE _contact_norm('phone', _contact_open(c.phone_sealed, (SELECT k FROM k))) LIKE '%' || shape.digits || '%'
  ORDER BY u.full_name LIMIT 20)
UNION ALL
(SELECT u.id, u.full_name, _contact_open(u.email_sealed, (SELECT k FROM k)), _contact_open(u.phone_sealed, (SELECT k FROM k)), 1::bigint, o.created_at, 'order'::text, o.id, NULL::uuid, 1::real
   FROM shape, orders o JOIN users u ON u.id = o.user_id
  WHERE shape.q <> '' AND shape.is_ref
    AND o.organization_id = $2
    AND o.id BETWEEN rpad(shape.hex, 32, '0')::uuid AND rpad(shape.hex, 32, 'f')::uuid AND NOT o.deleted
  ORDER BY o.created_at DESC LIMIT 20)
UNION ALL
(SELECT u.id, u.full_name, _contact_open(u.email_sealed, (SELECT k FROM k)), _contact_open(u.phone_sealed, (SELECT k FROM k)), s.n, s.last_at, 'name'::text, NULL::uuid, NULL::uuid, 1::real
   FROM shape, users u
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND shape.is_short
    AND u.organization_id = $2 AND lower(u.full_name) LIKE shape.likeq || '%'
    AND NOT u.deleted AND NOT u.is_walk_up
  ORDER BY lower(u.full_name) LIMIT 20)
UNION ALL
(WITH pre AS (  -- names starting with the text (sql/migrations/0011, _name_candidates)
   SELECT u.id, 1::real AS score, u.full_name
     FROM shape, users u
    WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND NOT shape.is_short
      AND strpos(shape.lq, '@') = 0
      AND u.organization_id = $2 AND lower(u.full_name) LIKE shape.likeq || '%'
      AND NOT u.deleted AND NOT u.is_walk_up
    ORDER BY lower(u.full_name) LIMIT 20
 ), sim AS (  -- then the others by word similarity, in tiers (the function's passes)
   SELECT u.id, u.full_name, (0.99 * word_similarity(shape.lq, u.full_name)
                              + 0.01 * similarity(shape.lq, u.full_name))::real AS score,
          CASE WHEN word_similarity(shape.lq, u.full_name) >= 0.75 THEN 1
               WHEN word_similarity(shape.lq, u.full_name) >= 0.6 THEN 2
               WHEN word_similarity(shape.lq, u.full_name) >= 0.5 THEN 3 ELSE 4 END AS tier
     FROM shape, users u
    WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND NOT shape.is_short
      AND strpos(shape.lq, '@') = 0 AND (SELECT count(*) FROM pre) < 20
      AND u.organization_id = $2 AND NOT u.deleted AND NOT u.is_walk_up
      AND (shape.lq <% u.full_name OR u.full_name % shape.lq)
      AND lower(u.full_name) NOT LIKE shape.likeq || '%'
    ORDER BY tier, score DESC, u.full_name LIMIT 20
 ), names AS (
   SELECT pre.id, pre.score, pre.full_name, false AS by_email FROM pre
   UNION ALL
   (SELECT sim.id, sim.score, sim.full_name, false FROM sim
     ORDER BY sim.tier, sim.score DESC, sim.full_name LIMIT 20 - (SELECT count(*) FROM pre))
 ), m AS (
   SELECT c.id, max(c.score) AS score, CASE WHEN bool_or(c.by_email) THEN 'email' ELSE 'name' END AS matched
     FROM (SELECT * FROM names
           UNION ALL
           (SELECT e.id, 0.9::real, e.full_name, true
              FROM shape, (SELECT u.id, u.full_name, u.email_sealed FROM shape, users u
                            WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND NOT shape.is_short
                              AND u.organization_id = $2 AND NOT u.deleted AND NOT u.is_walk_up
                              AND u.email_grams @> _contact_grams(shape.lq, (SELECT k FROM k))
                            LIMIT 200) e
             WHERE lower(_contact_open(e.email_sealed, (SELECT k FROM k))) LIKE '%' || shape.likeq || '%'
             ORDER BY e.full_name LIMIT 20)) c
    GROUP BY c.id, c.full_name
    ORDER BY 2 DESC, c.full_name LIMIT 20
 )
 SELECT u.id, u.full_name, _contact_open(u.email_sealed, (SELECT k FROM k)), _contact_open(u.phone_sealed, (SELECT k FROM k)), s.n, s.last_at, m.matched, NULL::uuid, NULL::uuid, m.score
   FROM m JOIN users u ON u.id = m.id
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  ORDER BY m.score DESC, u.full_name);
