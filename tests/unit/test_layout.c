/* layout: the shipped layouts load; every refusal names the key and what was
 * expected. Run from the top of the checkout (as tests/run.sh does), or set
 * BOXOFFICE_ASSETSDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "paths.h"

/* $BOXOFFICE_ASSETSDIR, else ./assets (tests/run.sh runs from the top),
 * else the checkout's assets beside build/tests/. */
static const char *assets(void)
{
	static char dir[4200];
	const char *a = getenv("BOXOFFICE_ASSETSDIR");
	char exe[4096];
	struct stat st;

	if (a != NULL && a[0] != '\0')
		return a;
	if (stat("assets/layouts", &st) == 0 || !paths_exe_dir(exe, sizeof exe))
		return "assets";
	snprintf(dir, sizeof dir, "%s/../../assets", exe);
	return dir;
}

static void shipped_layouts_load(void **state)
{
	static const struct { const char *name; double w, h; } want[] = {
		{ "boca", 139.7, 50.8 }, { "label-6x4", 152.4, 101.6 }, { "a4", 210, 297 },
		{ "receipt-80", 80, 125 },
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct layout *l = layout_load(want[i].name, assets(), &e);
		size_t qr = 0;

		if (l == NULL)
			fail_msg("%s: %s", want[i].name, e.msg);
		assert_string_equal(l->name, want[i].name);
		assert_float_equal(l->width_mm, want[i].w, 1e-9);
		assert_float_equal(l->height_mm, want[i].h, 1e-9);
		for (size_t j = 0; j < l->n_items; j++)
			qr += l->items[j].type == LAYOUT_QR;
		assert_int_equal(qr, 1);
		assert_true(l->n_items >= 8);
		layout_free(&l);
		assert_null(l);
	}
}

static void items_read_with_defaults(void **state)
{
	const char *j = "{\"name\":\"t\",\"page\":{\"width_mm\":100,\"height_mm\":50},\"items\":["
		"{\"type\":\"text\",\"x_mm\":10,\"y_mm\":5,\"size_pt\":10,\"text\":\"{event}\"},"
		"{\"type\":\"text\",\"x_mm\":10,\"y_mm\":15,\"size_pt\":20,\"text\":\"x\",\"bold\":true,"
		" \"align\":\"right\",\"max_width_mm\":30,\"fit\":\"cut\",\"min_size_pt\":8},"
		"{\"type\":\"qr\",\"x_mm\":60,\"y_mm\":10,\"size_mm\":30},"
		"{\"type\":\"line\",\"x1_mm\":0,\"y1_mm\":49,\"x2_mm\":100,\"y2_mm\":49,\"dash_mm\":2},"
		"{\"type\":\"box\",\"x_mm\":1,\"y_mm\":2,\"w_mm\":3,\"h_mm\":4,\"width_pt\":2,\"fill\":true}]}";
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);

	(void)state;
	if (l == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(l->n_items, 5);
	assert_int_equal(l->items[0].type, LAYOUT_TEXT);
	assert_float_equal(l->items[0].w_mm, 90, 1e-9);        /* to the page edge */
	assert_float_equal(l->items[0].min_size_pt, 6, 1e-9);  /* 60% */
	assert_int_equal(l->items[0].align, LAYOUT_LEFT);
	assert_int_equal(l->items[0].fit, LAYOUT_SHRINK);
	assert_false(l->items[0].bold);
	assert_string_equal(l->items[0].text, "{event}");
	assert_true(l->items[1].bold);
	assert_int_equal(l->items[1].align, LAYOUT_RIGHT);
	assert_int_equal(l->items[1].fit, LAYOUT_CUT);
	assert_float_equal(l->items[1].w_mm, 30, 1e-9);
	assert_float_equal(l->items[1].min_size_pt, 8, 1e-9);
	assert_int_equal(l->items[2].type, LAYOUT_QR);
	assert_float_equal(l->items[2].w_mm, 30, 1e-9);
	assert_float_equal(l->items[2].h_mm, 30, 1e-9);
	assert_int_equal(l->items[3].type, LAYOUT_LINE);
	assert_float_equal(l->items[3].width_pt, 0.5, 1e-9);
	assert_float_equal(l->items[3].x2_mm, 100, 1e-9);
	assert_float_equal(l->items[3].dash_mm, 2, 1e-9);
	assert_int_equal(l->items[4].type, LAYOUT_BOX);
	assert_true(l->items[4].fill);
	assert_float_equal(l->items[4].width_pt, 2, 1e-9);
	layout_free(&l);
}

