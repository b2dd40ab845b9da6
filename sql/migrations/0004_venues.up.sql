-- 0004 venues: what a seating plan brings besides seats — categories (offered as
-- tier names), decorations drawn on the seat map (the stage tells where "front" is) —
-- and the functions that import, export and describe venues in the native format.
SET LOCAL search_path = public, ext;
SET LOCAL ROLE boxoffice_owner;

ALTER TABLE venues ADD COLUMN width numeric(10, 2), ADD COLUMN height numeric(10, 2);

CREATE TABLE venue_categories (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    venue_id        uuid NOT NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    color           text CHECK (color ~ '^#[0-9A-Fa-f]{3,8}$'),
    sort_order      integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (venue_id, name),
    FOREIGN KEY (organization_id, venue_id) REFERENCES venues (organization_id, id)
);

-- Geometry stays as the plan gave it (x, y, width, height, radius, rx, ry, rotation,
-- points): the seat map draws it, nothing queries inside it.
CREATE TABLE venue_decorations (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    venue_id        uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('stage', 'shape', 'text')),
    shape           text CHECK (shape IN ('rectangle', 'circle', 'ellipse', 'polygon')),
    geometry        jsonb NOT NULL CHECK (jsonb_typeof(geometry) = 'object'),
    label           text CHECK (length(label) <= 200),
    color           text CHECK (color ~ '^#[0-9A-Fa-f]{3,8}$'),
    sort_order      integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    -- a stage may be a shape or only its label: either way it tells where the front is
    CHECK ((kind = 'text' AND shape IS NULL) OR (kind = 'shape' AND shape IS NOT NULL)
           OR (kind = 'stage' AND (shape IS NOT NULL OR label IS NOT NULL))),
    FOREIGN KEY (organization_id, venue_id) REFERENCES venues (organization_id, id)
);
CREATE INDEX idx_venue_decorations_venue ON venue_decorations (venue_id, sort_order);
CREATE INDEX idx_venue_categories_venue ON venue_categories (venue_id, sort_order);

ALTER TABLE seats ADD COLUMN category_id uuid,
  ADD FOREIGN KEY (organization_id, category_id) REFERENCES venue_categories (organization_id, id);

CREATE TRIGGER venue_categories_touch BEFORE UPDATE ON venue_categories
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER venue_decorations_touch BEFORE UPDATE ON venue_decorations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
RESET ROLE;

DO $rls$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['venue_categories', 'venue_decorations'] LOOP
    EXECUTE pg_catalog.format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY %I ON %I USING (organization_id = (SELECT current_org_id())) '
      'WITH CHECK (organization_id = (SELECT current_org_id()))', t || '_org', t);
    EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                              'FOR EACH ROW EXECUTE FUNCTION audit_row()', t || '_audit', t);
    EXECUTE pg_catalog.format('GRANT SELECT ON %I TO boxoffice_staff', t);
    EXECUTE pg_catalog.format('GRANT SELECT, INSERT ON %I TO boxoffice_api', t);
  END LOOP;
END
$rls$;
GRANT INSERT ON venues, sections, seats TO boxoffice_api;
GRANT UPDATE (capacity) ON sections TO boxoffice_api;

-- A venue import creates thousands of seats at once (80,000 for a stadium): the
-- venue's own audit row records the import with its counts; seats are audited when
-- they change afterwards, not one row each at creation.
DROP TRIGGER seats_audit ON seats;
CREATE TRIGGER seats_audit AFTER UPDATE OR DELETE ON seats
    FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Imports a venue in the native format (README "Venues: the native format") into the
