/* cli: argument parsing into a struct, and exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"

#define PARSE(o, e, ...) \
	cli_parse((int)(sizeof((char *[]){ "boxoffice", __VA_ARGS__ }) / sizeof(char *)), \
		  (char *[]){ "boxoffice", __VA_ARGS__ }, (o), (e))

static void no_command_is_ui(void **state)
{
	struct cli_options o;
	struct err e;
	char *argv[] = { "boxoffice", NULL };

	(void)state;
	assert_true(cli_parse(1, argv, &o, &e));
	assert_int_equal(o.command, CLI_UI);
	assert_null(o.conninfo);
	assert_null(o.sql_dir);
}

static void options_with_and_without_equals(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "--db", "service=box", "--sql-dir=/srv/sql", "events"));
	assert_int_equal(o.command, CLI_EVENTS);
	assert_string_equal(o.conninfo, "service=box");
	assert_string_equal(o.sql_dir, "/srv/sql");
	/* Options after the command work too. */
	assert_true(PARSE(&o, &e, "migrate", "status", "--db=postgresql:///x"));
	assert_int_equal(o.command, CLI_MIGRATE_STATUS);
	assert_string_equal(o.conninfo, "postgresql:///x");
}

static void migrate_commands(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "migrate", "up"));
	assert_int_equal(o.command, CLI_MIGRATE_UP);
	assert_int_equal(o.count, 0);
	assert_true(PARSE(&o, &e, "migrate", "up", "2"));
	assert_int_equal(o.count, 2);
	assert_true(PARSE(&o, &e, "migrate", "down"));
	assert_int_equal(o.command, CLI_MIGRATE_DOWN);
	assert_int_equal(o.count, 0);
	assert_true(PARSE(&o, &e, "migrate", "down", "3"));
	assert_int_equal(o.count, 3);
}

static void help_and_version(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "--help"));
	assert_int_equal(o.command, CLI_HELP);
	assert_true(PARSE(&o, &e, "-h"));
	assert_int_equal(o.command, CLI_HELP);
	assert_true(PARSE(&o, &e, "--version"));
	assert_int_equal(o.command, CLI_VERSION);
	assert_true(PARSE(&o, &e, "migrate", "up", "--help"));
	assert_int_equal(o.command, CLI_HELP);
}

static void usage_errors(void **state)
{
	static const char *const want[] = {
		"unknown command \"frobnicate\"",
		"unknown option \"--nope\"",
		"--db needs a value",
		"migrate needs one of: status, up, down",
		"unknown migrate command \"sideways\" (status, up, down)",
		"expected a number of migrations, got \"two\"",
		"the number of migrations must be 1 to 9999, got \"0\"",
		"the number of migrations must be 1 to 9999, got \"3x\"",
		"too many arguments after migrate up",
		"migrate status takes no arguments",
		"--sql-dir needs a non-empty value",
	};
	struct cli_options o;
	struct err e;
	bool r[11];

	(void)state;
	r[0] = PARSE(&o, &e, "frobnicate");
	assert_string_equal(e.msg, want[0]);
	r[1] = PARSE(&o, &e, "--nope");
	assert_string_equal(e.msg, want[1]);
	r[2] = PARSE(&o, &e, "--db");
	assert_string_equal(e.msg, want[2]);
	r[3] = PARSE(&o, &e, "migrate");
	assert_string_equal(e.msg, want[3]);
	r[4] = PARSE(&o, &e, "migrate", "sideways");
	assert_string_equal(e.msg, want[4]);
	r[5] = PARSE(&o, &e, "migrate", "up", "two");
	assert_string_equal(e.msg, want[5]);
	r[6] = PARSE(&o, &e, "migrate", "down", "0");
	assert_string_equal(e.msg, want[6]);
	r[7] = PARSE(&o, &e, "migrate", "up", "3x");
	assert_string_equal(e.msg, want[7]);
	r[8] = PARSE(&o, &e, "migrate", "up", "1", "2");
	assert_string_equal(e.msg, want[8]);
	r[9] = PARSE(&o, &e, "migrate", "status", "1");
	assert_string_equal(e.msg, want[9]);
	r[10] = PARSE(&o, &e, "--sql-dir=", "events");
	assert_string_equal(e.msg, want[10]);
	for (int i = 0; i < 11; i++)
		assert_false(r[i]);
	assert_int_equal(e.code, ERR_USAGE);
	assert_int_equal(cli_exit_code(&e), CLI_EXIT_USAGE);
}

