-- The spec's critical query 1 (spec/database-design-rules.md "Critical Queries"), verbatim.
-- pgbench fills in its two variables; run.sh numbers them $1, $2 for the C client.
SELECT 
    s.id,
    s.row_label,
    s.number_label,
    s.x_position,
    s.y_position,
    s.is_accessible
FROM seats s
WHERE s.section_id = :sectionId
  AND s.deleted = false
  AND NOT EXISTS (
      SELECT 1 
      FROM tickets t 
      WHERE t.seat_id = s.id 
        AND t.event_id = :eventId 
        AND t.status IN ('VALID', 'USED')
  )
ORDER BY s.row_label, s.number_label;
