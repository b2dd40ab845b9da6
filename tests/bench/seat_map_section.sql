-- The terminal's seat-map read for one section (sql/migrations/0003, event_seat_map).
SELECT * FROM event_seat_map(:eventId, :sectionId);
