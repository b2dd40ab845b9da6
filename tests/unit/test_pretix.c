/* pretix: the hand-written fixture plan seat by seat, the messy cases, the
 * clash listing and --unique-labels, and the errors with their paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_venue.h"
#include "pretix.h"
#include "venue.h"
#include "venue_native.h"

/* The fixtures live beside this file; tests run from the repository root. */
#define FIXTURE "tests/unit/fixtures/pretix_plan.json"

static char *slurp(const char *path, size_t *len)
{
	struct err e;
	char *text;

	assert_true(cli_venue_read_file(path, &text, len, &e));
	return text;
}

static struct venue *fixture(struct venue_msgs *warn)
{
	struct venue *v;
	struct err e;
	size_t len;
	char *text = slurp(FIXTURE, &len);

	err_clear(&e);
	if (!pretix_parse(text, len, &v, warn, &e))
		fail_msg("fixture: %s", e.msg);
	free(text);
	return v;
}

static void seat_is(const struct venue_row *r, size_t k, const char *number, int64_t x, int64_t y,
		    int category)
{
	assert_true(k < r->nseats);
	assert_string_equal(r->seats[k].number, number);
	assert_int_equal(r->seats[k].x, x);
	assert_int_equal(r->seats[k].y, y);
	assert_int_equal(r->seats[k].category, category);
	assert_false(r->seats[k].accessible);
}

static bool has_msg(const struct venue_msgs *m, const char *needle)
{
	for (size_t i = 0; i < m->n; i++)
		if (strstr(m->items[i], needle) != NULL)
			return true;
	return false;
}

static void fixture_seats(void **state)
{
	struct venue_msgs w = { 0 };
	struct venue *v = fixture(&w);
	const struct venue_section *s;

	(void)state;
	assert_string_equal(v->name, "Fixture Hall");
	assert_true(v->has_size);
	assert_int_equal(v->width, 60050);
	assert_int_equal(v->height, 40000);
	/* categories: the duplicate "Stalls" is dropped */
	assert_int_equal(v->ncategories, 2);
	assert_string_equal(v->categories[0].name, "Stalls");
	assert_string_equal(v->categories[0].color, "#c0392b");
	assert_string_equal(v->categories[1].name, "Balcony");
	assert_int_equal(v->nsections, 3);

	/* zone 0 at (100, 50): row 1 at (+10, +20), labels from templates */
	s = &v->sections[0];
	assert_string_equal(s->name, "Stalls");
	assert_int_equal(s->type, VENUE_NUMBERED);
	assert_int_equal(s->nrows, 2); /* row "3" had no seats */
	assert_string_equal(s->rows[0].label, "Row 1");
	assert_int_equal(s->rows[0].nseats, 2);
	seat_is(&s->rows[0], 0, "S1", 11000, 7000, 0);
	seat_is(&s->rows[0], 1, "S2", 13050, 7025, 0);
	/* row 2: no position; its second row object (at +100) merges into it */
	assert_string_equal(s->rows[1].label, "2");
	assert_int_equal(s->rows[1].nseats, 3);
	seat_is(&s->rows[1], 0, "1", 10000, 9000, 0);
	seat_is(&s->rows[1], 1, "2", 12000, 9000, 0);
	seat_is(&s->rows[1], 2, "3", 20000, 9000, 0);
	assert_int_equal(s->rows[1].seats[2].src[0], 0);
	assert_int_equal(s->rows[1].seats[2].src[1], 2);
	assert_int_equal(s->rows[1].seats[2].src[2], 0);

	/* zone 1: no name or zone_id; non-integer positions round to hundredths */
	s = &v->sections[1];
	assert_string_equal(s->name, "Zone 2");
	assert_int_equal(s->nrows, 1);
	assert_string_equal(s->rows[0].label, "A");
	seat_is(&s->rows[0], 0, "7", 1083, 30025, -1); /* 0.5 + 10.333; unknown category */
	seat_is(&s->rows[0], 1, "8", 70050, 30025, -1); /* outside the size, kept */

	/* zone 2: named by zone_id */
	s = &v->sections[2];
	assert_string_equal(s->name, "balc");
	assert_string_equal(s->rows[0].label, "B1");
	seat_is(&s->rows[0], 0, "1", 5000, 1000, 1);

	venue_free(&v);
	venue_msgs_free(&w);
}

