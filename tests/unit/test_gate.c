/* gate: what a scanner types made into a token, the result words, seat text,
 * first-scan times; `validate` on the command line (parsing, exit codes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_gate.h"
#include "gate.h"

#define PARSE(o, e, ...) \
	cli_parse((int)(sizeof((char *[]){ "boxoffice", __VA_ARGS__ }) / sizeof(char *)), \
		  (char *[]){ "boxoffice", __VA_ARGS__ }, (o), (e))

#define TOKEN "3F2A9C01D4E5F60718293A4B5C6D7E8F90A1B2C3"

static void normalize_what_scanners_add(void **state)
{
	char out[GATE_TOKEN_MAX + 1];

	(void)state;
	assert_true(gate_normalize(TOKEN, out, sizeof out));
	assert_string_equal(out, TOKEN);
	/* a CR (or CR LF) after the code, blanks around it */
	assert_true(gate_normalize("  " TOKEN "\r\n", out, sizeof out));
	assert_string_equal(out, TOKEN);
	/* lower case, a tab, blanks inside (scanners set to group digits) */
	assert_true(gate_normalize("\t3f2a9c01 d4e5f607 18293a4b5c6d7e8f90a1b2c3 \r", out, sizeof out));
	assert_string_equal(out, TOKEN);
	/* nothing but blanks is nothing */
	assert_false(gate_normalize(" \r\n\t", out, sizeof out));
	assert_string_equal(out, "");
	assert_false(gate_normalize(NULL, out, sizeof out));
	/* too long for the buffer: refused, not cut into another code */
	assert_false(gate_normalize(TOKEN, out, 20));
	assert_string_equal(out, "");
}

static void result_words(void **state)
{
	static const char *const word[] = { "ADMITTED", "ALREADY_USED", "CANCELLED", "WRONG_EVENT",
					    "UNKNOWN" };
	static const char *const title[] = { "ADMITTED", "ALREADY SCANNED", "CANCELLED",
					     "WRONG EVENT", "UNKNOWN" };
	enum gate_result r;

	(void)state;
	for (int i = 0; i < GATE_RESULTS; i++) {
		assert_string_equal(gate_result_word((enum gate_result)i), word[i]);
		assert_string_equal(gate_result_title((enum gate_result)i), title[i]);
		assert_true(gate_result_parse(word[i], &r));
		assert_int_equal(r, i);
	}
	assert_false(gate_result_parse("admitted", &r));
	assert_false(gate_result_parse("ALREADY SCANNED", &r));
	assert_false(gate_result_parse(NULL, &r));
	assert_string_equal(gate_result_word((enum gate_result)99), "UNKNOWN");
}

static void gate_names(void **state)
{
	char out[GATE_NAME_MAX * 4 + 1], big[200];
	struct err e;

	(void)state;
	assert_true(gate_name("  North door \t", out, sizeof out, &e));
	assert_string_equal(out, "North door");
	assert_true(gate_name("Tür Süd", out, sizeof out, &e));
	assert_string_equal(out, "Tür Süd");
	assert_false(gate_name("   ", out, sizeof out, &e));
	assert_int_equal(e.code, ERR_INPUT);
	assert_non_null(strstr(e.msg, "Name the gate"));
	assert_false(gate_name("North\nSouth", out, sizeof out, &e));
	memset(big, 'x', 101);
	big[101] = '\0';
	assert_false(gate_name(big, out, sizeof out, &e));
	assert_non_null(strstr(e.msg, "at most 100"));
	big[100] = '\0';
	assert_true(gate_name(big, out, sizeof out, &e));
	assert_int_equal(strlen(out), 100);
}

