/* venue, venue_native, json_in: the native format's rules and round trip,
 * safe parsing of hostile input, and the model's helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_in.h"
#include "venue.h"
#include "venue_native.h"

#define HEAD "{\"format\": \"boxoffice-venue/1\", \"name\": \"V\", "
#define SEAT1 "{\"number\": \"1\", \"x\": 1, \"y\": 2}"
#define ONE_SECTION(rows) "\"sections\": [{\"name\": \"S\", \"type\": \"NUMBERED\", \"rows\": [" \
	rows "]}]"

static const char sample[] =
	"{\n"
	"  \"format\": \"boxoffice-venue/1\",\n"
	"  \"name\": \"Lyric Theatre\",\n"
	"  \"address\": \"1 Stage Street\",\n"
	"  \"size\": { \"width\": 1000, \"height\": 900 },\n"
	"  \"categories\": [ { \"name\": \"Stalls\", \"color\": \"#c0392b\" } ],\n"
	"  \"sections\": [\n"
	"    { \"name\": \"Stalls\", \"type\": \"NUMBERED\",\n"
	"      \"rows\": [\n"
	"        { \"label\": \"A\",\n"
	"          \"seats\": [ { \"number\": \"1\", \"x\": 120.5, \"y\": 60, \"accessible\": true, "
	"\"category\": \"Stalls\" },\n"
	"                       { \"number\": \"2\", \"x\": -0.05, \"y\": 60.004 } ] } ] },\n"
	"    { \"name\": \"Promenade\", \"type\": \"GENERAL\", \"capacity\": 200 }\n"
	"  ],\n"
	"  \"decorations\": [\n"
	"    { \"kind\": \"stage\", \"shape\": \"rectangle\", \"x\": 400, \"y\": 0, \"width\": 200, "
	"\"height\": 40, \"rotation\": 0, \"text\": \"STAGE\", \"color\": \"#333333\" },\n"
	"    { \"kind\": \"shape\", \"shape\": \"circle\", \"x\": 10, \"y\": 10, \"radius\": 3 },\n"
	"    { \"kind\": \"shape\", \"shape\": \"ellipse\", \"x\": 10, \"y\": 10, \"rx\": 3, \"ry\": 2 },\n"
	"    { \"kind\": \"shape\", \"shape\": \"polygon\", \"points\": [[0, 0], [10, 0], [10.25, 10]] },\n"
	"    { \"kind\": \"text\", \"x\": 500, \"y\": 880, \"text\": \"Bar\" }\n"
	"  ]\n"
	"}\n";

static void reads_the_readme_example(void **state)
{
	struct venue *v;
	struct err e;
	struct venue_counts c;

	(void)state;
	if (!venue_native_parse(sample, strlen(sample), &v, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(v->name, "Lyric Theatre");
	assert_string_equal(v->address, "1 Stage Street");
	assert_int_equal(v->width, 100000);
	assert_int_equal(v->sections[0].rows[0].seats[0].x, 12050);
	assert_true(v->sections[0].rows[0].seats[0].accessible);
	assert_int_equal(v->sections[0].rows[0].seats[0].category, 0);
	assert_int_equal(v->sections[0].rows[0].seats[1].x, -5);
	assert_int_equal(v->sections[0].rows[0].seats[1].y, 6000); /* 60.004 → 60.00 */
	assert_int_equal(v->sections[0].rows[0].seats[1].category, -1);
	assert_int_equal(v->sections[1].type, VENUE_GENERAL);
	assert_int_equal(v->sections[1].capacity, 200);
	assert_int_equal(v->ndecorations, 5);
	assert_int_equal(v->decorations[0].kind, VENUE_DECO_STAGE);
	assert_int_equal(v->decorations[3].points[5], 1000);
	assert_int_equal(v->decorations[3].points[4], 1025);
	assert_int_equal(v->decorations[4].kind, VENUE_DECO_TEXT);
	venue_count(v, &c);
	assert_int_equal(c.sections, 2);
	assert_int_equal(c.seats, 2);
	assert_int_equal(c.accessible, 1);
	assert_int_equal(c.standing, 200);
	assert_int_equal(c.decorations, 5);
	venue_free(&v);
	assert_null(v);
}