static void fixture_decorations(void **state)
{
	struct venue_msgs w = { 0 };
	struct venue *v = fixture(&w);
	const struct venue_decoration *d = v->decorations;

	(void)state;
	assert_int_equal(v->ndecorations, 7);
	/* the rectangle whose text says BÜHNE is the stage */
	assert_int_equal(d[0].kind, VENUE_DECO_STAGE);
	assert_int_equal(d[0].shape, VENUE_SHAPE_RECTANGLE);
	assert_int_equal(d[0].x, 25000);
	assert_int_equal(d[0].y, 1000);
	assert_int_equal(d[0].width, 20000);
	assert_int_equal(d[0].height, 3000);
	assert_string_equal(d[0].text, "BÜHNE");
	assert_string_equal(d[0].color, "#333333");
	/* circle: centre at zone + area; "red" is not a #hex colour: dropped */
	assert_int_equal(d[1].kind, VENUE_DECO_SHAPE);
	assert_int_equal(d[1].shape, VENUE_SHAPE_CIRCLE);
	assert_int_equal(d[1].x, 11000);
	assert_int_equal(d[1].y, 6000);
	assert_int_equal(d[1].radius, 500);
	assert_null(d[1].color);
	/* ellipse keeps its rotation */
	assert_int_equal(d[2].shape, VENUE_SHAPE_ELLIPSE);
	assert_int_equal(d[2].x, 12000);
	assert_int_equal(d[2].y, 8000);
	assert_int_equal(d[2].rx, 800);
	assert_int_equal(d[2].ry, 400);
	assert_int_equal(d[2].rotation, 4500);
	/* polygon: points relative to (100, 150), turned 90° clockwise */
	assert_int_equal(d[3].shape, VENUE_SHAPE_POLYGON);
	assert_int_equal(d[3].npoints, 3);
	assert_int_equal(d[3].points[0], 10000);
	assert_int_equal(d[3].points[1], 15000);
	assert_int_equal(d[3].points[2], 10000);
	assert_int_equal(d[3].points[3], 16000);
	assert_int_equal(d[3].points[4], 9000);
	assert_int_equal(d[3].points[5], 16000);
	/* text: zone + area + text position, the text's own colour */
	assert_int_equal(d[4].kind, VENUE_DECO_TEXT);
	assert_int_equal(d[4].shape, VENUE_SHAPE_NONE);
	assert_int_equal(d[4].x, 40500);
	assert_int_equal(d[4].y, 35500);
	assert_string_equal(d[4].text, "Bar");
	assert_string_equal(d[4].color, "#ffffff");
	/* a lone word "Stage" without a shape still marks the front */
	assert_int_equal(d[5].kind, VENUE_DECO_STAGE);
	assert_int_equal(d[5].shape, VENUE_SHAPE_NONE);
	assert_string_equal(d[5].text, "Stage");
	/* a rectangle drawn leftwards: corner moved, width positive */
	assert_int_equal(d[6].shape, VENUE_SHAPE_RECTANGLE);
	assert_int_equal(d[6].x, 8000);
	assert_int_equal(d[6].y, 5000);
	assert_int_equal(d[6].width, 2000);
	assert_int_equal(d[6].height, 1000);
	venue_free(&v);
	venue_msgs_free(&w);
}

