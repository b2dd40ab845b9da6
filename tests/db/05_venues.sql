-- Venue import and export in the native format: all or nothing, refusals with their
-- SQLSTATE, the document coming back as it went in, and only within the organisation.
BEGIN;
\i tests/db/fixture.sql
SELECT plan(24);
SELECT $json${
  "format": "boxoffice-venue/1",
  "name": "Little Hall",
  "address": "2 Side Street",
  "size": {"width": 300, "height": 200},
  "categories": [{"name": "Front", "color": "#ff0000"}, {"name": "Back", "color": "#0000ff"}],
  "sections": [
    {"name": "Stalls", "type": "NUMBERED", "rows": [
      {"label": "A", "seats": [
        {"number": "1", "x": 10.5, "y": 20, "accessible": true, "category": "Front"},
        {"number": "2", "x": 20.25, "y": 20, "accessible": false, "category": "Front"},
        {"number": "10", "x": 30, "y": 21, "accessible": false, "category": "Front"}]},
      {"label": "B", "seats": [
        {"number": "1", "x": 10, "y": 40, "accessible": false, "category": "Back"},
        {"number": "2", "x": 20, "y": 40, "accessible": false}]}]},
    {"name": "Standing", "type": "GENERAL", "capacity": 150},
    {"name": "Box", "type": "NUMBERED", "rows": [
      {"label": "1", "seats": [{"number": "1", "x": 200, "y": 5, "accessible": false}]}]}],
  "decorations": [
    {"kind": "stage", "shape": "rectangle", "x": 0, "y": 0, "width": 100, "height": 10, "rotation": 0, "text": "STAGE", "color": "#333333"},
    {"kind": "shape", "shape": "polygon", "points": [[0, 50], [10, 60], [0, 70]]},
    {"kind": "text", "x": 150, "y": 190, "text": "Bar"}]
}$json$ AS doc \gset

SET SESSION AUTHORIZATION t_super_a;
SELECT results_eq(format('SELECT sections, seats, ga_capacity, decorations FROM import_venue(%L)', :'doc'),
  $$ VALUES (3, 6, 150, 3) $$, 'import_venue creates 3 sections, 6 seats, 150 standing, 3 decorations');
SELECT venue_resolve('Little Hall') AS hall \gset
SELECT ok(venue_resolve('Little Hall') IS NOT NULL, 'venue_resolve finds the venue by name');
SELECT is(venue_resolve(:'hall'), :'hall'::uuid, '… and by id');
SELECT is(export_venue(:'hall'), :'doc'::jsonb, 'export_venue gives back the document that was imported');
SELECT results_eq($$ SELECT (row_label || number_label || ':' || x_position || ',' || y_position || ':' || is_accessible || ':' || coalesce(c.name, '-')) COLLATE "default"
                       FROM seats s LEFT JOIN venue_categories c ON c.id = s.category_id
                       JOIN sections sec ON sec.id = s.section_id
                      WHERE sec.name = 'Stalls' AND sec.venue_id = venue_resolve('Little Hall')
                      ORDER BY row_label, number_label $$,
  $$ VALUES ('A1:10.50,20.00:true:Front'), ('A2:20.25,20.00:false:Front'), ('A10:30.00,21.00:false:Front'),
            ('B1:10.00,40.00:false:Back'), ('B2:20.00,40.00:false:-') $$,
  'seats keep their labels, positions, accessibility and category');
SELECT results_eq(format('SELECT name, type, capacity, seats, accessible, min_x, max_y FROM venue_sections(%L)', :'hall'),
  $$ VALUES ('Stalls', 'NUMBERED', 5, 5, 1, 10.00, 40.00), ('Standing', 'GENERAL', 150, 0, 0, NULL, NULL),
            ('Box', 'NUMBERED', 1, 1, 0, 200.00, 5.00) $$,
  'venue_sections: order of the file, capacities, seat counts, bounding boxes');
SELECT results_eq($$ SELECT name, sections, seats, ga_capacity, min_x, min_y, max_x, max_y FROM venue_list() WHERE name = 'Little Hall' $$,
  $$ VALUES ('Little Hall', 3, 6, 150, 10.00, 5.00, 200.00, 40.00) $$, 'venue_list: counts and bounding box');
SELECT is((SELECT label || ' ' || kind || ' ' || shape || ' ' || (geometry ->> 'width')
             FROM venue_decorations WHERE venue_id = :'hall' AND kind = 'stage'), 'STAGE stage rectangle 100',
          'the stage decoration is kept with its geometry');

-- Refusals leave nothing behind.
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', :'doc'), 'BO009', NULL, 'a second import of the same venue is refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)',
    jsonb_set(jsonb_set(:'doc'::jsonb, '{name}', '"Dup Hall"'), '{sections,0,rows,1,label}', '"A"')),
  'BO008', NULL, 'two seats with the same row and number are refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(jsonb_set(:'doc'::jsonb, '{name}', '"Bad Hall"'),
    '{sections,0,rows,0,seats,0,x}', '"left"')), 'BO008', NULL, 'a position that is not a number is refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(jsonb_set(:'doc'::jsonb, '{name}', '"Bad Hall"'),
    '{sections,1,type}', '"STANDING"')), 'BO008', NULL, 'an unknown section type is refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(jsonb_set(:'doc'::jsonb, '{name}', '"Bad Hall"'),
    '{sections,1,capacity}', '-5')), 'BO008', NULL, 'a negative capacity is refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(:'doc'::jsonb, '{format}', '"pretix"')),
  'BO008', NULL, 'a document in another format is refused');
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(jsonb_set(:'doc'::jsonb, '{name}', '"Bad Hall"'), '{sections}', '[]')),
  'BO008', NULL, 'a venue without sections is refused');
SELECT is((SELECT count(*)::int FROM venues WHERE name IN ('Dup Hall', 'Bad Hall')), 0, 'refused imports left no venue');
SELECT is((SELECT count(*)::int FROM seats), 12, 'and no seats (6 of the fixture, 6 of Little Hall)');

-- Events on an imported venue sell like any other.
SELECT lives_ok(format($$ SELECT create_event(%L, 'Hall night', '2030-02-01 20:00+00', true) $$, :'hall'),
  'an event on the imported venue');
SELECT is((SELECT count(*)::int FROM event_seats i JOIN events e ON e.id = i.event_id WHERE e.title = 'Hall night'), 6,
          '… has an inventory of its 6 seats');
RESET SESSION AUTHORIZATION;

-- Other organisations and roles.
SET SESSION AUTHORIZATION t_super_b;
SELECT is(export_venue(:'hall'), NULL, 'another organisation cannot export the venue');
SELECT is(venue_resolve('Little Hall'), NULL, '… nor find it by name');
SELECT is((SELECT count(*)::int FROM venue_list() WHERE name = 'Little Hall'), 0, '… nor list it');
SELECT lives_ok(format('SELECT * FROM import_venue(%L)', :'doc'), 'organisation B may have its own "Little Hall"');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_clerk_a;
SELECT throws_ok(format('SELECT * FROM import_venue(%L)', jsonb_set(:'doc'::jsonb, '{name}', '"Clerk Hall"')),
  '42501', NULL, 'a clerk may not import venues');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
