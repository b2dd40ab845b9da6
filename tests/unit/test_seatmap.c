/* seatmap, seatview, seatnav: states, labels, ranges, projection, zoom,
 * braille, navigation, best available and the text renderer (no database,
 * no terminal). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seatmap.h"
#include "seatnav.h"
#include "seatview.h"
#include "venue_gen.h"
#include "seatmap_fixture.h"

/* ---- seatmap ---- */

static void natural_order(void **state)
{
	(void)state;
	assert_true(seatmap_natcmp("2", "10") < 0);
	assert_true(seatmap_natcmp("10", "10a") < 0);
	assert_true(seatmap_natcmp("10a", "10b") < 0);
	assert_true(seatmap_natcmp("9", "B") < 0);
	assert_true(seatmap_natcmp("AA", "B") < 0);
	assert_int_equal(seatmap_natcmp("a1", "A1"), 0);
	assert_int_equal(seatmap_natcmp("007", "7"), 0);
	assert_true(seatmap_natcmp("12-2", "12") > 0);
}

static void states_from_rows(void **state)
{
	const char *me = "11111111-1111-4111-8111-111111111111";

	(void)state;
	assert_int_equal(seatmap_state_of("AVAILABLE", NULL, me), SEAT_FREE);
	assert_int_equal(seatmap_state_of("HELD", "11111111-1111-4111-8111-111111111111", me),
			 SEAT_MINE);
	assert_int_equal(seatmap_state_of("HELD", "22222222-2222-4222-8222-222222222222", me),
			 SEAT_HELD);
	assert_int_equal(seatmap_state_of("HELD", "11111111-1111-4111-8111-111111111111", NULL),
			 SEAT_HELD);
	/* another clerk's hold: its id is not shown to us */
	assert_int_equal(seatmap_state_of("HELD", NULL, me), SEAT_HELD);
	assert_int_equal(seatmap_state_of("SOLD", NULL, me), SEAT_SOLD);
	assert_int_equal(seatmap_state_of("KILLED", NULL, me), SEAT_KILLED);
	assert_string_equal(seatmap_state_name(SEAT_KILLED), "not for sale");
}

static void rows_in_natural_order_and_counts(void **state)
{
	struct seatmap m;
	struct err e;
	int sec;

	(void)state;
	seatmap_init(&m);
	sec = seatmap_add_section(&m, "s1", "Main", false, 0, &e);
	seatmap_add_seat(&m, "x10", sec, "A", "10", 100, 0, false, SEAT_FREE, &e);
	seatmap_add_seat(&m, "x2", sec, "A", "2", 20, 0, false, SEAT_SOLD, &e);
	seatmap_add_seat(&m, "x1", sec, "A", "1", 10, 0, true, SEAT_FREE, &e);
	seatmap_add_seat(&m, "y1", sec, "B", "1", 10, 20, false, SEAT_HELD, &e);
	assert_true(seatmap_finish(&m, &e));
	assert_int_equal(m.nrows, 2);
	assert_int_equal(m.rows[0].n, 3);
	assert_string_equal(m.seats[m.rows[0].seats[0]].number, "1");
	assert_string_equal(m.seats[m.rows[0].seats[1]].number, "2");
	assert_string_equal(m.seats[m.rows[0].seats[2]].number, "10");
	assert_int_equal(m.seats[seatmap_find_id(&m, "x10")].pos, 2);
	assert_int_equal(m.sections[0].count[SEAT_FREE], 2);
	assert_int_equal(m.sections[0].count[SEAT_SOLD], 1);
	assert_true(seatmap_set_state(&m, seatmap_find_id(&m, "x1"), SEAT_HELD, "clerk_b"));
	assert_int_equal(m.sections[0].count[SEAT_FREE], 1);
	assert_int_equal(m.sections[0].count[SEAT_HELD], 2);
	assert_string_equal(seatmap_holder(&m, seatmap_find_id(&m, "x1")), "clerk_b");
	assert_null(seatmap_holder(&m, seatmap_find_id(&m, "x2")));
	assert_int_equal(seatmap_find_id(&m, "nope"), -1);
	assert_true(m.has_box);
	assert_true(m.min_x == 10 && m.max_x == 100 && m.min_y == 0 && m.max_y == 20);
	seatmap_free(&m);
}