static void round_trip_is_byte_identical(void **state)
{
	struct venue *a, *b;
	struct err e;
	size_t l1, l2;
	char *one, *two;

	(void)state;
	assert_true(venue_native_parse(sample, strlen(sample), &a, &e));
	assert_non_null(one = venue_native_write(a, &l1, &e));
	assert_true(venue_native_parse(one, l1, &b, &e));
	assert_non_null(two = venue_native_write(b, &l2, &e));
	assert_int_equal(l1, l2);
	assert_memory_equal(one, two, l1);
	/* numbers: at most two decimals, no trailing zeros */
	assert_non_null(strstr(one, "\"x\": 120.5, \"y\": 60, \"accessible\": true"));
	assert_non_null(strstr(one, "\"x\": -0.05, \"y\": 60}"));
	assert_non_null(strstr(one, "\"points\": [[0, 0], [10, 0], [10.25, 10]]"));
	free(one);
	free(two);
	venue_free(&a);
	venue_free(&b);
}

static void writer_escapes_strings(void **state)
{
	struct venue *v, *back;
	struct err e;
	char *doc;
	size_t len;

	(void)state;
	assert_non_null(v = venue_new(&e));
	assert_true(venue_set_name(v, "Quote \" back \\ \xc3\xa9", &e));
	assert_true(venue_add_general(v, "Floor", 10, &e));
	assert_non_null(doc = venue_native_write(v, &len, &e));
	assert_non_null(strstr(doc, "\"name\": \"Quote \\\" back \\\\ \xc3\xa9\""));
	assert_true(venue_native_parse(doc, len, &back, &e));
	assert_string_equal(back->name, v->name);
	free(doc);
	venue_free(&v);
	venue_free(&back);
}

static void refused(const char *doc, const char *want)
{
	struct venue *v = (struct venue *)1;
	struct err e;

	err_clear(&e);
	if (venue_native_parse(doc, strlen(doc), &v, &e))
		fail_msg("accepted: %s", doc);
	assert_null(v);
	if (strstr(e.msg, want) == NULL)
		fail_msg("got \"%s\", wanted \"%s\"", e.msg, want);
}

static void native_errors_name_paths(void **state)
{
	(void)state;
	refused(HEAD "\"sections\": [{\"name\": \"S\", \"type\": \"GENERAL\", \"capacity\": 1}, "
		"{\"name\": \"T\", \"type\": \"NUMBERED\", \"rows\": [{\"label\": \"A\", \"seats\": ["
		SEAT1 ", {\"number\": \"2\", \"x\": \"1\", \"y\": 2}]}]}]}",
		"sections[1].rows[0].seats[1].x: expected a number, got a string");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [{\"number\": \"1\", \"x\": 1, "
				 "\"y\": 2, \"numbr\": 3}]}") "}",
		"sections[0].rows[0].seats[0]: unknown key \"numbr\" (expected one of: number, x, y, "
		"accessible, category)");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": []}") "}",
		"sections[0].rows[0].seats: expected at least one seat");
	refused(HEAD "\"sections\": [{\"name\": \"S\", \"type\": \"NUMBERED\", \"rows\": []}]}",
		"sections[0].rows: expected at least one row");
	refused(HEAD "\"sections\": []}", "sections: expected at least one section");
	refused(HEAD "\"sectons\": []}", "(top level): unknown key \"sectons\"");
	refused("{\"format\": \"boxoffice-venue/2\", \"name\": \"V\", \"sections\": []}",
		"format: expected \"boxoffice-venue/1\", got \"boxoffice-venue/2\"");
	refused("{\"format\": \"boxoffice-venue/1\", \"sections\": []}",
		"(top level): missing \"name\" (expected a string)");
	refused("{\"format\": \"boxoffice-venue/1\", \"name\": \"\", \"sections\": []}",
		"name: expected 1 to 200 characters, got 0");
	refused(HEAD ONE_SECTION("{\"label\": \"ABCDEFGHIJKLMNOPQRSTUVWXYZ\", \"seats\": [" SEAT1
				 "]}") "}",
		"sections[0].rows[0].label: expected 1 to 20 characters, got 26");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [{\"number\": \"1\", \"x\": 1e9, "
				 "\"y\": 2}]}") "}",
		"sections[0].rows[0].seats[0].x: expected a number from -99999999 to 99999999");
	refused(HEAD "\"sections\": [{\"name\": \"G\", \"type\": \"GENERAL\", \"capacity\": 2.5}]}",
		"sections[0].capacity: expected a whole number from 0 to 2147483647");
	refused(HEAD "\"sections\": [{\"name\": \"G\", \"type\": \"GENERAL\", \"capacity\": -1}]}",
		"sections[0].capacity: expected a whole number");
	refused(HEAD "\"sections\": [{\"name\": \"G\", \"type\": \"GENERAL\", \"capacity\": 1, "
		"\"rows\": []}]}", "sections[0]: unknown key \"rows\"");
	refused(HEAD "\"sections\": [{\"name\": \"G\", \"type\": \"SEATED\"}]}",
		"sections[0].type: expected \"NUMBERED\" or \"GENERAL\"");
	refused(HEAD "\"sections\": [{\"name\": \"G\", \"type\": \"GENERAL\", \"capacity\": 1}, "
		"{\"name\": \"G\", \"type\": \"GENERAL\", \"capacity\": 1}]}",
		"sections[1].name: \"G\" is already the name of another section");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [{\"number\": \"1\", \"x\": 1, "
				 "\"y\": 2, \"category\": \"VIP\"}]}") "}",
		"sections[0].rows[0].seats[0].category: \"VIP\" is not one of the categories");
	refused(HEAD "\"categories\": [{\"name\": \"A\", \"color\": \"red\"}], "
		ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") "}",
		"categories[0].color: expected a colour like");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"shape\", \"x\": 1, \"y\": 1, \"text\": \"Bar\"}]}",
		"decorations[0]: missing \"shape\"");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"stage\", \"x\": 1, \"y\": 1}]}",
		"decorations[0]: missing \"text\"");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"shape\", \"shape\": \"circle\", \"x\": 1, \"y\": 1, \"radius\": 2, "
		"\"rotation\": 5}]}", "decorations[0]: unknown key \"rotation\"");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"shape\", \"shape\": \"polygon\", \"points\": [[0, 0], [1, 1]]}]}",
		"decorations[0].points: expected at least 3 points");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"shape\", \"shape\": \"polygon\", \"points\": [[0, 0], [1, 1], [2]]}]}",
		"decorations[0].points[2]: expected [x, y] (two numbers)");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [" SEAT1 "]}") ", \"decorations\": "
		"[{\"kind\": \"shape\", \"shape\": \"rectangle\", \"x\": 1, \"y\": 1, \"width\": -2, "
		"\"height\": 1}]}", "decorations[0].width: expected a number that is not negative");
	refused(HEAD "\"name\": \"W\", \"sections\": []}", "(top level): key \"name\" appears twice");
	refused(HEAD ONE_SECTION("{\"label\": \"A\", \"seats\": [{\"number\": \"1\", \"x\": 1, "
				 "\"y\": 2, \"accessible\": 1}]}") "}",
		"sections[0].rows[0].seats[0].accessible: expected true or false, got a number");
}

