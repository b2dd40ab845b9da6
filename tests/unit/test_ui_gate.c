/* The gate screen at 80x24: the gate's name, scans typed as a scanner types
 * them, and each result (ADMITTED, ALREADY SCANNED, CANCELLED, WRONG EVENT,
 * UNKNOWN, NOT CHECKED, NO CONNECTION) drawn into a pad on a headless
 * terminal and read back, in ASCII and without colour. DUMP_SCREENS=1
 * prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr_gate.h"
#include "term_harness.h"

#define TOKEN "3F2A9C01D4E5F60718293A4B5C6D7E8F90A1B2C3"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };
static time_t now; /* Fri 27 Nov 2026 20:00:05 UTC */

/* The terminal, and the clock the results are written against. */
static int setup(void **state)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 27, .tm_hour = 20, .tm_sec = 5 };

	setenv("TZ", "UTC", 1);
	tzset();
	now = timegm(&tm);
	return start_term(state);
}

static void draw(struct scr_gate *s, WINDOW *w, const char *name)
{
	scr_gate_recalc(s, 24, 80);
	scr_gate_draw(s, w);
	dump(w, name);
}

static enum gt_cmd press(struct scr_gate *s, bool code, wint_t key)
{
	return scr_gate_do(s, scr_gate_key(s, code, key), code, key);
}

/* Types text as a USB scanner does, one key at a time; the last key's answer. */
static enum gt_cmd type(struct scr_gate *s, const char *text)
{
	enum gt_cmd last = GT_NONE;

	for (const char *p = text; *p; p++)
		last = press(s, false, (wint_t)(unsigned char)*p);
	return last;
}

static struct gate_scan answer(enum gate_result r)
{
	struct gate_scan g;

	memset(&g, 0, sizeof g);
	g.result = r;
	if (r == GATE_UNKNOWN)
		return g;
	snprintf(g.ticket_id, sizeof g.ticket_id, "7ace0000-0000-4000-f000-000000000001");
	snprintf(g.event_title, sizeof g.event_title, "%s",
		 r == GATE_WRONG_EVENT ? "Twelfth Night" : "The Tempest");
	snprintf(g.attendee, sizeof g.attendee, "Ann Example");
	snprintf(g.section, sizeof g.section, "Stalls");
	snprintf(g.row, sizeof g.row, "A");
	snprintf(g.seat, sizeof g.seat, "12");
	snprintf(g.tier, sizeof g.tier, "Standard");
	if (r == GATE_ADMITTED || r == GATE_ALREADY_USED) {
		snprintf(g.scanned_at, sizeof g.scanned_at, "%s",
			 r == GATE_ADMITTED ? "2026-11-27T20:00:05Z" : "2026-11-27T19:02:11Z");
		snprintf(g.scanned_gate, sizeof g.scanned_gate, "%s", r == GATE_ADMITTED ? "North" : "South");
	}
	return g;
}

/* Scans a code and shows the answer, as flow_gate does. */
static void scan(struct scr_gate *s, const char *typed, enum gate_result r)
{
	struct gate_scan g = answer(r);

	assert_int_equal(type(s, typed), GT_SCAN);
	scr_gate_result(s, &g, now);
}

static void started(struct scr_gate *s, const struct ui_style *st)
{
	scr_gate_init(s, st, "The Tempest - Fri 27 Nov 19:30", "The Tempest", "North");
	assert_int_equal(press(s, false, '\r'), GT_NAMED);
	assert_string_equal(scr_gate_name_text(s), "North");
	scr_gate_start(s, "North", 4);
}

static void naming(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_gate s;

	(void)state;
	scr_gate_init(&s, &utf8_style, "The Tempest · Fri 27 Nov 19:30", "The Tempest", "North");
	draw(&s, w, "naming");
	assert_true(find(w, "Gate mode · The Tempest · Fri 27 Nov 19:30") == 0);
	assert_true(find(w, "Which gate is this?") >= 0);
	assert_true(find(w, "Gate:  North") >= 0);
	/* the remembered name is replaced by typing */
	assert_int_equal(type(&s, "Door 2"), GT_NONE);
	assert_string_equal(scr_gate_name_text(&s), "Door 2");
	assert_int_equal(press(&s, false, '\r'), GT_NAMED);
	assert_int_equal(press(&s, false, 27), GT_BACK);
	scr_gate_message(&s, "Name the gate (for example North or Door 2).", true);
	draw(&s, w, "naming, refused");
	assert_true(find(w, "Name the gate") == 22);
	delwin(w);
}