static void label_lookup(void **state)
{
	struct seatmap m;
	struct err e;
	char name[128];
	int i;

	(void)state;
	fixture_hall(&m, 3, 20);
	i = seatmap_find_label(&m, 0, "A12", &e);
	assert_true(i >= 0);
	assert_string_equal(seatmap_seat_name(&m, i, name, sizeof name), "Main row A seat 12");
	assert_int_equal(seatmap_find_label(&m, 0, "a 12", &e), i);
	assert_int_equal(seatmap_find_label(&m, -1, " A:12 ", &e), i);
	assert_int_equal(seatmap_find_label(&m, 0, "Z1", &e), -1);
	assert_string_equal(e.msg, "There is no row Z in Main.");
	assert_int_equal(seatmap_find_label(&m, 0, "A99", &e), -1);
	assert_string_equal(e.msg, "Row A of Main has no seat 99.");
	assert_int_equal(seatmap_find_label(&m, 0, "", &e), -1);
	assert_int_equal(e.code, ERR_INPUT);
	seatmap_free(&m);
}

/* Rows named by numbers: "112" is row 1 seat 12 or row 11 seat 2. */
static void label_ambiguity(void **state)
{
	struct seatmap m;
	struct err e;
	char row[16], num[16];
	int i;

	(void)state;
	seatmap_init(&m);
	seatmap_add_section(&m, "s", "Block", false, 0, &e);
	for (int r = 1; r <= 11; r++)
		for (int n = 1; n <= 12; n++) {
			snprintf(row, sizeof row, "%d", r);
			snprintf(num, sizeof num, "%d", n);
			seatmap_add_seat(&m, NULL, 0, row, num, n * 10, r * 20, false, SEAT_FREE, &e);
		}
	assert_true(seatmap_finish(&m, &e));
	assert_int_equal(seatmap_find_label(&m, 0, "112", &e), -1);
	assert_non_null(strstr(e.msg, "could be Block row 1 seat 12 or Block row 11 seat 2"));
	i = seatmap_find_label(&m, 0, "1:12", &e);
	assert_true(i >= 0);
	assert_string_equal(m.rows[m.seats[i].row].label, "1");
	assert_string_equal(m.seats[i].number, "12");
	i = seatmap_find_label(&m, 0, "11 2", &e);
	assert_string_equal(m.rows[m.seats[i].row].label, "11");
	seatmap_free(&m);
}

static void labels_across_sections(void **state)
{
	struct seatmap m;
	struct err e;

	(void)state;
	fixture_theatre(&m);
	assert_int_equal(seatmap_find_label(&m, -1, "A3", &e), -1);
	assert_non_null(strstr(e.msg, "Stalls row A seat 3 or Balcony row A seat 3"));
	assert_true(seatmap_find_label(&m, 1, "A3", &e) >= 0);
	assert_int_equal(seatmap_find_label(&m, 0, "I3", &e), -1);
	assert_string_equal(e.msg, "There is no row I in Stalls.");
	seatmap_free(&m);
}

static void expect_range(const struct seatmap *m, const char *text, const char *want)
{
	struct err e;
	int *ids;
	size_t n;
	char got[512] = "";

	if (!seatmap_parse_range(m, 0, text, &ids, &n, &e))
		fail_msg("%s: %s", text, e.msg);
	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s", i ? " " : "",
			 m->rows[m->seats[ids[i]].row].label, m->seats[ids[i]].number);
	free(ids);
	assert_string_equal(got, want);
}

static void expect_range_error(const struct seatmap *m, const char *text, const char *msg)
{
	struct err e;
	int *ids = (int *)1;
	size_t n = 7;

	assert_false(seatmap_parse_range(m, 0, text, &ids, &n, &e));
	assert_null(ids);
	assert_int_equal(n, 0);
	assert_string_equal(e.msg, msg);
}

static void ranges(void **state)
{
	struct seatmap m;
	struct err e;
	int sec = 0;

	(void)state;
	fixture_hall(&m, 3, 20);
	expect_range(&m, "A12-A15", "A12 A13 A14 A15");
	expect_range(&m, "A15-A12", "A12 A13 A14 A15");
	expect_range(&m, "a12-15", "A12 A13 A14 A15");
	expect_range(&m, "A12 - A13, B1", "A12 A13 B1");
	expect_range(&m, "A12-A13,A13-A14", "A12 A13 A14");
	expect_range(&m, "C7", "C7");
	expect_range_error(&m, "A12-B15",
			   "Main row A seat 12 and Main row B seat 15 are in different rows; "
			   "a range stays within one row.");
	expect_range_error(&m, "A12-A99", "Row A of Main has no seat 99.");
	expect_range_error(&m, "Q1-Q4", "There is no row Q in Main.");
	expect_range_error(&m, "A12,", "Type a seat as row and number, like A12.");
	seatmap_free(&m);

	/* Numbers resolve by the seats that exist: row D has no 4 (an aisle),
	 * and "12-2" is a seat number of its own. */
	seatmap_init(&m);
	seatmap_add_section(&m, "s", "Main", false, 0, &e);
	const char *nums[] = { "1", "2", "3", "5", "6", "12", "12-2" };
	for (int k = 0; k < 7; k++)
		seatmap_add_seat(&m, NULL, sec, "D", nums[k], k * 10, 0, false, SEAT_FREE, &e);
	assert_true(seatmap_finish(&m, &e));
	expect_range(&m, "D2-D6", "D2 D3 D5 D6");
	expect_range(&m, "D12-2", "D12-2");
	expect_range(&m, "D6-D12-2", "D6 D12 D12-2");
	expect_range_error(&m, "D4", "Row D of Main has no seat 4.");
	seatmap_free(&m);
}