/* Hostile input: a clear error with a position, never a crash. */
static void parse_refused(const char *text, size_t len, const char *want)
{
	struct err e;
	cJSON *root;

	err_clear(&e);
	root = json_in_parse(text, len, &e);
	if (root != NULL) {
		cJSON_Delete(root);
		fail_msg("accepted");
	}
	if (strstr(e.msg, want) == NULL)
		fail_msg("got \"%s\", wanted \"%s\"", e.msg, want);
}

#define PARSE_REFUSED(lit, want) parse_refused(lit, sizeof lit - 1, want)

static void hostile_json(void **state)
{
	static const char bad_utf8[] = "{\"zones\": [{\"name\": \"ok\"}, {\"name\": \"\xc3\x28\"}]}";
	char deep[200];
	size_t n = 0;

	(void)state;
	PARSE_REFUSED("", "the file is empty");
	PARSE_REFUSED(" \n\t", "the file is empty");
	PARSE_REFUSED("{\"a\": 1,\n  \"b\": nope}", "line 2, column 8: not valid JSON here");
	PARSE_REFUSED("{\"a\": [1, 2", "the JSON ends too early (truncated file?)");
	PARSE_REFUSED("{\"a\": 1} x", "line 1, column 10: unexpected text after the JSON value");
	PARSE_REFUSED("{\"a\": \"x\\u0000y\"}", "\\u0000 (NUL) is not allowed");
	PARSE_REFUSED("{\"a\": \"x\0y\"}", "a NUL byte");
	parse_refused(bad_utf8, strlen(bad_utf8),
		      "zones[1].name: expected UTF-8 text (invalid byte sequence)");
	PARSE_REFUSED("{\"\xff\": 1}", "(top level): a key is not UTF-8 text");
	PARSE_REFUSED("{\"a\": \"\\ud800\"}", "not valid JSON"); /* lone surrogate */
	for (int i = 0; i < 65; i++)
		deep[n++] = '[';
	parse_refused(deep, n, "line 1, column 65: nested deeper than 64 levels");
	/* 64 levels are fine */
	n = 0;
	for (int i = 0; i < 64; i++)
		deep[n++] = '[';
	for (int i = 0; i < 64; i++)
		deep[n++] = ']';
	{
		struct err e;
		cJSON *root = json_in_parse(deep, n, &e);
		assert_non_null(root);
		cJSON_Delete(root);
	}
	/* the size limit is checked before anything is read */
	parse_refused("{}", JSON_IN_MAX_BYTES + 1, "the file is 67108865 bytes; the limit is");
}

