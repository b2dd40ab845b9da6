-- The reference for search as you type: the statements find_attendees() runs, as one
-- plain statement, without the function, its staff check and its lookup record.
-- $1 is what has been typed so far, $2 the organisation (explicit, for a login that
-- bypasses row-level security; under RLS it repeats the policy). Each branch is
-- guarded by the function's own test of the text's shape; the guards depend on $1
-- only, so each plan keeps just the branch that applies. Needs the session settings
-- the function sets itself (pg_trgm.word_similarity_threshold = 0.5) and EXECUTE on
-- pg_trgm's functions. The scanned QR token (40 hex digits) is left out: nobody
-- types one.
WITH q AS NOT MATERIALIZED (
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
(SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, 'phone'::text, NULL::uuid, NULL::uuid, 1::real
   FROM shape, users u
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  WHERE shape.q <> '' AND ((shape.is_ref AND shape.all_digits) OR (NOT shape.is_ref AND shape.is_phone))
    AND u.organization_id = $2
    AND regexp_replace(u.phone, '[^0-9]', '', 'g') LIKE '%' || shape.digits || '%' AND NOT u.deleted
  ORDER BY s.last_at DESC NULLS LAST, u.full_name LIMIT 20)
UNION ALL
(SELECT u.id, u.full_name, u.email, u.phone, 1::bigint, o.created_at, 'order'::text, o.id, NULL::uuid, 1::real
   FROM shape, orders o JOIN users u ON u.id = o.user_id
  WHERE shape.q <> '' AND shape.is_ref
    AND o.organization_id = $2
    AND o.id BETWEEN rpad(shape.hex, 32, '0')::uuid AND rpad(shape.hex, 32, 'f')::uuid AND NOT o.deleted
  ORDER BY o.created_at DESC LIMIT 20)
UNION ALL
(SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, 'name'::text, NULL::uuid, NULL::uuid, 1::real
   FROM shape, users u
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND shape.is_short
    AND u.organization_id = $2 AND lower(u.full_name) LIKE shape.likeq || '%'
    AND NOT u.deleted AND NOT u.is_walk_up
  ORDER BY lower(u.full_name) LIMIT 20)
UNION ALL
(WITH m AS (
   SELECT u.id, GREATEST(word_similarity(shape.lq, lower(u.full_name)),
                         CASE WHEN lower(u.email) LIKE '%' || shape.likeq || '%' THEN 0.9 ELSE 0 END)::real AS score,
          CASE WHEN lower(u.email) LIKE '%' || shape.likeq || '%' THEN 'email' ELSE 'name' END AS matched
     FROM shape, users u
    WHERE shape.q <> '' AND NOT shape.is_ref AND NOT shape.is_phone AND NOT shape.is_short
      AND u.organization_id = $2 AND NOT u.deleted AND NOT u.is_walk_up
      AND (shape.lq <% u.full_name OR u.full_name % shape.lq
           OR lower(u.email) LIKE '%' || shape.likeq || '%')
    ORDER BY 2 DESC, u.full_name LIMIT 20
 )
 SELECT u.id, u.full_name, u.email, u.phone, s.n, s.last_at, m.matched, NULL::uuid, NULL::uuid, m.score
   FROM m JOIN users u ON u.id = m.id
   LEFT JOIN LATERAL (SELECT count(*) AS n, max(o.created_at) AS last_at FROM orders o
                       WHERE o.user_id = u.id) s ON true
  ORDER BY m.score DESC, u.full_name);