static void from_generated_venue(void **state)
{
	struct err e;
	struct venue *v = venue_gen(VENUE_GEN_THEATRE, NULL, &e);
	struct seatmap m;

	(void)state;
	assert_non_null(v);
	assert_true(seatmap_from_venue(v, &m, &e));
	assert_int_equal(m.nsections, 3);
	assert_true(m.sections[2].general);
	assert_int_equal(m.sections[2].capacity, 200);
	assert_true(m.nseats > 900);
	assert_int_equal(m.sections[0].count[SEAT_FREE] + m.sections[1].count[SEAT_FREE],
			 (int)m.nseats);
	assert_int_equal(m.ndecos, 4);
	assert_int_equal(m.decos[0].kind, SEATMAP_DECO_STAGE);
	assert_true(m.decos[0].width == 300 && m.decos[0].height == 60);
	seatmap_free(&m);
	venue_free(&v);
}

/* ---- projection and zoom ---- */

static void straight_row_is_one_line(void **state)
{
	struct seatmap m;
	struct seatview v;

	(void)state;
	fixture_hall(&m, 1, 30);
	seatview_init(&v, &m, 0, 78, 19);
	for (int l = 0; l < v.nlevels; l++) {
		int c0, r0, c, r;
		seatview_set_level(&v, l, 150, 20);
		seatview_project(&v, m.seats[0].x, m.seats[0].y, &c0, &r0);
		for (size_t i = 1; i < m.nseats; i++) {
			seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r);
			assert_int_equal(r, r0);
			assert_true(c >= c0);
		}
	}
	seatmap_free(&m);
}

static void curved_row_keeps_its_curve(void **state)
{
	struct seatmap m;
	struct seatview v;
	const struct seatmap_row *row;
	int c, r, prev_r = -1, top_r = 1 << 30, mid_r, end_r;

	(void)state;
	fixture_theatre(&m);
	seatview_init(&v, &m, 0, 200, 55);
	seatview_set_level(&v, v.nlevels - 2, 500, 300); /* one seat per cell */
	row = &m.rows[m.seats[fixture_seat(&m, 0, "R1")].row];
	/* From the left end to the middle the row sinks (away from the stage),
	 * then rises again: a smile, as in the plan. */
	for (int k = 0; k < row->n; k++) {
		seatview_project(&v, m.seats[row->seats[k]].x, m.seats[row->seats[k]].y, &c, &r);
		if (k <= row->n / 2 - 1 && prev_r >= 0)
			assert_true(r >= prev_r);
		if (k > row->n / 2 && prev_r >= 0)
			assert_true(r <= prev_r);
		top_r = r < top_r ? r : top_r;
		prev_r = r;
	}
	seatview_project(&v, m.seats[row->seats[row->n / 2]].x, m.seats[row->seats[row->n / 2]].y,
			 &c, &mid_r);
	seatview_project(&v, m.seats[row->seats[0]].x, m.seats[row->seats[0]].y, &c, &end_r);
	/* Radius 494, 50° each side: the ends are 494(1 - cos 50°) = 176 units
	 * above the middle; at one seat per cell that is rows, not nothing. */
	assert_true(mid_r - end_r >= 4);
	assert_int_equal(top_r, end_r);
	seatmap_free(&m);
}

static void cells_are_twice_as_tall(void **state)
{
	struct seatmap m;
	struct seatview v;
	struct err e;
	int c0, r0, c1, r1;

	(void)state;
	seatmap_init(&m);
	seatmap_add_section(&m, "s", "Sq", false, 0, &e);
	seatmap_add_seat(&m, "a", 0, "A", "1", 0, 0, false, SEAT_FREE, &e);
	seatmap_add_seat(&m, "b", 0, "A", "2", 100, 0, false, SEAT_FREE, &e);
	seatmap_add_seat(&m, "c", 0, "B", "1", 0, 100, false, SEAT_FREE, &e);
	seatmap_add_seat(&m, "d", 0, "B", "2", 100, 100, false, SEAT_FREE, &e);
	assert_true(seatmap_finish(&m, &e));
	seatview_init(&v, &m, 0, 80, 40);
	seatview_set_level(&v, v.nlevels - 1, 50, 50); /* filling the view */
	seatview_project(&v, 0, 0, &c0, &r0);
	seatview_project(&v, 100, 100, &c1, &r1);
	/* A square plan: twice as many columns as rows. */
	assert_true(abs((c1 - c0) - 2 * (r1 - r0)) <= 1);
	assert_true(r1 - r0 >= 30); /* and it fills the height it may */
	assert_true(c1 < 80 && r1 < 40 && c0 >= 0 && r0 >= 0);
	seatmap_free(&m);
}

