-- The terminal's seat-map read for the whole venue.
SELECT * FROM event_seat_map(:eventId, NULL);
