/* events: display time formatting and title filtering (no database). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events.h"

static void with_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void formats_in_local_time(void **state)
{
	char buf[EVENTS_TIME_SIZE];

	(void)state;
	setlocale(LC_TIME, "C");
	with_tz("UTC");
	assert_string_equal(events_format_time((time_t)1795807800, buf, sizeof buf),
			    "Fri 27 Nov 19:30");
	/* Berlin is UTC+1 in November. */
	with_tz("Europe/Berlin");
	assert_string_equal(events_format_time((time_t)1795807800, buf, sizeof buf),
			    "Fri 27 Nov 20:30");
	/* The day is not zero-padded; hours and minutes are. */
	with_tz("UTC");
	assert_string_equal(events_format_time((time_t)1772787900, buf, sizeof buf),
			    "Fri 6 Mar 09:05");
}

static void format_truncates_to_buffer(void **state)
{
	char buf[8];

	(void)state;
	with_tz("UTC");
	events_format_time((time_t)1795807800, buf, sizeof buf);
	assert_string_equal(buf, "Fri 27 ");
}

static void title_filter_ascii(void **state)
{
	(void)state;
	setlocale(LC_CTYPE, "C");
	assert_true(events_title_matches("Hamlet", ""));
	assert_true(events_title_matches("Hamlet", NULL));
	assert_true(events_title_matches("Hamlet", "ham"));
	assert_true(events_title_matches("Hamlet", "LET"));
	assert_true(events_title_matches("The Magic Flute", "c f"));
	assert_false(events_title_matches("Hamlet", "macbeth"));
	assert_false(events_title_matches("", "x"));
}

static void title_filter_utf8(void **state)
{
	(void)state;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		skip();
	assert_true(events_title_matches("Die Ärzte live", "är"));
	assert_true(events_title_matches("Śpiewaj", "ŚPIEW"));
	assert_false(events_title_matches("Die Ärzte", "arzte"));
	setlocale(LC_CTYPE, "C");
}

static void free_empties_and_accepts_null(void **state)
{
	struct event_list l;

	(void)state;
	l.items = calloc(2, sizeof *l.items);
	l.n = 2;
	l.items[0].title = strdup("A");
	l.items[0].venue = strdup("V");
	l.items[1].title = strdup("B");
	l.items[1].venue = NULL;
	events_free(&l);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
	events_free(&l);
	events_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats_in_local_time),
		cmocka_unit_test(format_truncates_to_buffer),
		cmocka_unit_test(title_filter_ascii),
		cmocka_unit_test(title_filter_utf8),
		cmocka_unit_test(free_empties_and_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