static void admitted_ascii(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_gate s;
	int y;

	(void)state;
	started(&s, &ascii_style);
	draw(&s, w, "ready");
	assert_true(find(w, "Gate North - The Tempest - Fri 27 Nov 19:30") == 0);
	assert_true(find(w, "admitted here: 4") == 0);
	assert_true(find(w, "Ready: scan a ticket.") >= 0);
	assert_true(find(w, "None yet.") >= 0);

	/* lower case and a CR LF, as some scanners send */
	scan(&s, "3f2a9c01d4e5f60718293a4b5c6d7e8f90a1b2c3\r", GATE_ADMITTED);
	assert_string_equal(scr_gate_code(&s), "3f2a9c01d4e5f60718293a4b5c6d7e8f90a1b2c3");
	assert_int_equal(press(&s, false, '\n'), GT_NONE); /* the LF: no second scan */
	draw(&s, w, "admitted, ASCII");
	y = find(w, "ADMITTED: Stalls, row A, seat 12 - Standard");
	assert_int_equal(y, 10); /* the band's line of words */
	assert_true(find(w, "admitted here: 5") == 0);
	assert_true(find(w, "Let them in. Admitted at 20:00:05.") >= 0);
	assert_true(find(w, "Attendee: Ann Example") >= 0);
	/* block letters in '#', the band in reverse video without colour */
	assert_non_null(strstr(row(w, 5), " ##  #"));
	for (int r = 4; r < 12; r++)
		assert_true((mvwinch(w, r, 0) & A_REVERSE) != 0);
	assert_true((mvwinch(w, 3, 0) & A_REVERSE) == 0);
	assert_null(strstr(row(w, 4), "STOP")); /* admitted: no STOP along the edges */
	/* the scan box is empty and ready */
	assert_string_equal(row(w, 2), " Scan a ticket:");
	y = find(w, "Last scans at North");
	assert_true(y > 12);
	assert_non_null(strstr(row(w, y + 1), "20:00:05  ADMITTED"));
	assert_non_null(strstr(row(w, y + 1), "Stalls, row A, seat 12 - Standard"));
	/* nothing but ASCII in ASCII mode */
	for (int r = 0; r < 24; r++)
		for (const char *p = row(w, r); *p; p++)
			assert_true((unsigned char)*p < 0x80);
	delwin(w);
}

static void every_refusal(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_gate s;
	int y;

	(void)state;
	started(&s, &ascii_style);
	scan(&s, TOKEN "\r", GATE_ALREADY_USED);
	draw(&s, w, "already scanned");
	assert_true(find(w, "ALREADY SCANNED: first 19:02:11 at South") == 10);
	assert_true(find(w, "Do not admit: first scanned 19:02:11 at gate South.") >= 0);
	assert_true(find(w, "Ticket: Stalls, row A, seat 12 - Standard") >= 0);
	assert_non_null(strstr(row(w, 4), "STOP"));
	assert_non_null(strstr(row(w, 11), "STOP"));
	assert_true(find(w, "admitted here: 4") == 0); /* not counted */

	scan(&s, TOKEN "\r", GATE_CANCELLED);
	draw(&s, w, "cancelled");
	assert_true(find(w, "CANCELLED: do not admit") == 10);
	assert_true(find(w, "This ticket was cancelled. Send the attendee to the help desk.") >= 0);

	scan(&s, TOKEN "\r", GATE_WRONG_EVENT);
	draw(&s, w, "wrong event");
	assert_true(find(w, "WRONG EVENT: this ticket is for Twelfth Night") == 10);
	assert_true(find(w, "This ticket is for Twelfth Night.") >= 0);
	assert_true(find(w, "This gate scans The Tempest.") >= 0);

	scan(&s, TOKEN "\r", GATE_UNKNOWN);
	draw(&s, w, "unknown");
	assert_true(find(w, "UNKNOWN: no ticket has this code") == 10);
	assert_true(find(w, "Code scanned: ...90A1B2C3") >= 0);
	assert_non_null(strstr(row(w, 4), "STOP"));

	/* the list, newest first */
	y = find(w, "Last scans at North");
	assert_non_null(strstr(row(w, y + 1), "UNKNOWN"));
	assert_non_null(strstr(row(w, y + 2), "WRONG EVENT"));
	assert_non_null(strstr(row(w, y + 2), "for Twelfth Night"));
	assert_non_null(strstr(row(w, y + 3), "CANCELLED"));
	assert_non_null(strstr(row(w, y + 4), "ALREADY SCANNED"));
	assert_non_null(strstr(row(w, y + 4), "first 19:02:11 at South"));
	delwin(w);
}