static void zoom_levels(void **state)
{
	struct seatmap m;
	struct seatview v;
	int c, r, prev = -1;

	(void)state;
	fixture_hall(&m, 1, 30);
	/* 30 seats, pitch 10, in a viewport they cannot fit one per cell. */
	seatview_init(&v, &m, 0, 20, 10);
	assert_true(v.nlevels >= 3);
	for (int l = 1; l < v.nlevels; l++)
		assert_true(v.scales[l] > v.scales[l - 1]);
	assert_true(seatview_far(&v));
	for (size_t i = 0; i < m.nseats; i++) /* all fits at level 0 */
		assert_true(seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r));
	/* One seat per cell: the level before the last. */
	seatview_set_level(&v, v.nlevels - 2, 150, 20);
	assert_false(seatview_far(&v));
	v.w = 1000; /* look at all 30 */
	v.ox = 0;
	for (size_t i = 0; i < m.nseats; i++) {
		seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r);
		if (prev >= 0)
			assert_int_equal(c, prev + 1);
		prev = c;
	}
	/* Nearest: a blank column between neighbours. */
	seatview_set_level(&v, v.nlevels - 1, 150, 20);
	v.ox = 0;
	prev = -1;
	for (size_t i = 0; i < m.nseats; i++) {
		seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r);
		if (prev >= 0)
			assert_int_equal(c - prev, 2);
		prev = c;
	}
	assert_false(seatview_zoom(&v, +1, 0, 0));
	assert_true(seatview_zoom(&v, -1, 0, 0));
	seatmap_free(&m);
}

static void zoom_levels_curved_theatre(void **state)
{
	struct seatmap m;
	struct seatview v;
	struct seatview_cell *cells;

	(void)state;
	fixture_theatre(&m);
	seatview_init(&v, &m, -1, 80, 19);
	assert_true(seatview_far(&v));
	seatview_set_level(&v, v.nlevels - 2, 500, 400);
	v.w = 4000; /* everything */
	v.h = 4000;
	v.ox = m.min_x - 1;
	v.oy = m.min_y - 1;
	cells = calloc((size_t)v.w * (size_t)v.h, sizeof *cells);
	struct seatview_opts o = { true, false, false, false };
	seatview_raster(&v, &m, &o, cells);
	/* Every row's neighbours in distinct cells. */
	for (size_t r = 0; r < m.nrows; r++)
		for (int k = 1; k < m.rows[r].n; k++) {
			int c0, r0, c1, r1;
			const struct seatmap_seat *a = &m.seats[m.rows[r].seats[k - 1]];
			const struct seatmap_seat *b = &m.seats[m.rows[r].seats[k]];
			seatview_project(&v, a->x, a->y, &c0, &r0);
			seatview_project(&v, b->x, b->y, &c1, &r1);
			assert_true(c0 != c1 || r0 != r1);
		}
	free(cells);
	seatmap_free(&m);
}

static void follow_keeps_cursor_visible(void **state)
{
	struct seatmap m;
	struct seatview v;
	int c, r;

	(void)state;
	fixture_hall(&m, 10, 60);
	seatview_init(&v, &m, 0, 40, 10);
	seatview_set_level(&v, v.nlevels - 1, 10, 20);
	for (size_t i = 0; i < m.nseats; i += 37) {
		seatview_follow(&v, m.seats[i].x, m.seats[i].y, 6);
		assert_true(seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r));
		assert_true(c >= 4 && c < 36); /* margin 6, or the plan edge pad 4 */
	}
	seatmap_free(&m);
}

