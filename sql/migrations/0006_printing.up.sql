-- 0006 printing: what was printed where, reprints that kill the old code, and the
-- data a ticket layout needs. The database never holds a token: a ticket printed
-- long after its sale is printed with a new token (reprint), so only the latest
-- printout can get anyone in.
SET LOCAL search_path = public, ext;
SET LOCAL ROLE boxoffice_owner;

-- One row per attempt to print a ticket: queued (job submitted), printed (the
-- printer finished the job), failed (with the reason in words).
CREATE TABLE ticket_prints (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    ticket_id       uuid NOT NULL,
    printer         text NOT NULL CHECK (length(printer) BETWEEN 1 AND 200),
    job_id          integer,
    status          text NOT NULL CHECK (status IN ('QUEUED', 'PRINTED', 'FAILED')),
    error           text CHECK (length(error) <= 500),
    is_reprint      boolean NOT NULL DEFAULT false,
    staff_login     name NOT NULL DEFAULT session_user,
    -- clock time: several attempts in one transaction must still come in order
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CHECK ((status = 'FAILED') = (error IS NOT NULL)),
    FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id)
);
CREATE INDEX idx_ticket_prints_ticket ON ticket_prints (ticket_id, created_at DESC);
CREATE TRIGGER ticket_prints_touch BEFORE UPDATE ON ticket_prints
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- the reason travels in the row, so the audit trigger records it with the change
ALTER TABLE tickets ADD COLUMN reprints integer NOT NULL DEFAULT 0 CHECK (reprints >= 0),
                    ADD COLUMN reprint_reason text CHECK (length(reprint_reason) <= 500);
RESET ROLE;

ALTER TABLE ticket_prints ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_prints FORCE ROW LEVEL SECURITY;
CREATE POLICY ticket_prints_org ON ticket_prints USING (organization_id = (SELECT current_org_id()))
    WITH CHECK (organization_id = (SELECT current_org_id()));
CREATE TRIGGER ticket_prints_audit AFTER INSERT OR UPDATE OR DELETE ON ticket_prints
    FOR EACH ROW EXECUTE FUNCTION audit_row();
GRANT SELECT ON ticket_prints TO boxoffice_staff;
GRANT SELECT, INSERT, UPDATE ON ticket_prints TO boxoffice_api;
GRANT UPDATE (qr_code_hash, reprints, reprint_reason) ON tickets TO boxoffice_api;
-- the price is printed on the ticket, so the help desk that reprints may read it
GRANT SELECT (reprints, price_snapshot) ON tickets TO boxoffice_helpdesk;