static void fixture_warnings(void **state)
{
	struct venue_msgs w = { 0 }, clashes = { 0 };
	struct venue *v = fixture(&w);

	(void)state;
	for (size_t i = 0; i < w.n; i++)
		print_message("# warning: %s\n", w.items[i]);
	assert_true(has_msg(&w, "categories[2]: the category \"Stalls\" is listed twice"));
	assert_true(has_msg(&w, "zones[0].rows[1].seats[1].seat_guid: \"s3\" is also the GUID of "
			    "zones[0].rows[1].seats[0]"));
	assert_true(has_msg(&w, "zones[0].rows[3].seats: a row without seats (skipped)"));
	assert_true(has_msg(&w, "zones[0].areas[1].color: expected a colour"));
	assert_true(has_msg(&w, "zones[1].rows[0].seats[0].category: \"VIP\" is not one of"));
	assert_true(has_msg(&w, "zones[1].rows[0].seats[1]: at (700.5, 300.25), outside the plan "
			    "size 600.5×400"));
	assert_true(has_msg(&w, "ignored 2 fields the pretix format does not define (first: "
			    "x-editor)"));
	assert_int_equal(w.n, 7);
	assert_int_equal(venue_clashes(v, &clashes), 0);
	venue_free(&v);
	venue_msgs_free(&w);
	venue_msgs_free(&clashes);
}

/* The fixture through the whole import pipeline with a GA section, then
 * native write → read → write gives the same bytes. */
static void fixture_pipeline_and_round_trip(void **state)
{
	struct cli_options o;
	struct venue_msgs w = { 0 }, c = { 0 };
	struct venue *v, *back;
	struct err e;
	size_t len, len1, len2;
	char *text = slurp(FIXTURE, &len), *one, *two;

	(void)state;
	memset(&o, 0, sizeof o);
	o.ga[o.nga++] = "Standing: front:150";
	o.name = "Fixture Hall (test)";
	assert_true(cli_venue_prepare(&o, text, len, &v, &w, &c, &e));
	assert_string_equal(v->name, "Fixture Hall (test)");
	assert_int_equal(v->nsections, 4);
	assert_string_equal(v->sections[3].name, "Standing: front");
	assert_int_equal(v->sections[3].type, VENUE_GENERAL);
	assert_int_equal(v->sections[3].capacity, 150);
	assert_non_null(one = venue_native_write(v, &len1, &e));
	assert_true(venue_native_parse(one, len1, &back, &e));
	assert_non_null(two = venue_native_write(back, &len2, &e));
	assert_int_equal(len1, len2);
	assert_memory_equal(one, two, len1);
	free(text);
	free(one);
	free(two);
	venue_free(&v);
	venue_free(&back);
	venue_msgs_free(&w);
	venue_msgs_free(&c);
}

static const char clash_plan[] =
	"{\"name\": \"Clash\", \"categories\": [], \"zones\": [{\"position\": {\"x\": 0, \"y\": 0},"
	" \"rows\": ["
	"  {\"row_number\": \"A\", \"seats\": ["
	"    {\"seat_guid\": \"1\", \"seat_number\": \"12\", \"position\": {\"x\": 0, \"y\": 0}},"
	"    {\"seat_guid\": \"2\", \"seat_number\": \"12-2\", \"position\": {\"x\": 10, \"y\": 0}}]},"
	"  {\"row_number\": \"A\", \"seats\": ["
	"    {\"seat_guid\": \"3\", \"seat_number\": \"12\", \"position\": {\"x\": 20, \"y\": 0}},"
	"    {\"seat_guid\": \"4\", \"seat_number\": \"13\", \"position\": {\"x\": 30, \"y\": 0}},"
	"    {\"seat_guid\": \"5\", \"seat_number\": \"12\", \"position\": {\"x\": 40, \"y\": 0}}]},"
	"  {\"row_number\": \"B\", \"seats\": ["
	"    {\"seat_guid\": \"6\", \"seat_number\": \"1\", \"position\": {\"x\": 0, \"y\": 10}},"
	"    {\"seat_guid\": \"7\", \"seat_number\": \"1\", \"position\": {\"x\": 10, \"y\": 10}}]}"
	"]}]}";