#define HEAD "{\"name\":\"t\",\"page\":{\"width_mm\":100,\"height_mm\":50},\"items\":["
#define TEXT "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\"}"

static void every_refusal_names_the_key(void **state)
{
	static const struct { const char *json, *msg; } bad[] = {
		{ "{", "line 1, column 2" },
		{ "[]", "(top level): expected an object, got an array" },
		{ "{\"page\":{},\"items\":[]}", "name: missing (expected a string)" },
		{ "{\"name\":7}", "name: expected a string, got a number" },
		{ "{\"name\":\"\",\"page\":{\"width_mm\":1,\"height_mm\":1},\"items\":[]}",
		  "name: expected a non-empty string" },
		{ "{\"name\":\"t\",\"colour\":1}", "(top level): unknown key \"colour\"" },
		{ "{\"name\":\"t\"}", "page: missing" },
		{ "{\"name\":\"t\",\"page\":[]}", "page: expected an object, got an array" },
		{ "{\"name\":\"t\",\"page\":{\"height_mm\":5}}",
		  "page.width_mm: missing (expected a positive number)" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":\"5\",\"height_mm\":5}}",
		  "page.width_mm: expected a positive number, got a string" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":5,\"height_mm\":-5}}",
		  "page.height_mm: expected a positive number, got -5" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":5000,\"height_mm\":5}}",
		  "page.width_mm: 5000 is too large (at most 2000)" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":5,\"height_mm\":5,\"depth_mm\":1}}",
		  "page: unknown key \"depth_mm\"" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":5,\"height_mm\":5}}",
		  "items: missing (expected an array of items)" },
		{ "{\"name\":\"t\",\"page\":{\"width_mm\":5,\"height_mm\":5},\"items\":{}}",
		  "items: expected an array, got an object" },
		{ HEAD "]}", "items: expected 1 to 200 items, got 0" },
		{ HEAD "1]}", "items[0]: expected an object, got a number" },
		{ HEAD "{}]}", "items[0].type: missing (expected \"text\", \"qr\", \"line\" or \"box\")" },
		{ HEAD TEXT ",{\"type\":\"circle\"}]}",
		  "items[1].type: expected \"text\", \"qr\", \"line\" or \"box\", got \"circle\"" },
		{ HEAD TEXT ",{\"type\":\"qr\",\"x_mm\":1,\"y_mm\":1,\"size_mm\":0}]}",
		  "items[1].size_mm: expected a positive number, got 0" },
		{ HEAD "{\"type\":\"qr\",\"x_mm\":1,\"y_mm\":1}]}",
		  "items[0].size_mm: missing (expected a positive number)" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":\"1\",\"y_mm\":1,\"size_pt\":10,\"text\":\"a\"}]}",
		  "items[0].x_mm: expected a number of 0 or more, got a string" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":-1,\"size_pt\":10,\"text\":\"a\"}]}",
		  "items[0].y_mm: expected a number of 0 or more, got -1" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10}]}",
		  "items[0].text: missing (expected a string)" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\",\"bold\":1}]}",
		  "items[0].bold: expected true or false" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"align\":\"middle\",\"max_width_mm\":9}]}",
		  "items[0].align: expected \"left\", \"center\" or \"right\", got \"middle\"" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"fit\":\"squash\"}]}",
		  "items[0].fit: expected \"shrink\" or \"cut\", got \"squash\"" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"align\":\"center\"}]}",
		  "items[0].max_width_mm: missing (center and right alignment need the width" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"min_size_pt\":12}]}",
		  "items[0].min_size_pt: 12 is larger than size_pt (10)" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"colour\":\"red\"}]}",
		  "items[0]: unknown key \"colour\"" },
		{ HEAD TEXT "," TEXT "," TEXT ","
		  "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"Sec {sect}\"}]}",
		  "items[3].text: unknown placeholder {sect} (known: event, date," },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"{event\"}]}",
		  "items[0].text: \"{\" is not closed (write {{ for a literal brace)" },
		{ HEAD "{\"type\":\"qr\",\"x_mm\":80,\"y_mm\":10,\"size_mm\":30}]}",
		  "items[0] (qr): outside the page: it reaches 110.0 mm across and 40.0 mm down; "
		  "the page is 100.0 x 50.0 mm" },
		{ HEAD TEXT ",{\"type\":\"line\",\"x1_mm\":0,\"y1_mm\":0,\"x2_mm\":10,\"y2_mm\":51}]}",
		  "items[1] (line): outside the page" },
		{ HEAD "{\"type\":\"box\",\"x_mm\":0,\"y_mm\":0,\"w_mm\":101,\"h_mm\":5}]}",
		  "items[0] (box): outside the page" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":100,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\"}]}",
		  "items[0] (text): outside the page" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":48,\"size_pt\":10,\"text\":\"a\"}]}",
		  "items[0] (text): outside the page" },
		{ HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,\"text\":\"a\","
		  "\"max_width_mm\":100}]}",
		  "items[0] (text): outside the page" },
		{ HEAD "{\"type\":\"line\",\"x1_mm\":0,\"y1_mm\":0,\"x2_mm\":1,\"y2_mm\":1,"
		  "\"width_pt\":0}]}",
		  "items[0].width_pt: expected a positive number, got 0" },
		{ HEAD "{\"type\":\"box\",\"x_mm\":0,\"y_mm\":0,\"w_mm\":1,\"h_mm\":1,\"fill\":\"no\"}]}",
		  "items[0].fill: expected true or false" },
		{ HEAD "{\"type\":\"qr\",\"type\":\"qr\",\"x_mm\":1,\"y_mm\":1,\"size_mm\":3}]}",
		  "items[0]: key \"type\" appears twice" },
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct layout *l;

		err_clear(&e);
		l = layout_parse(bad[i].json, strlen(bad[i].json), &e);
		if (l != NULL)
			fail_msg("accepted: %s", bad[i].json);
		assert_int_equal(e.code, ERR_INPUT);
		if (strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s…\"", i, e.msg, bad[i].msg);
	}
}

