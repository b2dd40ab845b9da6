DROP TRIGGER IF EXISTS event_seats_notify ON event_seats;
DROP TRIGGER IF EXISTS event_sections_notify ON event_sections;
DROP FUNCTION IF EXISTS notify_event_change();