static void clashes_listed_and_refused(void **state)
{
	struct cli_options o;
	struct venue_msgs w = { 0 }, c = { 0 };
	struct venue *v;
	struct err e;

	(void)state;
	memset(&o, 0, sizeof o);
	assert_false(cli_venue_prepare(&o, clash_plan, strlen(clash_plan), &v, &w, &c, &e));
	assert_null(v);
	assert_int_equal(e.code, ERR_INPUT);
	assert_non_null(strstr(e.msg, "2 seat labels are used by more than one seat"));
	assert_non_null(strstr(e.msg, "--unique-labels"));
	assert_int_equal(c.n, 2);
	assert_string_equal(c.items[0], "Zone 1 row A seat 12: 3 seats (zones[0].rows[0].seats[0], "
			    "zones[0].rows[1].seats[0], zones[0].rows[1].seats[2])");
	assert_string_equal(c.items[1], "Zone 1 row B seat 1: 2 seats (zones[0].rows[2].seats[0], "
			    "zones[0].rows[2].seats[1])");
	venue_msgs_free(&w);
	venue_msgs_free(&c);
}

static void unique_labels_resolve(void **state)
{
	struct cli_options o;
	struct venue_msgs w = { 0 }, c = { 0 };
	struct venue *v;
	struct err e;
	const struct venue_row *a;

	(void)state;
	memset(&o, 0, sizeof o);
	o.unique_labels = true;
	assert_true(cli_venue_prepare(&o, clash_plan, strlen(clash_plan), &v, &w, &c, &e));
	a = &v->sections[0].rows[0];
	assert_int_equal(a->nseats, 5);
	/* first keeps 12; "12-2" is taken by another seat, so the next is 12-3 */
	assert_string_equal(a->seats[0].number, "12");
	assert_string_equal(a->seats[1].number, "12-2");
	assert_string_equal(a->seats[2].number, "12-3");
	assert_string_equal(a->seats[3].number, "13");
	assert_string_equal(a->seats[4].number, "12-4");
	assert_string_equal(v->sections[0].rows[1].seats[1].number, "1-2");
	assert_true(has_msg(&w, "zones[0].rows[1].seats[0]: Zone 1 row A seat 12 renamed to 12-3"));
	venue_msgs_free(&c);
	assert_int_equal(venue_clashes(v, &c), 0);
	venue_free(&v);
	venue_msgs_free(&w);
	venue_msgs_free(&c);
}

/* A plan, its error message must contain want. */
static void refused(const char *plan, const char *want)
{
	struct venue_msgs w = { 0 };
	struct venue *v = (struct venue *)1;
	struct err e;

	err_clear(&e);
	if (pretix_parse(plan, strlen(plan), &v, &w, &e))
		fail_msg("accepted: %s", plan);
	assert_null(v);
	if (strstr(e.msg, want) == NULL)
		fail_msg("got \"%s\", wanted \"%s\"", e.msg, want);
	venue_msgs_free(&w);
}

#define SEAT(pos) "{\"seat_guid\": \"g\", \"seat_number\": \"1\", \"position\": " pos "}"
#define PLAN(rows) "{\"name\": \"P\", \"zones\": [{\"position\": {\"x\": 0, \"y\": 0}, \"rows\": [" \
	rows "]}]}"