static void text_rules(void **state)
{
	struct err e;

	(void)state;
	assert_true(venue_utf8_valid("caf\xc3\xa9 \xf0\x9f\x8e\xad", 10));
	assert_false(venue_utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(venue_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(venue_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(venue_utf8_valid("\xe2\x82", 2));         /* cut short */
	assert_int_equal(venue_utf8_chars("R\xc3\xa4ng"), 4);
	assert_true(venue_text_check("R\xc3\xa4ng 12345678901234", 20, "p", &e)); /* 20 chars */
	assert_false(venue_text_check("a\tb", 20, "p", &e));
	assert_string_equal(e.msg, "p: expected text without control characters (found 0x09)");
	assert_true(venue_color_check("#abc", "c", &e));
	assert_true(venue_color_check("#AABBCCDD", "c", &e));
	assert_false(venue_color_check("#ab", "c", &e));
	assert_false(venue_color_check("#abcdefabc", "c", &e));
	assert_false(venue_color_check("#ggg", "c", &e));
}

static void coordinates(void **state)
{
	char buf[32];
	int64_t c;

	(void)state;
	assert_string_equal(venue_coord_format(12050, buf), "120.5");
	assert_string_equal(venue_coord_format(12000, buf), "120");
	assert_string_equal(venue_coord_format(-5, buf), "-0.05");
	assert_string_equal(venue_coord_format(-12345, buf), "-123.45");
	assert_string_equal(venue_coord_format(9999999900LL, buf), "99999999");
	assert_true(venue_coord_from_double(99999999.0, &c));
	assert_int_equal(c, 9999999900LL);
	assert_false(venue_coord_from_double(100000000.0, &c));
	assert_false(venue_coord_from_double(-100000000.0, &c));
	assert_true(venue_coord_from_double(0.125, &c)); /* rounds half away from zero */
	assert_int_equal(c, 13);
}

static void boxes_and_general(void **state)
{
	struct venue *v;
	struct err e;
	struct venue_box b;

	(void)state;
	assert_true(venue_native_parse(sample, strlen(sample), &v, &e));
	assert_true(venue_section_box(&v->sections[0], &b));
	assert_int_equal(b.min_x, -5);
	assert_int_equal(b.max_x, 12050);
	assert_int_equal(b.min_y, 6000);
	assert_int_equal(b.max_y, 6000);
	assert_false(venue_section_box(&v->sections[1], &b));
	assert_false(venue_add_general(v, "Promenade", 5, &e));
	assert_string_equal(e.msg, "a section named \"Promenade\" already exists");
	assert_false(venue_add_general(v, "Pit", -1, &e));
	venue_free(&v);
}

/* Two row objects with one label are one row (as in pretix); clashes
 * across them are found. */
static void native_rows_merge_and_clash(void **state)
{
	static const char doc[] = HEAD ONE_SECTION(
		"{\"label\": \"A\", \"seats\": [" SEAT1 "]}, {\"label\": \"B\", \"seats\": [" SEAT1 "]},"
		"{\"label\": \"A\", \"seats\": [" SEAT1 "]}") "}";
	struct venue *v;
	struct err e;
	struct venue_msgs m = { 0 };

	(void)state;
	assert_true(venue_native_parse(doc, strlen(doc), &v, &e));
	assert_int_equal(v->sections[0].nrows, 2);
	assert_int_equal(v->sections[0].rows[0].nseats, 2);
	assert_int_equal(venue_clashes(v, &m), 1);
	assert_string_equal(m.items[0], "S row A seat 1: 2 seats (sections[0].rows[0].seats[0], "
			    "sections[0].rows[2].seats[0])");
	venue_msgs_free(&m);
	venue_free(&v);
}

static void messages_are_capped(void **state)
{
	struct venue_msgs m = { 0 };

	(void)state;
	for (int i = 0; i < VENUE_MSGS_MAX + 5; i++)
		venue_msgs_add(&m, "message %d", i);
	assert_int_equal(m.n, VENUE_MSGS_MAX);
	assert_int_equal(m.dropped, 5);
	assert_string_equal(m.items[0], "message 0");
	venue_msgs_free(&m);
	assert_int_equal(m.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_readme_example),
		cmocka_unit_test(round_trip_is_byte_identical),
		cmocka_unit_test(writer_escapes_strings),
		cmocka_unit_test(native_errors_name_paths),
		cmocka_unit_test(hostile_json),
		cmocka_unit_test(text_rules),
		cmocka_unit_test(coordinates),
		cmocka_unit_test(boxes_and_general),
		cmocka_unit_test(native_rows_merge_and_clash),
		cmocka_unit_test(messages_are_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