static void exit_codes(void **state)
{
	struct err e;

	(void)state;
	err_set(&e, ERR_CONNECT, "down");
	assert_int_equal(cli_exit_code(&e), 1);
	err_set(&e, ERR_USAGE, "bad");
	assert_int_equal(cli_exit_code(&e), 2);
}

static void double_dash_ends_options(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_false(PARSE(&o, &e, "--", "--db"));
	assert_string_equal(e.msg, "unknown command \"--db\"");
}

static void sell_and_seatmap(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "sell", "--event", "Hamlet", "--section=Stalls", "--seats",
			  "A12-A15", "--pay", "cash", "--tendered", "100.00", "--json"));
	assert_int_equal(o.command, CLI_SELL);
	assert_string_equal(o.event, "Hamlet");
	assert_string_equal(o.section, "Stalls");
	assert_string_equal(o.seats, "A12-A15");
	assert_string_equal(o.tendered, "100.00");
	assert_true(o.json);
	assert_true(PARSE(&o, &e, "sell", "--event", "E", "--section", "Floor", "--ga", "3", "--pay",
			  "comp", "--reason", "critic"));
	assert_string_equal(o.ga[0], "3");
	assert_false(o.killed);
	/* house seats: the named seats off sale, sold by a supervisor */
	assert_true(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--seats", "A1-A2",
			  "--killed", "--pay", "cash"));
	assert_true(o.killed);
	assert_true(PARSE(&o, &e, "seatmap", "Hamlet", "Stalls", "--text", "--width", "120"));
	assert_int_equal(o.command, CLI_SEATMAP);
	assert_string_equal(o.event, "Hamlet");
	assert_string_equal(o.width, "120");
}

static void sell_refusals(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--pay", "cash"));
	assert_non_null(strstr(e.msg, "exactly one of --seats"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--best", "2", "--seats",
			   "A1", "--pay", "cash"));
	assert_non_null(strstr(e.msg, "exactly one of"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--best", "0", "--pay",
			   "cash"));
	assert_non_null(strstr(e.msg, "--best must be a whole number from 1 to 100"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--ga", "x", "--pay",
			   "cash"));
	assert_non_null(strstr(e.msg, "--ga must be a whole number"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--ga", "2", "--pay",
			   "card"));
	assert_non_null(strstr(e.msg, "--reference"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--ga", "2", "--pay",
			   "comp"));
	assert_non_null(strstr(e.msg, "--reason"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--ga", "2", "--pay",
			   "card", "--reference", "R", "--tendered", "5"));
	assert_non_null(strstr(e.msg, "--tendered is for cash"));
	assert_false(PARSE(&o, &e, "sell", "--section", "S", "--ga", "2", "--pay", "cash"));
	assert_non_null(strstr(e.msg, "--event"));
	assert_int_equal(e.code, ERR_USAGE);
	/* sale options belong to sell; venue import's --ga keeps its own form */
	assert_false(PARSE(&o, &e, "events", "--pay", "cash"));
	assert_false(PARSE(&o, &e, "venue", "import", "f.json", "--ga", "3"));
	assert_non_null(strstr(e.msg, "NAME:CAPACITY"));
	assert_false(PARSE(&o, &e, "seatmap", "E"));
	assert_false(PARSE(&o, &e, "seatmap", "E", "S", "--width", "5"));
	assert_false(PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--best", "2", "--killed",
			   "--pay", "cash"));
	assert_string_equal(e.msg, "--killed sells the named seats: give them with --seats");
	assert_false(PARSE(&o, &e, "seatmap", "E", "S", "--killed"));
	assert_string_equal(e.msg, "--killed is for sell");
	assert_false(PARSE(&o, &e, "kill", "E", "--section", "S", "--seats", "A1", "--reason", "r",
			   "--killed"));
	assert_int_equal(e.code, ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_command_is_ui),
		cmocka_unit_test(options_with_and_without_equals),
		cmocka_unit_test(migrate_commands),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(usage_errors),
		cmocka_unit_test(exit_codes),
		cmocka_unit_test(double_dash_ends_options),
		cmocka_unit_test(sell_and_seatmap),
		cmocka_unit_test(sell_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