static void seat_and_time_text(void **state)
{
	struct gate_scan s;
	char buf[128];
	time_t now;
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 27, .tm_hour = 20 };

	(void)state;
	memset(&s, 0, sizeof s);
	assert_string_equal(gate_seat_text(&s, buf, sizeof buf), "");
	snprintf(s.section, sizeof s.section, "Stalls");
	snprintf(s.row, sizeof s.row, "A");
	snprintf(s.seat, sizeof s.seat, "12");
	assert_string_equal(gate_seat_text(&s, buf, sizeof buf), "Stalls, row A, seat 12");
	s.row[0] = s.seat[0] = '\0';
	snprintf(s.section, sizeof s.section, "Promenade");
	assert_string_equal(gate_seat_text(&s, buf, sizeof buf), "Promenade (standing)");

	setenv("TZ", "UTC", 1);
	tzset();
	now = timegm(&tm); /* Fri 27 Nov 2026 20:00 */
	assert_string_equal(gate_time_text("2026-11-27T19:02:11Z", now, buf, sizeof buf), "19:02:11");
	assert_string_equal(gate_time_text("2026-11-26T19:02:11Z", now, buf, sizeof buf),
			    "Thu 26 Nov 19:02");
	assert_string_equal(gate_time_text("", now, buf, sizeof buf), "");
	assert_string_equal(gate_time_text("yesterday", now, buf, sizeof buf), "");
	assert_string_equal(gate_time_text(NULL, now, buf, sizeof buf), "");
}

static void validate_command_line(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "validate", TOKEN, "--gate", "North"));
	assert_int_equal(o.command, CLI_VALIDATE);
	assert_string_equal(o.words[0], TOKEN);
	assert_string_equal(o.gate, "North");
	assert_null(o.event);
	assert_false(o.json);
	assert_true(PARSE(&o, &e, "--gate=Door 2", "validate", TOKEN, "--event", "The Tempest", "--json"));
	assert_string_equal(o.gate, "Door 2");
	assert_string_equal(o.event, "The Tempest");
	assert_true(o.json);

	assert_false(PARSE(&o, &e, "validate", TOKEN));
	assert_int_equal(e.code, ERR_USAGE);
	assert_non_null(strstr(e.msg, "--gate"));
	assert_false(PARSE(&o, &e, "validate", "--gate", "North"));
	assert_int_equal(e.code, ERR_USAGE);
	assert_false(PARSE(&o, &e, "validate", TOKEN, "again", "--gate", "North"));
	assert_false(PARSE(&o, &e, "events", "--gate", "North"));
	assert_non_null(strstr(e.msg, "--gate is for validate"));
	assert_false(PARSE(&o, &e, "validate", TOKEN, "--gate", "North", "--seats", "A1"));
}

static void exit_codes(void **state)
{
	(void)state;
	assert_int_equal(cli_gate_exit(GATE_ADMITTED), 0);
	assert_int_equal(cli_gate_exit(GATE_ALREADY_USED), 3);
	assert_int_equal(cli_gate_exit(GATE_CANCELLED), 4);
	assert_int_equal(cli_gate_exit(GATE_WRONG_EVENT), 5);
	assert_int_equal(cli_gate_exit(GATE_UNKNOWN), 6);
	/* distinct from the error and usage codes */
	for (int i = 1; i < GATE_RESULTS; i++) {
		assert_int_not_equal(cli_gate_exit((enum gate_result)i), CLI_EXIT_FAIL);
		assert_int_not_equal(cli_gate_exit((enum gate_result)i), CLI_EXIT_USAGE);
	}
}

/* Blank or unscannable codes never reach the database (db may be NULL). */
static void validate_without_database(void **state)
{
	struct gate_scan s;
	struct err e;
	char big[300];

	(void)state;
	assert_false(gate_validate(NULL, " \r\n", "North", NULL, &s, &e));
	assert_int_equal(e.code, ERR_INPUT);
	assert_false(gate_validate(NULL, TOKEN, " ", NULL, &s, &e));
	assert_int_equal(e.code, ERR_INPUT);
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_true(gate_validate(NULL, big, "North", NULL, &s, &e));
	assert_int_equal(s.result, GATE_UNKNOWN);
	assert_true(gate_validate(NULL, "3F2A\xc3\xa9", "North", NULL, &s, &e));
	assert_int_equal(s.result, GATE_UNKNOWN);
	assert_string_equal(s.ticket_id, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalize_what_scanners_add),
		cmocka_unit_test(result_words),
		cmocka_unit_test(gate_names),
		cmocka_unit_test(seat_and_time_text),
		cmocka_unit_test(validate_command_line),
		cmocka_unit_test(exit_codes),
		cmocka_unit_test(validate_without_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