-- Everything a layout can print about tickets, by ticket id (invoker: the
-- caller's RLS applies). start_time as epoch seconds so the client formats it.
CREATE FUNCTION ticket_print_data(p_ticket_ids uuid[])
RETURNS TABLE (ticket_id uuid, order_id uuid, status text, event_title text, start_epoch bigint,
               venue_name text, section_name text, general boolean, row_label text,
               number_label text, tier_name text, price text, customer text, is_walk_up boolean)
LANGUAGE sql STABLE AS $$
  SELECT t.id, t.order_id, t.status, e.title, floor(extract(epoch FROM e.start_time))::bigint,
         v.name, sec.name, sec.type = 'GENERAL', s.row_label::text, s.number_label::text,
         tt.name, t.price_snapshot::text, u.full_name, u.is_walk_up
    FROM public.tickets t
    JOIN public.events e ON e.id = t.event_id
    JOIN public.venues v ON v.id = e.venue_id
    JOIN public.ticket_tiers tt ON tt.id = t.ticket_tier_id
    JOIN public.sections sec ON sec.id = tt.section_id
    JOIN public.orders o ON o.id = t.order_id
    JOIN public.users u ON u.id = o.user_id
    LEFT JOIN public.seats s ON s.id = t.seat_id
   WHERE t.id = ANY (p_ticket_ids)
   ORDER BY sec.sort_order, s.row_label, s.number_label, t.id
$$;

-- A new token for each ticket; the old printout stops validating in the same
-- transaction. Only live (VALID) tickets; the reason is kept in the row and so in
-- the audit log.
CREATE FUNCTION reprint_tickets(p_ticket_ids uuid[], p_reason text)
RETURNS TABLE (ticket_id uuid, token text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '2s' AS $$
DECLARE
  v_id uuid;
  v_status text;
  v_token text;
BEGIN
  PERFORM public._require_staff();
  IF p_ticket_ids IS NULL OR pg_catalog.cardinality(p_ticket_ids) = 0 THEN
    RAISE EXCEPTION 'no tickets given to reprint' USING ERRCODE = 'BO008';
  END IF;
  IF NULLIF(pg_catalog.btrim(p_reason), '') IS NULL THEN
    RAISE EXCEPTION 'say why the ticket is printed again' USING ERRCODE = 'BO008';
  END IF;
  FOR v_id IN SELECT DISTINCT x FROM pg_catalog.unnest(p_ticket_ids) x ORDER BY 1 LOOP
    SELECT t.status INTO v_status FROM public.tickets t WHERE t.id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ticket % not found', v_id USING ERRCODE = 'BO001';
    END IF;
    IF v_status <> 'VALID' THEN
      RAISE EXCEPTION 'ticket % is % and is not printed again', v_id, pg_catalog.lower(v_status)
        USING ERRCODE = 'BO006';
    END IF;
    v_token := public._new_token();
    UPDATE public.tickets t SET qr_code_hash = public._token_hash(v_token), reprints = t.reprints + 1,
           reprint_reason = pg_catalog.left(pg_catalog.btrim(p_reason), 500)
     WHERE t.id = v_id;
    ticket_id := v_id; token := v_token;
    RETURN NEXT;
  END LOOP;
END $$;

-- What happened to a print job, per ticket.
CREATE FUNCTION record_prints(p_ticket_ids uuid[], p_printer text, p_job_id integer,
                              p_status text, p_error text DEFAULT NULL,
                              p_reprint boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_org uuid := public._require_staff();
  v_n integer;
BEGIN
  IF p_status NOT IN ('QUEUED', 'PRINTED', 'FAILED') THEN
    RAISE EXCEPTION 'print status must be QUEUED, PRINTED or FAILED' USING ERRCODE = 'BO008';
  END IF;
  INSERT INTO public.ticket_prints (organization_id, ticket_id, printer, job_id, status, error,
                                    is_reprint)
  SELECT v_org, t.id, p_printer, p_job_id, p_status,
         CASE WHEN p_status = 'FAILED' THEN COALESCE(NULLIF(pg_catalog.left(p_error, 500), ''), 'unknown error') END,
         p_reprint
    FROM public.tickets t WHERE t.id = ANY (p_ticket_ids);
  GET DIAGNOSTICS v_n = ROW_COUNT;
  IF v_n <> (SELECT count(DISTINCT x) FROM pg_catalog.unnest(p_ticket_ids) x) THEN
    RAISE EXCEPTION 'some tickets were not found' USING ERRCODE = 'BO001';
  END IF;
  RETURN v_n;
END $$;

-- Valid tickets whose latest print attempt did not finish (or that were never
-- printed), newest sale first: the list survives a restart of any terminal.
CREATE VIEW unprinted_tickets WITH (security_invoker = true) AS
SELECT t.id AS ticket_id, t.order_id, t.event_id, t.created_at,
       p.status AS last_status, p.error AS last_error, p.printer AS last_printer,
       p.created_at AS last_attempt
  FROM tickets t
  LEFT JOIN LATERAL (SELECT tp.status, tp.error, tp.printer, tp.created_at
                       FROM ticket_prints tp WHERE tp.ticket_id = t.id
                      ORDER BY tp.created_at DESC, tp.id DESC LIMIT 1) p ON true
 WHERE t.status = 'VALID' AND (p.status IS NULL OR p.status <> 'PRINTED');
GRANT SELECT ON unprinted_tickets TO boxoffice_staff;

ALTER FUNCTION reprint_tickets(uuid[], text) OWNER TO boxoffice_api;
ALTER FUNCTION record_prints(uuid[], text, integer, text, text, boolean) OWNER TO boxoffice_api;
ALTER FUNCTION ticket_print_data(uuid[]) OWNER TO boxoffice_owner;
REVOKE ALL ON FUNCTION reprint_tickets(uuid[], text), record_prints(uuid[], text, integer, text, text, boolean),
       ticket_print_data(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reprint_tickets(uuid[], text), record_prints(uuid[], text, integer, text, text, boolean),
      ticket_print_data(uuid[]) TO boxoffice_staff;
