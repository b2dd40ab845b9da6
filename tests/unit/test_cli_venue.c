/* cli venue commands: parsing, option rules, --ga, file reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_venue.h"

#define PARSE(o, e, ...) \
	cli_parse((int)(sizeof((char *[]){ "boxoffice", __VA_ARGS__ }) / sizeof(char *)), \
		  (char *[]){ "boxoffice", __VA_ARGS__ }, (o), (e))

static void venue_commands(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "venue", "import", "plan.json", "--org", "Acme", "--name=Hall",
			  "--ga", "Standing:200", "--ga=Bar: upstairs:50", "--unique-labels"));
	assert_int_equal(o.command, CLI_VENUE_IMPORT);
	assert_string_equal(o.arg, "plan.json");
	assert_string_equal(o.org, "Acme");
	assert_string_equal(o.name, "Hall");
	assert_int_equal(o.nga, 2);
	assert_string_equal(o.ga[1], "Bar: upstairs:50");
	assert_true(o.unique_labels);
	assert_true(PARSE(&o, &e, "venue", "import", "-"));
	assert_string_equal(o.arg, "-");
	assert_true(PARSE(&o, &e, "venue", "export", "Lyric Theatre"));
	assert_int_equal(o.command, CLI_VENUE_EXPORT);
	assert_true(PARSE(&o, &e, "venue", "list"));
	assert_int_equal(o.command, CLI_VENUE_LIST);
	assert_true(PARSE(&o, &e, "venue", "show", "x"));
	assert_int_equal(o.command, CLI_VENUE_SHOW);
	assert_true(PARSE(&o, &e, "venue", "generate", "stadium", "--name", "Big"));
	assert_int_equal(o.command, CLI_VENUE_GENERATE);
	assert_string_equal(o.name, "Big");
}

static void venue_usage_errors(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_false(PARSE(&o, &e, "venue"));
	assert_int_equal(e.code, ERR_USAGE);
	assert_false(PARSE(&o, &e, "venue", "import"));
	assert_string_equal(e.msg, "venue import needs a file (or - for standard input)");
	assert_false(PARSE(&o, &e, "venue", "list", "x"));
	assert_string_equal(e.msg, "too many arguments after venue list");
	assert_false(PARSE(&o, &e, "venue", "generate", "circus"));
	assert_false(PARSE(&o, &e, "venue", "frobnicate"));
	assert_false(PARSE(&o, &e, "venue", "list", "--org", "x"));
	assert_string_equal(e.msg, "--org is only for venue import");
	assert_false(PARSE(&o, &e, "venue", "export", "x", "--unique-labels"));
	assert_false(PARSE(&o, &e, "events", "--name", "x"));
	assert_string_equal(e.msg, "--name is only for venue import and venue generate");
	assert_false(PARSE(&o, &e, "venue", "import", "f", "--ga", "Standing"));
	assert_false(PARSE(&o, &e, "venue", "import", "f", "--ga", "Standing:lots"));
	assert_false(PARSE(&o, &e, "venue", "import", "f", "--ga", ":5"));
	assert_false(PARSE(&o, &e, "venue", "import", "f", "--ga", "A:99999999999"));
}

static void ga_specs(void **state)
{
	char name[64];
	long long cap;
	struct err e;

	(void)state;
	assert_true(cli_ga_parse("Standing:200", name, sizeof name, &cap, &e));
	assert_string_equal(name, "Standing");
	assert_int_equal(cap, 200);
	assert_true(cli_ga_parse("Bar: upstairs:0", name, sizeof name, &cap, &e));
	assert_string_equal(name, "Bar: upstairs");
	assert_int_equal(cap, 0);
	assert_false(cli_ga_parse("Standing:-1", name, sizeof name, &cap, &e));
	assert_false(cli_ga_parse("Standing:", name, sizeof name, &cap, &e));
}

static void thousands(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(cli_venue_thousands(0, buf, sizeof buf), "0");
	assert_string_equal(cli_venue_thousands(999, buf, sizeof buf), "999");
	assert_string_equal(cli_venue_thousands(1040, buf, sizeof buf), "1,040");
	assert_string_equal(cli_venue_thousands(82790, buf, sizeof buf), "82,790");
	assert_string_equal(cli_venue_thousands(1234567, buf, sizeof buf), "1,234,567");
	assert_string_equal(cli_venue_thousands(-1234, buf, sizeof buf), "-1,234");
}

static void reading_files(void **state)
{
	struct err e;
	char *text;
	size_t len;

	(void)state;
	assert_false(cli_venue_read_file("/nonexistent/plan.json", &text, &len, &e));
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "cannot open /nonexistent/plan.json"));
	assert_false(cli_venue_read_file("tests", &text, &len, &e));
	assert_string_equal(e.msg, "tests is a directory, not a file");
	assert_true(cli_venue_read_file("tests/unit/fixtures/pretix_plan.json", &text, &len, &e));
	assert_true(len > 1000);
	assert_int_equal(strlen(text), len);
	free(text);
}

/* A file over the limit is refused from its size, before it is read. */
static void huge_file_refused(void **state)
{
	char path[] = "/tmp/boxoffice-huge-XXXXXX";
	int fd = mkstemp(path);
	struct err e;
	char *text;
	size_t len;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)(64 << 20) + 10), 0);
	assert_false(cli_venue_read_file(path, &text, &len, &e));
	assert_non_null(strstr(e.msg, "is 67108874 bytes; the limit is 67108864 bytes (64 MiB)"));
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(venue_commands),
		cmocka_unit_test(venue_usage_errors),
		cmocka_unit_test(ga_specs),
		cmocka_unit_test(thousands),
		cmocka_unit_test(reading_files),
		cmocka_unit_test(huge_file_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