static void long_texts_and_many_items_are_refused(void **state)
{
	char json[40000], text[300];
	size_t n;
	struct err e;

	(void)state;
	memset(text, 'x', 299);
	text[299] = '\0';
	snprintf(json, sizeof json, HEAD "{\"type\":\"text\",\"x_mm\":1,\"y_mm\":1,\"size_pt\":10,"
		 "\"text\":\"%s\"}]}", text);
	assert_null(layout_parse(json, strlen(json), &e));
	assert_string_equal(e.msg, "items[0].text: longer than 255 bytes");

	n = (size_t)snprintf(json, sizeof json, "%s", HEAD);
	for (int i = 0; i < 201; i++)
		n += (size_t)snprintf(json + n, sizeof json - n, "%s" TEXT, i ? "," : "");
	snprintf(json + n, sizeof json - n, "]}");
	assert_null(layout_parse(json, strlen(json), &e));
	assert_string_equal(e.msg, "items: expected 1 to 200 items, got 201");
}

static void files_and_names(void **state)
{
	char dir[] = "/tmp/boxoffice-layout-XXXXXX", path[256], out[512];
	struct layout *l;
	struct err e;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/bad.json", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(HEAD "{\"type\":\"qr\",\"x_mm\":1,\"y_mm\":1,\"size_mm\":-2}]}", f);
	fclose(f);
	assert_null(layout_load(path, NULL, &e));
	assert_string_equal(e.msg, "bad.json: items[0].size_mm: expected a positive number, got -2");
	unlink(path);
	assert_null(layout_load(path, NULL, &e));
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "Cannot read the layout"));
	rmdir(dir);

	/* names are looked up under <assets>/layouts; paths are taken as given */
	assert_true(layout_path("boca", "/opt/bo/assets", out, sizeof out, &e));
	assert_string_equal(out, "/opt/bo/assets/layouts/boca.json");
	assert_true(layout_path("my.json", "/x", out, sizeof out, &e));
	assert_string_equal(out, "my.json");
	assert_true(layout_path("./a/b", "/x", out, sizeof out, &e));
	assert_string_equal(out, "./a/b");
	assert_false(layout_path("..", "/x", out, sizeof out, &e));
	assert_int_equal(e.code, ERR_USAGE);
	assert_false(layout_path("bo ca", "/x", out, sizeof out, &e));
	assert_false(layout_path("", "/x", out, sizeof out, &e));
	assert_null(layout_load("no-such-layout", assets(), &e));
	assert_non_null(strstr(e.msg, "no-such-layout.json"));

	l = layout_load("label-6x4", assets(), &e);
	assert_non_null(l);
	layout_free(&l);
	layout_free(&l); /* NULL is fine */
	layout_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_layouts_load),
		cmocka_unit_test(items_read_with_defaults),
		cmocka_unit_test(every_refusal_names_the_key),
		cmocka_unit_test(long_texts_and_many_items_are_refused),
		cmocka_unit_test(files_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