static void braille_bits(void **state)
{
	struct seatmap m;
	struct seatview v;
	struct seatview_cell cells[2];
	struct seatview_opts o = { false, false, false, false };
	struct err e;

	(void)state;
	assert_int_equal(seatview_braille_bit(0, 0), 0x01);
	assert_int_equal(seatview_braille_bit(0, 1), 0x02);
	assert_int_equal(seatview_braille_bit(0, 2), 0x04);
	assert_int_equal(seatview_braille_bit(1, 0), 0x08);
	assert_int_equal(seatview_braille_bit(1, 1), 0x10);
	assert_int_equal(seatview_braille_bit(1, 2), 0x20);
	assert_int_equal(seatview_braille_bit(0, 3), 0x40);
	assert_int_equal(seatview_braille_bit(1, 3), 0x80);
	assert_int_equal(seatview_braille_bit(2, 0), 0);

	seatmap_init(&m);
	seatmap_add_section(&m, "s", "S", false, 0, &e);
	seatmap_add_seat(&m, "a", 0, "A", "1", 0, 0, false, SEAT_SOLD, &e);
	seatmap_add_seat(&m, "b", 0, "A", "2", 5, 0, false, SEAT_FREE, &e);
	seatmap_add_seat(&m, "c", 0, "B", "1", 0, 15, false, SEAT_HELD, &e);
	seatmap_add_seat(&m, "d", 0, "B", "2", 15, 15, true, SEAT_SOLD, &e);
	assert_true(seatmap_finish(&m, &e));
	/* 0.1 columns per unit: dots every 5 units across, 5 units down. */
	memset(&v, 0, sizeof v);
	v.section = -1;
	v.w = 2;
	v.h = 1;
	v.sx = 0.1;
	v.sx_single = 1;
	seatview_raster(&v, &m, &o, cells);
	assert_int_equal(cells[0].kind, CELL_DOTS);
	assert_int_equal(cells[0].dots, 0x01 | 0x08 | 0x40);
	assert_int_equal(cells[0].n, 3);
	assert_int_equal(cells[0].nfree, 1);
	assert_int_equal(cells[0].top, SEAT_FREE); /* free outranks held and sold */
	assert_int_equal(seatview_far_glyph(&cells[0], false, false), 0x2849);
	assert_int_equal(cells[1].dots, 0x80); /* (15, 15): right column, bottom dot */
	assert_true(cells[1].accessible);
	assert_int_equal(cells[1].top, SEAT_SOLD);
	/* Monochrome dots only the free seats; a cell with none free is '·'. */
	o.dots_free_only = true;
	seatview_raster(&v, &m, &o, cells);
	assert_int_equal(cells[0].dots, 0x08);
	assert_int_equal(seatview_far_glyph(&cells[1], false, true), 0xB7);
	/* ASCII shading by how free. */
	assert_int_equal(seatview_far_glyph(&cells[0], true, true), ':');
	assert_int_equal(seatview_far_glyph(&cells[1], true, true), '.');
	cells[0].nfree = 2;
	assert_int_equal(seatview_far_glyph(&cells[0], true, true), 'o');
	cells[0].nfree = 3;
	assert_int_equal(seatview_far_glyph(&cells[0], true, true), 'O');
	cells[0].nmine = 1;
	assert_int_equal(seatview_far_glyph(&cells[0], true, true), '*');
	seatmap_free(&m);
}

static void glyphs_tell_states_apart(void **state)
{
	uint32_t g[7];

	(void)state;
	g[0] = seatview_seat_glyph(SEAT_FREE, false);
	g[1] = seatview_seat_glyph(SEAT_MINE, false);
	g[2] = seatview_seat_glyph(SEAT_HELD, false);
	g[3] = seatview_seat_glyph(SEAT_SOLD, false);
	g[4] = seatview_seat_glyph(SEAT_KILLED, false);
	g[5] = seatview_seat_glyph(SEAT_FREE, true);
	g[6] = seatview_seat_glyph(SEAT_MINE, true);
	for (int i = 0; i < 7; i++)
		for (int j = i + 1; j < 7; j++)
			assert_true(g[i] != g[j]);
	assert_int_equal(g[0], 'o');
	assert_int_equal(g[1], '*');
	assert_int_equal(g[2], 'x');
	assert_int_equal(g[3], '#');
	assert_int_equal(g[4], '-');
}

static void nearest_for_clicks(void **state)
{
	struct seatmap m;
	struct seatview v;
	int c, r;

	(void)state;
	fixture_hall(&m, 3, 20);
	seatview_init(&v, &m, 0, 80, 19);
	seatview_set_level(&v, v.nlevels - 1, 100, 40);
	for (size_t i = 0; i < m.nseats; i += 5) {
		if (!seatview_project(&v, m.seats[i].x, m.seats[i].y, &c, &r))
			continue;
		assert_int_equal(seatview_nearest(&v, &m, c, r), (int)i);
	}
	assert_int_equal(seatview_nearest(&v, &m, 0, 0), -1); /* nothing near */
	seatmap_free(&m);
}

/* ---- navigation ---- */

