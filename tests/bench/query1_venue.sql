-- The spec's query 1 over a whole venue, for comparison with the whole-venue seat map:
-- verbatim but for the section filter, which takes every section of the venue.
SELECT 
    s.id,
    s.row_label,
    s.number_label,
    s.x_position,
    s.y_position,
    s.is_accessible
FROM seats s
WHERE s.section_id IN (SELECT v.id FROM sections v WHERE v.venue_id = :venueId AND v.deleted = false)
  AND s.deleted = false
  AND NOT EXISTS (
      SELECT 1 
      FROM tickets t 
      WHERE t.seat_id = s.id 
        AND t.event_id = :eventId 
        AND t.status IN ('VALID', 'USED')
  )
ORDER BY s.row_label, s.number_label;