-- caller's organisation: all of it, or — on any refusal — nothing.
CREATE FUNCTION import_venue(p_doc jsonb)
RETURNS TABLE (venue_id uuid, sections integer, seats integer, ga_capacity integer,
               decorations integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_venue uuid := ext.uuid_generate_v4();
  v_name text := pg_catalog.btrim(p_doc ->> 'name');
  v_msg text;
BEGIN
  IF p_doc IS NULL OR pg_catalog.jsonb_typeof(p_doc) <> 'object'
     OR p_doc ->> 'format' IS DISTINCT FROM 'boxoffice-venue/1' THEN
    RAISE EXCEPTION 'not a venue in the native format (format "boxoffice-venue/1")' USING ERRCODE = 'BO008';
  END IF;
  IF NULLIF(v_name, '') IS NULL THEN
    RAISE EXCEPTION 'the venue needs a name' USING ERRCODE = 'BO008';
  END IF;
  IF EXISTS (SELECT 1 FROM public.venues v WHERE v.name = v_name) THEN
    RAISE EXCEPTION 'venue "%" already exists; import it under another name (--name) or use the existing one', v_name
      USING ERRCODE = 'BO009';
  END IF;
  IF pg_catalog.jsonb_typeof(p_doc -> 'sections') IS DISTINCT FROM 'array'
     OR pg_catalog.jsonb_array_length(p_doc -> 'sections') = 0 THEN
    RAISE EXCEPTION 'the venue needs at least one section' USING ERRCODE = 'BO008';
  END IF;
  BEGIN
    INSERT INTO public.venues (id, organization_id, name, address, width, height)
    VALUES (v_venue, v_org, v_name, NULLIF(pg_catalog.btrim(p_doc ->> 'address'), ''),
            (p_doc #>> '{size,width}')::numeric, (p_doc #>> '{size,height}')::numeric);

    INSERT INTO public.venue_categories (organization_id, venue_id, name, color, sort_order)
    SELECT v_org, v_venue, c.value ->> 'name', c.value ->> 'color', c.ordinality
      FROM pg_catalog.jsonb_array_elements(COALESCE(p_doc -> 'categories', '[]')) WITH ORDINALITY c;

    INSERT INTO public.sections (organization_id, venue_id, name, type, capacity, sort_order)
    SELECT v_org, v_venue, s.value ->> 'name', s.value ->> 'type',
           CASE WHEN s.value ->> 'type' = 'GENERAL' THEN (s.value ->> 'capacity')::integer ELSE 0 END,
           s.ordinality
      FROM pg_catalog.jsonb_array_elements(p_doc -> 'sections') WITH ORDINALITY s;

    INSERT INTO public.seats (organization_id, section_id, row_label, number_label, x_position,
                              y_position, is_accessible, category_id)
    SELECT v_org, sec.id, r.value ->> 'label', st.value ->> 'number',
           (st.value ->> 'x')::numeric(10, 2), (st.value ->> 'y')::numeric(10, 2),
           COALESCE((st.value ->> 'accessible')::boolean, false), cat.id
      FROM pg_catalog.jsonb_array_elements(p_doc -> 'sections') s
      JOIN public.sections sec ON sec.venue_id = v_venue AND sec.name = s.value ->> 'name'
     CROSS JOIN LATERAL pg_catalog.jsonb_array_elements(COALESCE(s.value -> 'rows', '[]')) r
     CROSS JOIN LATERAL pg_catalog.jsonb_array_elements(COALESCE(r.value -> 'seats', '[]')) st
      LEFT JOIN public.venue_categories cat
             ON cat.venue_id = v_venue AND cat.name = st.value ->> 'category';

    UPDATE public.sections sec SET capacity = n.seats
      FROM (SELECT st.section_id, count(*)::integer AS seats FROM public.seats st
              JOIN public.sections s2 ON s2.id = st.section_id
             WHERE s2.venue_id = v_venue GROUP BY st.section_id) n
     WHERE sec.id = n.section_id AND sec.type = 'NUMBERED';

    INSERT INTO public.venue_decorations (organization_id, venue_id, kind, shape, geometry, label,
                                          color, sort_order)
    SELECT v_org, v_venue, d.value ->> 'kind', d.value ->> 'shape',
           d.value - 'kind' - 'shape' - 'text' - 'color', d.value ->> 'text', d.value ->> 'color',
           d.ordinality
      FROM pg_catalog.jsonb_array_elements(COALESCE(p_doc -> 'decorations', '[]')) WITH ORDINALITY d;
  EXCEPTION
    WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS v_msg = PG_EXCEPTION_DETAIL;
      RAISE EXCEPTION 'two entries of the plan have the same label: %', v_msg USING ERRCODE = 'BO008';
    WHEN not_null_violation OR check_violation OR invalid_text_representation
         OR numeric_value_out_of_range OR invalid_parameter_value
         OR datatype_mismatch OR foreign_key_violation THEN
      GET STACKED DIAGNOSTICS v_msg = MESSAGE_TEXT;
      RAISE EXCEPTION 'the venue does not fit the native format: %', v_msg USING ERRCODE = 'BO008';
  END;

  RETURN QUERY
  SELECT v_venue,
         (SELECT count(*)::integer FROM public.sections s WHERE s.venue_id = v_venue),
         (SELECT count(*)::integer FROM public.seats st JOIN public.sections s ON s.id = st.section_id
           WHERE s.venue_id = v_venue),
         (SELECT COALESCE(sum(s.capacity), 0)::integer FROM public.sections s
           WHERE s.venue_id = v_venue AND s.type = 'GENERAL'),
         (SELECT count(*)::integer FROM public.venue_decorations d WHERE d.venue_id = v_venue);
END $$;

-- The native document of a venue. Key order is not kept by jsonb; the client writes
-- the file in the format's order. Invoker rights: the caller's RLS applies.
CREATE FUNCTION export_venue(p_venue_id uuid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'format', 'boxoffice-venue/1',
    'name', v.name,
    'address', v.address,
    'size', CASE WHEN v.width IS NOT NULL THEN
              pg_catalog.jsonb_build_object('width', v.width, 'height', v.height) END,
    'categories', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('name', c.name, 'color', c.color)
                                               ORDER BY c.sort_order, c.name)
                     FROM public.venue_categories c WHERE c.venue_id = v.id),
    'sections', (SELECT pg_catalog.jsonb_agg(
                   CASE s.type WHEN 'GENERAL' THEN
                     pg_catalog.jsonb_build_object('name', s.name, 'type', s.type, 'capacity', s.capacity)
                   ELSE pg_catalog.jsonb_build_object('name', s.name, 'type', s.type, 'rows',
                     (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('label', r.row_label, 'seats', r.seats)
                                                  ORDER BY r.row_label)
                        FROM (SELECT st.row_label,
                                     pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                       'number', st.number_label, 'x', st.x_position, 'y', st.y_position,
                                       'accessible', st.is_accessible, 'category', c.name)
                                       ORDER BY st.number_label) AS seats
                                FROM public.seats st
                                LEFT JOIN public.venue_categories c ON c.id = st.category_id
                               WHERE st.section_id = s.id AND NOT st.deleted
                               GROUP BY st.row_label) r))
                   END ORDER BY s.sort_order, s.name)
                   FROM public.sections s WHERE s.venue_id = v.id AND NOT s.deleted),
    'decorations', (SELECT pg_catalog.jsonb_agg(
                      pg_catalog.jsonb_build_object('kind', d.kind, 'shape', d.shape, 'text', d.label,
                                                    'color', d.color) || d.geometry
                      ORDER BY d.sort_order)
                      FROM public.venue_decorations d WHERE d.venue_id = v.id)))
    FROM public.venues v WHERE v.id = p_venue_id AND NOT v.deleted
