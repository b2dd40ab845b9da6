-- 0005 live: every change of an event's seats or GA counters is announced on the
-- channel boxoffice_event, payload the event id and nothing else (NOTIFY has no
-- access control: a listener of another organisation learns only that some id
-- changed, and re-reads under its own row-level security, which shows it nothing).
-- Statement-level with transition tables: one NOTIFY per event per statement, and
-- PostgreSQL folds duplicates within a transaction, so a 4-seat hold sends one.
CREATE FUNCTION notify_event_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE v_event uuid;
BEGIN
  FOR v_event IN SELECT DISTINCT c.event_id FROM changed c LOOP
    PERFORM pg_catalog.pg_notify('boxoffice_event', v_event::text);
  END LOOP;
  RETURN NULL;
END $$;
ALTER FUNCTION notify_event_change() OWNER TO boxoffice_owner;
REVOKE ALL ON FUNCTION notify_event_change() FROM PUBLIC;

CREATE TRIGGER event_seats_notify AFTER UPDATE ON event_seats
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_event_change();
CREATE TRIGGER event_sections_notify AFTER UPDATE ON event_sections
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_event_change();