static void not_checked_and_offline(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_gate s;
	int y;

	(void)state;
	started(&s, &utf8_style);
	assert_int_equal(type(&s, TOKEN "\r"), GT_SCAN);
	scr_gate_not_checked(&s, scr_gate_code(&s), "The connection to the database was lost.", now);
	scr_gate_set_offline(&s, true);
	draw(&s, w, "offline");
	assert_true(find(w, "NO CONNECTION: scans are NOT checked until it is back") == 10);
	assert_true(find(w, "The scan of …90A1B2C3 at 20:00:05 was NOT checked: scan it again.") >= 0);
	assert_true((mvwinch(w, 6, 0) & A_REVERSE) != 0);
	assert_non_null(strstr(row(w, 6), "█"));
	scr_gate_set_offline(&s, false);
	draw(&s, w, "not checked");
	assert_true(find(w, "NOT CHECKED: scan this ticket again") == 10);
	assert_true(find(w, "This scan (…90A1B2C3 at 20:00:05) was not checked: scan it again.") >= 0);
	assert_true(find(w, "The connection to the database was lost.") >= 0);
	y = find(w, "Last scans at North");
	assert_non_null(strstr(row(w, y + 1), "NOT CHECKED"));
	assert_non_null(strstr(row(w, y + 1), "code …90A1B2C3: scan it again"));
	delwin(w);
}

static void keys_never_swallow_a_scan(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_gate s;

	(void)state;
	started(&s, &utf8_style);
	/* Esc with an empty box asks; a scan arriving then goes into the box */
	assert_int_equal(press(&s, false, 27), GT_NONE);
	draw(&s, w, "leave?");
	assert_true(find(w, "Leave gate mode at North?") >= 0);
	assert_int_equal(type(&s, TOKEN "\r"), GT_SCAN);
	assert_string_equal(scr_gate_code(&s), TOKEN);
	assert_false(s.asking_leave);
	/* n keeps scanning, y leaves */
	press(&s, false, 27);
	assert_int_equal(press(&s, false, 'n'), GT_NONE);
	assert_false(s.asking_leave);
	press(&s, false, 27);
	assert_int_equal(press(&s, false, 'y'), GT_LEAVE);
	/* help: ? with an empty box, F1 any time; a code typed closes it and goes on */
	started(&s, &utf8_style);
	assert_int_equal(press(&s, false, '?'), GT_NONE);
	draw(&s, w, "help");
	assert_true(find(w, "Keys: gate") >= 0);
	assert_int_equal(type(&s, "3F2A\r"), GT_SCAN);
	assert_string_equal(scr_gate_code(&s), "3F2A");
	assert_false(s.help);
	/* Esc with something typed clears it; Tab ends a scan like Enter */
	type(&s, "3F2");
	assert_int_equal(press(&s, false, 27), GT_NONE);
	assert_false(s.asking_leave);
	assert_int_equal(press(&s, false, '\r'), GT_NONE);
	assert_int_equal(type(&s, "ABC\t"), GT_SCAN);
	assert_string_equal(scr_gate_code(&s), "ABC");
	delwin(w);
}

static void too_small(void **state)
{
	WINDOW *w = newpad(20, 60);
	struct scr_gate s;

	(void)state;
	started(&s, &ascii_style);
	scr_gate_recalc(&s, 20, 60);
	scr_gate_draw(&s, w);
	{
		bool said = false;
		for (int y = 0; y < 20; y++)
			said = said || strstr(row(w, y), "too small") != NULL;
		assert_true(said);
	}
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(naming),
		cmocka_unit_test(admitted_ascii),
		cmocka_unit_test(every_refusal),
		cmocka_unit_test(not_checked_and_offline),
		cmocka_unit_test(keys_never_swallow_a_scan),
		cmocka_unit_test(too_small),
	};
	return cmocka_run_group_tests(tests, setup, stop_term);
}