static void errors_name_paths(void **state)
{
	(void)state;
	refused(PLAN("{\"row_number\": \"A\", \"seats\": [" SEAT("{\"x\": 1, \"y\": 2}") ", "
		     SEAT("{\"x\": \"3\", \"y\": 2}") "]}"),
		"zones[0].rows[0].seats[1].position.x: expected a number, got a string");
	refused(PLAN("{\"row_number\": \"A\", \"seats\": [{\"seat_number\": \"1\"}]}"),
		"zones[0].rows[0].seats[0]: missing \"position\"");
	refused(PLAN("{\"seats\": [" SEAT("{\"x\": 1, \"y\": 2}") "]}"),
		"zones[0].rows[0]: missing \"row_number\"");
	refused(PLAN("{\"row_number\": \"A\"}"), "zones[0].rows[0]: missing \"seats\"");
	refused(PLAN("{\"row_number\": \"ABCDEFGHIJKLMNOPQRSTU\", \"seats\": ["
		     SEAT("{\"x\": 1, \"y\": 2}") "]}"),
		"zones[0].rows[0].row_number: expected 1 to 20 characters, got 21");
	refused(PLAN("{\"row_number\": \"A\", \"seats\": [" SEAT("{\"x\": 1e300, \"y\": 2}") "]}"),
		"zones[0].rows[0].seats[0].position: the absolute position is beyond");
	refused(PLAN("7"), "zones[0].rows[0]: expected an object, got a number");
	refused("{\"name\": \"P\", \"zones\": []}", "zones: expected at least one zone");
	refused("{\"name\": \"P\"}", "(top level): missing \"zones\"");
	refused("[1, 2]", "(top level): expected an object, got an array");
	refused("{\"name\": \"P\", \"zones\": [{\"name\": \"\\u0001x\", \"rows\": []}]}",
		"zones[0].name: expected text without control characters");
}

/* No seats at all is not an error of the reader (GA may be added) but of
 * the pipeline. */
static void no_seats_needs_ga(void **state)
{
	static const char plan[] = PLAN("{\"row_number\": \"A\", \"seats\": []}");
	struct cli_options o;
	struct venue_msgs w = { 0 }, c = { 0 };
	struct venue *v;
	struct err e;

	(void)state;
	memset(&o, 0, sizeof o);
	assert_false(cli_venue_prepare(&o, plan, strlen(plan), &v, &w, &c, &e));
	assert_non_null(strstr(e.msg, "sections: the venue has no seats"));
	venue_msgs_free(&w);
	o.ga[o.nga++] = "Floor:500";
	assert_true(cli_venue_prepare(&o, plan, strlen(plan), &v, &w, &c, &e));
	assert_int_equal(v->nsections, 1);
	assert_int_equal(v->sections[0].capacity, 500);
	venue_free(&v);
	venue_msgs_free(&w);
	venue_msgs_free(&c);
}

static void messy_numbers_and_missing_name(void **state)
{
	static const char plan[] =
		"{\"zones\": [{\"rows\": [{\"row_number\": 3, \"seats\": ["
		"{\"seat_number\": 12, \"position\": {\"x\": 1.005, \"y\": -2.5}}]}]}]}";
	struct venue_msgs w = { 0 };
	struct venue *v;
	struct err e;

	(void)state;
	assert_true(pretix_parse(plan, strlen(plan), &v, &w, &e));
	assert_null(v->name);
	assert_string_equal(v->sections[0].rows[0].label, "3");
	assert_string_equal(v->sections[0].rows[0].seats[0].number, "12");
	assert_int_equal(v->sections[0].rows[0].seats[0].y, -250);
	assert_false(venue_validate(v, &e));
	assert_non_null(strstr(e.msg, "--name"));
	venue_free(&v);
	venue_msgs_free(&w);
}

static void stage_words(void **state)
{
	(void)state;
	assert_true(pretix_says_stage("STAGE"));
	assert_true(pretix_says_stage("Main stage"));
	assert_true(pretix_says_stage("BÜHNE"));
	assert_true(pretix_says_stage("Bühne"));
	assert_true(pretix_says_stage("SCÈNE"));
	assert_true(pretix_says_stage("Podium"));
	assert_false(pretix_says_stage("Bar"));
	assert_false(pretix_says_stage("Exit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_seats),
		cmocka_unit_test(fixture_decorations),
		cmocka_unit_test(fixture_warnings),
		cmocka_unit_test(fixture_pipeline_and_round_trip),
		cmocka_unit_test(clashes_listed_and_refused),
		cmocka_unit_test(unique_labels_resolve),
		cmocka_unit_test(errors_name_paths),
		cmocka_unit_test(no_seats_needs_ga),
		cmocka_unit_test(messy_numbers_and_missing_name),
		cmocka_unit_test(stage_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