static void nav_straight(void **state)
{
	struct seatmap m;
	int b5;

	(void)state;
	fixture_hall(&m, 3, 10);
	b5 = fixture_seat(&m, 0, "B5");
	assert_int_equal(seatnav_move(&m, 0, b5, NAV_RIGHT), fixture_seat(&m, 0, "B6"));
	assert_int_equal(seatnav_move(&m, 0, b5, NAV_LEFT), fixture_seat(&m, 0, "B4"));
	assert_int_equal(seatnav_move(&m, 0, b5, NAV_UP), fixture_seat(&m, 0, "A5"));
	assert_int_equal(seatnav_move(&m, 0, b5, NAV_DOWN), fixture_seat(&m, 0, "C5"));
	assert_int_equal(seatnav_move(&m, 0, fixture_seat(&m, 0, "B10"), NAV_RIGHT),
			 fixture_seat(&m, 0, "B10"));
	assert_int_equal(seatnav_move(&m, 0, fixture_seat(&m, 0, "A3"), NAV_UP),
			 fixture_seat(&m, 0, "A3"));
	assert_int_equal(seatnav_row_end(&m, b5, false), fixture_seat(&m, 0, "B1"));
	assert_int_equal(seatnav_row_end(&m, b5, true), fixture_seat(&m, 0, "B10"));
	/* The first cursor: front row, middle, free. */
	assert_string_equal(m.rows[m.seats[seatnav_start(&m, 0)].row].label, "A");
	seatmap_free(&m);
}

static void nav_curved(void **state)
{
	struct seatmap m;
	int cur, steps = 0, to;
	const struct seatmap_row *row;

	(void)state;
	fixture_theatre(&m);
	/* Right from the left end runs along the whole curved row. */
	cur = fixture_seat(&m, 0, "B1");
	row = &m.rows[m.seats[cur].row];
	while ((to = seatnav_move(&m, 0, cur, NAV_RIGHT)) != cur &&
	       m.seats[to].row == m.seats[cur].row) {
		assert_int_equal(m.seats[to].pos, m.seats[cur].pos + 1);
		cur = to;
		steps++;
	}
	assert_int_equal(steps, row->n - 1);
	/* Left runs back. */
	cur = seatnav_move(&m, 0, cur, NAV_LEFT);
	assert_int_equal(m.seats[cur].pos, row->n - 2);
	/* Up and down change row even at the steep ends of the arc. */
	const char *from[] = { "B1", "B2", "B15", "B27", "B28" };
	for (int i = 0; i < 5; i++) {
		int s = fixture_seat(&m, 0, from[i]);
		assert_string_equal(m.rows[m.seats[seatnav_move(&m, 0, s, NAV_UP)].row].label, "A");
		assert_string_equal(m.rows[m.seats[seatnav_move(&m, 0, s, NAV_DOWN)].row].label, "C");
	}
	/* Down from the middle of A lands near the middle of B. */
	to = seatnav_move(&m, 0, fixture_seat(&m, 0, "A13"), NAV_DOWN);
	assert_string_equal(m.rows[m.seats[to].row].label, "B");
	assert_true(abs(atoi(m.seats[to].number) - 14) <= 1);
	/* Down from H skips the missing row I. */
	to = seatnav_move(&m, 0, fixture_seat(&m, 0, "H21"), NAV_DOWN);
	assert_string_equal(m.rows[m.seats[to].row].label, "J");
	/* Only the section's seats: down from the last stalls row goes nowhere. */
	cur = fixture_seat(&m, 0, "R30");
	assert_int_equal(seatnav_move(&m, 0, cur, NAV_DOWN), cur);
	/* The whole house: the balcony is below. */
	assert_int_equal(m.seats[seatnav_move(&m, -1, cur, NAV_DOWN)].section, 1);
	seatmap_free(&m);
}

/* ---- best available ---- */

static void set(struct seatmap *m, const char *labels, enum seat_state st)
{
	char buf[256], *save, *tok;

	snprintf(buf, sizeof buf, "%s", labels);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		seatmap_set_state(m, fixture_seat(m, 0, tok), st, "other");
}

static void expect_best(const struct seatmap *m, int section, int n, bool mine_free,
			const char *want)
{
	struct seatnav_stage st;
	struct err e;
	int out[64];
	char got[256] = "";

	seatnav_stage_of(m, &st);
	if (!seatnav_best(m, section, &st, n, mine_free, out, &e))
		fail_msg("best %d: %s", n, e.msg);
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s", i ? " " : "",
			 m->rows[m->seats[out[i]].row].label, m->seats[out[i]].number);
	assert_string_equal(got, want);
}

static void expect_no_best(const struct seatmap *m, int n, const char *msg)
{
	struct seatnav_stage st;
	struct err e;
	int out[64];

	seatnav_stage_of(m, &st);
	assert_false(seatnav_best(m, 0, &st, n, false, out, &e));
	assert_string_equal(e.msg, msg);
}