$$;

CREATE FUNCTION venue_list()
RETURNS TABLE (venue_id uuid, name text, sections integer, seats integer, ga_capacity integer,
               min_x numeric, min_y numeric, max_x numeric, max_y numeric)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT v.id, v.name,
         (SELECT count(*)::integer FROM public.sections s WHERE s.venue_id = v.id AND NOT s.deleted),
         COALESCE(b.seats, 0), COALESCE((SELECT sum(s.capacity)::integer FROM public.sections s
                                          WHERE s.venue_id = v.id AND s.type = 'GENERAL' AND NOT s.deleted), 0),
         b.min_x, b.min_y, b.max_x, b.max_y
    FROM public.venues v
    LEFT JOIN LATERAL (SELECT count(*)::integer AS seats, min(st.x_position) AS min_x,
                              min(st.y_position) AS min_y, max(st.x_position) AS max_x,
                              max(st.y_position) AS max_y
                         FROM public.seats st JOIN public.sections s ON s.id = st.section_id
                        WHERE s.venue_id = v.id AND NOT st.deleted AND NOT s.deleted) b ON true
   WHERE NOT v.deleted
   ORDER BY v.name
$$;

CREATE FUNCTION venue_sections(p_venue_id uuid)
RETURNS TABLE (section_id uuid, name text, type text, capacity integer, seats integer,
               accessible integer, min_x numeric, min_y numeric, max_x numeric, max_y numeric,
               sort_order integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.id, s.name, s.type, s.capacity, count(st.id)::integer,
         (count(st.id) FILTER (WHERE st.is_accessible))::integer,
         min(st.x_position), min(st.y_position), max(st.x_position), max(st.y_position), s.sort_order
    FROM public.sections s
    LEFT JOIN public.seats st ON st.section_id = s.id AND NOT st.deleted
   WHERE s.venue_id = p_venue_id AND NOT s.deleted
   GROUP BY s.id
   ORDER BY s.sort_order, s.name
$$;

CREATE FUNCTION venue_resolve(p_key text) RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT v.id FROM public.venues v
   WHERE NOT v.deleted AND (v.id::text = pg_catalog.lower(p_key) OR v.name = p_key)
   ORDER BY (v.id::text = pg_catalog.lower(p_key)) DESC LIMIT 1
$$;

ALTER FUNCTION import_venue(jsonb) OWNER TO boxoffice_api;
ALTER FUNCTION export_venue(uuid) OWNER TO boxoffice_owner;
ALTER FUNCTION venue_list() OWNER TO boxoffice_owner;
ALTER FUNCTION venue_sections(uuid) OWNER TO boxoffice_owner;
ALTER FUNCTION venue_resolve(text) OWNER TO boxoffice_owner;
REVOKE ALL ON FUNCTION import_venue(jsonb), export_venue(uuid), venue_list(), venue_sections(uuid),
       venue_resolve(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION import_venue(jsonb) TO boxoffice_supervisor;
GRANT EXECUTE ON FUNCTION export_venue(uuid), venue_list(), venue_sections(uuid), venue_resolve(text)
      TO boxoffice_staff;
