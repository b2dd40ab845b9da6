DROP FUNCTION IF EXISTS import_venue(jsonb), export_venue(uuid), venue_list(), venue_sections(uuid),
  venue_resolve(text);
DROP TRIGGER IF EXISTS seats_audit ON seats;
CREATE TRIGGER seats_audit AFTER INSERT OR UPDATE OR DELETE ON seats
    FOR EACH ROW EXECUTE FUNCTION audit_row();
REVOKE INSERT ON venues, sections, seats FROM boxoffice_api;
REVOKE UPDATE (capacity) ON sections FROM boxoffice_api;
ALTER TABLE seats DROP COLUMN IF EXISTS category_id;
DROP TABLE IF EXISTS venue_decorations, venue_categories;
ALTER TABLE venues DROP COLUMN IF EXISTS width, DROP COLUMN IF EXISTS height;