static void best_centre_of_front_row(void **state)
{
	struct seatmap m;

	(void)state;
	fixture_hall(&m, 3, 10);
	expect_best(&m, 0, 4, false, "A4 A5 A6 A7");
	expect_best(&m, 0, 1, false, "A5");
	expect_best(&m, 0, 10, false, "A1 A2 A3 A4 A5 A6 A7 A8 A9 A10");
	/* A full front row: the next one. */
	set(&m, "A1 A2 A3 A4 A5 A6 A7 A8 A9 A10", SEAT_SOLD);
	expect_best(&m, 0, 2, false, "B5 B6");
	seatmap_free(&m);
}

static void best_single_gap_rule(void **state)
{
	struct seatmap m;

	(void)state;
	fixture_hall(&m, 2, 10);
	set(&m, "A3 A8", SEAT_SOLD); /* A: free runs 1-2, 4-7, 9-10 */
	/* Four fill 4-7 exactly. */
	expect_best(&m, 0, 4, false, "A4 A5 A6 A7");
	/* Three in 4-7 would strand 4 or 7: row B, though further back. */
	expect_best(&m, 0, 3, false, "B4 B5 B6");
	/* Two: 1-2 or 9-10 fill a run; 4-5 and 6-7 leave two. All fine: the
	 * middle wins. */
	expect_best(&m, 0, 2, false, "A4 A5");
	/* Nine in row B would leave one at the end: still the only choice. */
	expect_best(&m, 0, 9, false, "B1 B2 B3 B4 B5 B6 B7 B8 B9");
	/* At the row end next to a taken seat: B1 single when B2 is taken. */
	set(&m, "B2 B9", SEAT_HELD);
	/* Row B runs: 1, 3-8, 10. Five from 3-8 leave a single 3 or 8; so do all
	 * blocks of five in A? A has no five: the single one is the answer. */
	expect_best(&m, 0, 5, false, "B3 B4 B5 B6 B7");
	seatmap_free(&m);
}

static void best_none_together(void **state)
{
	struct seatmap m;

	(void)state;
	fixture_hall(&m, 2, 10);
	set(&m, "A5 B3 B8", SEAT_SOLD);
	set(&m, "A6", SEAT_KILLED);
	expect_no_best(&m, 6, "No 6 seats together in Main: at most 4 (row A).");
	expect_best(&m, 0, 4, false, "A1 A2 A3 A4");
	set(&m, "A1 A2 A3 A4 A7 A8 A9 A10 B1 B2 B4 B5 B6 B7 B9 B10", SEAT_SOLD);
	expect_no_best(&m, 1, "No seats are free in Main.");
	seatmap_free(&m);
}

static void best_counts_mine_as_free(void **state)
{
	struct seatmap m;

	(void)state;
	fixture_hall(&m, 1, 6);
	set(&m, "A1 A2", SEAT_SOLD);
	set(&m, "A3", SEAT_MINE);
	expect_no_best(&m, 4, "No 4 seats together in Main: at most 3 (row A).");
	expect_best(&m, 0, 4, true, "A3 A4 A5 A6");
	seatmap_free(&m);
}

static void best_uses_the_stage(void **state)
{
	struct seatmap m;
	struct seatmap_deco *d;

	(void)state;
	fixture_hall(&m, 3, 10);
	/* A stage below row C: C is the front. */
	m.decos = calloc(1, sizeof *m.decos);
	m.ndecos = m.decocap = 1;
	d = &m.decos[0];
	d->kind = SEATMAP_DECO_STAGE;
	d->shape = SEATMAP_SHAPE_RECT;
	d->x = 0;
	d->y = 100;
	d->width = 110;
	d->height = 20;
	expect_best(&m, 0, 2, false, "C5 C6");
	seatmap_free(&m);
}

static void best_stops_at_aisles(void **state)
{
	struct seatmap m;
	struct err e;
	char num[16];

	(void)state;
	seatmap_init(&m);
	seatmap_add_section(&m, "s", "Main", false, 0, &e);
	/* Seats 1-5 and 6-10 numbered through, an aisle of 30 between 5 and 6. */
	for (int n = 1; n <= 10; n++) {
		snprintf(num, sizeof num, "%d", n);
		seatmap_add_seat(&m, NULL, 0, "A", num, 10.0 * n + (n > 5 ? 30 : 0), 0, false,
				 SEAT_FREE, &e);
	}
	assert_true(seatmap_finish(&m, &e));
	expect_no_best(&m, 6, "No 6 seats together in Main: at most 5 (row A).");
	expect_best(&m, 0, 5, false, "A1 A2 A3 A4 A5");
	seatmap_free(&m);
}

static void best_in_the_curved_theatre(void **state)
{
	struct seatmap m;

	(void)state;
	fixture_theatre(&m);
	expect_best(&m, 0, 2, false, "A13 A14");
	expect_best(&m, 0, 4, false, "A12 A13 A14 A15");
	expect_best(&m, 1, 3, false, "A12 A13 A14"); /* balcony, 26 seats: 12-14 or 13-15 */
	set(&m, "A11 A12 A13 A14 A15 A16", SEAT_SOLD);
	/* Blocks beside the sold middle are the nearest the centre. */
	expect_best(&m, 0, 2, false, "A9 A10");
	/* Whole front row sold: row B's middle. */
	set(&m, "A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A17 A18 A19 A20 A21 A22 A23 A24 A25 A26",
	    SEAT_SOLD);
	expect_best(&m, 0, 2, false, "B14 B15"); /* 28 seats */
	seatmap_free(&m);
}

/* ---- text ---- */

static char *render(const struct seatmap *m, int section, int width, int zoom, bool ascii)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct err e;

	assert_non_null(f);
	assert_true(seatmap_render_text(m, section, width, zoom, ascii, f, &e));
	fclose(f);
	return buf;
}

static void text_renderer(void **state)
{
	struct seatmap m;
	char *t;

	(void)state;
	fixture_hall(&m, 3, 10);
	set(&m, "A5 A6", SEAT_SOLD);
	set(&m, "B1", SEAT_HELD);
	set(&m, "C10", SEAT_KILLED);
	set(&m, "B4", SEAT_MINE);
	t = render(&m, 0, 40, SEATVIEW_ZOOM_AUTO, true);
	assert_string_equal(t,
			    "        A o o o o # # o o o o A\n"
			    "\n"
			    "        B x o o * o o o o o o B\n"
			    "\n"
			    "        C o o o o o o o o o - C\n");
	free(t);
	/* Too narrow for one seat per cell: the plan's shape (rows 20 apart
	 * are closer than the cells are tall), shaded by how free. */
	t = render(&m, 0, 6, SEATVIEW_ZOOM_AUTO, true);
	assert_string_equal(t,
			    " o*oO\n"
			    " OOOo\n");
	free(t);
	/* Braille: the free seats at their true positions. */
	t = render(&m, 0, 6, SEATVIEW_ZOOM_AUTO, false);
	assert_string_equal(t,
			    " ⢠⣤⣠⣤\n"
			    " ⠈⠉⠉⠁\n");
	free(t);
	seatmap_free(&m);
}

static void text_renderer_theatre(void **state)
{
	struct seatmap m;
	char *t, *line;
	int lines = 0;

	(void)state;
	fixture_theatre(&m);
	/* The whole house at 100 columns: shading, ASCII only. */
	t = render(&m, -1, 100, SEATVIEW_ZOOM_AUTO, true);
	for (line = t; (line = strchr(line, '\n')) != NULL; line++)
		lines++;
	assert_true(lines > 20 && lines < 60);
	for (char *p = t; *p; p++)
		assert_true(*p == '\n' || (*p >= ' ' && *p < 0x7f));
	assert_null(strstr(t, "A a")); /* no labels when seats share cells */
	free(t);
	/* The stalls at 200: one seat per cell, row A's labels beside its
	 * accessible end seats. */
	t = render(&m, 0, 200, SEATVIEW_ZOOM_AUTO, true);
	assert_non_null(strstr(t, "A a"));
	assert_non_null(strstr(t, "a A\n"));
	assert_non_null(strstr(t, "P o"));
	free(t);
	seatmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(natural_order),
		cmocka_unit_test(states_from_rows),
		cmocka_unit_test(rows_in_natural_order_and_counts),
		cmocka_unit_test(label_lookup),
		cmocka_unit_test(label_ambiguity),
		cmocka_unit_test(labels_across_sections),
		cmocka_unit_test(ranges),
		cmocka_unit_test(from_generated_venue),
		cmocka_unit_test(straight_row_is_one_line),
		cmocka_unit_test(curved_row_keeps_its_curve),
		cmocka_unit_test(cells_are_twice_as_tall),
		cmocka_unit_test(zoom_levels),
		cmocka_unit_test(zoom_levels_curved_theatre),
		cmocka_unit_test(follow_keeps_cursor_visible),
		cmocka_unit_test(braille_bits),
		cmocka_unit_test(glyphs_tell_states_apart),
		cmocka_unit_test(nearest_for_clicks),
		cmocka_unit_test(nav_straight),
		cmocka_unit_test(nav_curved),
		cmocka_unit_test(best_centre_of_front_row),
		cmocka_unit_test(best_single_gap_rule),
		cmocka_unit_test(best_none_together),
		cmocka_unit_test(best_counts_mine_as_free),
		cmocka_unit_test(best_uses_the_stage),
		cmocka_unit_test(best_stops_at_aisles),
		cmocka_unit_test(best_in_the_curved_theatre),
		cmocka_unit_test(text_renderer),
		cmocka_unit_test(text_renderer_theatre),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
