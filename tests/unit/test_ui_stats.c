/* The statistics screen at 80x24 with handmade figures: totals, a section
 * bar, the hours sparkline, payments or "not shown to your role". Drawn into
 * pads on a headless terminal and read back. DUMP_SCREENS=1 prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr_stats.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

static struct stats_section sections[] = {
	{ .id = "s1", .name = "Stalls", .general = false, .active = true,
	  .capacity = 100, .sold = 50, .held = 10, .killed = 0, .free = 40 },
	{ .id = "s2", .name = "Standing", .general = true, .active = true,
	  .capacity = 200, .sold = 200, .held = 0, .killed = 0, .free = 0 },
};
static struct stats_hour hours[] = {
	{ .hour = "2026-11-20T10:00:00Z", .orders = 1, .tickets = 2, .gross = 8800 },
	{ .hour = "2026-11-20T12:00:00Z", .orders = 4, .tickets = 8, .gross = 35200 },
	{ .hour = "2026-11-20T13:00:00Z", .orders = 2, .tickets = 4, .gross = 17600 },
};
static struct stats_payments payments[] = {
	{ .method = "CASH", .clerk = "clerk_a", .orders = 5, .payments = 5, .amount = 44000 },
	{ .method = "CARD", .clerk = "super_a", .orders = 2, .payments = 2, .amount = 17600 },
};

static struct stats figures(void)
{
	struct stats s;

	memset(&s, 0, sizeof s);
	snprintf(s.event_id, sizeof s.event_id, "e1");
	s.title = "The Tempest";
	snprintf(s.as_of, sizeof s.as_of, "2026-11-20T14:02:11Z");
	s.have_totals = true;
	s.orders = 7, s.tickets_sold = 14;
	s.gross = 61600, s.fees = 1400, s.net = 60200;
	s.sections = sections, s.nsections = 2;
	s.hours = hours, s.nhours = 3;
	s.have_breakdown = true;
	s.payments = payments, s.npayments = 2;
	s.have_admissions = true;
	s.tickets_live = 14, s.scanned = 3;
	return s;
}

static enum st_cmd press(struct scr_stats *s, bool code, wint_t key)
{
	return scr_stats_do(s, scr_stats_key(s, code, key));
}

/* Seats taken off sale are neither sold nor held: their own segment and figure. */
static void stats_off_sale_apart(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct stats f = figures();
	struct stats_section two[] = {
		{ .id = "s1", .name = "Stalls", .capacity = 100, .sold = 50, .held = 10, .killed = 20,
		  .free = 20 },
		{ .id = "s2", .name = "Standing", .general = true, .capacity = 200, .sold = 20,
		  .free = 180 },
	};
	struct stats_payments pays[] = {
		{ .method = "CASH", .clerk = "clerk_a", .orders = 5, .payments = 5, .amount = 44000 },
		{ .method = "EXCHANGE", .clerk = "clerk_a", .orders = 1, .payments = 1, .amount = 1100 },
	};
	struct scr_stats s;

	(void)state;
	f.sections = two;
	f.payments = pays;
	scr_stats_init(&s, &utf8_style, "The Tempest", true);
	scr_stats_set(&s, &f);
	scr_stats_recalc(&s, 24, 80);
	scr_stats_draw(&s, w);
	dump(w, "stats off sale");
	assert_true(shows(w, "█ sold  ▒ held  ▓ off sale  ░ free"));
	assert_true(shows(w, " Payments:  CASH 440.00  CARD 0.00  COMP 0.00  EXCHANGE 11.00"));
	assert_true(shows(w, "  EXCHANGE clerk_a"));
	assert_string_equal(row(w, 4), " Stalls              █████████▒▒▓▓▓▓░░░     50 sold 10 held 20 off 20 free /100");
	assert_string_equal(row(w, 5), " Standing         GA ██░░░░░░░░░░░░░░░░            20 sold 0 held 180 free /200");
	delwin(w);
}

static void stats_utf8(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct stats f = figures();
	struct scr_stats s;
	int y;

	(void)state;
	scr_stats_init(&s, &utf8_style, "The Tempest · Fri 27 Nov 19:30", true);
	scr_stats_set(&s, &f);
	scr_stats_recalc(&s, 24, 80);
	scr_stats_draw(&s, w);
	dump(w, "stats utf8");
	assert_string_equal(row(w, 0), " Statistics — The Tempest · Fri 27 Nov 19:30"
			    "                     as of 14:02:11");
	assert_string_equal(row(w, 1), "  Orders 7   Tickets sold 14   Scanned in 3 of 14");
	assert_string_equal(row(w, 2), "  Gross 616.00   Fees 14.00   Net 602.00");
	assert_string_equal(row(w, 4), " Stalls              █████████████▒▒▒░░░░░░░░░     50 sold 10 held 40 free /100");
	assert_string_equal(row(w, 5), " Standing         GA █████████████████████████      200 sold 0 held 0 free /200");
	y = find(w, "Sales per hour");
	assert_true(y > 5);
	assert_string_equal(row(w, y), " Sales per hour: 14 tickets in 4 hours, peak 8 at Fri 20 Nov 12:00");
	assert_string_equal(row(w, y + 1), "  ▂▂  ██▄▄");
	assert_string_equal(row(w, y + 2), "  Fri 20 Nov 10:00");
	y = find(w, "Payments:");
	assert_true(y > 0);
	assert_string_equal(row(w, y), " Payments:  CASH 440.00  CARD 176.00  COMP 0.00");
	assert_non_null(strstr(row(w, y + 1), "CASH     clerk_a"));
	assert_non_null(strstr(row(w, y + 1), "5 orders"));
	assert_non_null(strstr(row(w, y + 2), "176.00"));
	assert_string_equal(row(w, 23), " R refresh  Esc back  ? help");
	/* keys */
	assert_int_equal(press(&s, false, 'R'), ST_REFRESH);
	assert_int_equal(press(&s, false, 27), ST_BACK);
	assert_int_equal(press(&s, false, '?'), ST_NONE);
	assert_true(s.help);
	scr_stats_draw(&s, w);
	assert_true(shows(w, "Keys: statistics"));
	assert_int_equal(press(&s, false, 27), ST_NONE); /* help eats it */
	assert_false(s.help);
	/* too small */
	{
		WINDOW *small = newpad(20, 60);
		scr_stats_draw(&s, small);
		assert_true(shows(small, "Terminal too small"));
		delwin(small);
	}
	delwin(w);
}

static void stats_ascii_role_and_many(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct stats f = figures();
	struct stats_section many[30];
	struct scr_stats s;
	int y;

	(void)state;
	for (int i = 0; i < 30; i++) {
		many[i] = sections[0];
		many[i].name = "Box";
	}
	f.sections = many, f.nsections = 30;
	f.have_breakdown = false, f.payments = NULL, f.npayments = 0;
	scr_stats_init(&s, &ascii_style, "The Tempest - Fri 27 Nov 19:30", false);
	scr_stats_set(&s, &f);
	scr_stats_recalc(&s, 24, 80);
	scr_stats_draw(&s, w);
	dump(w, "stats ascii");
	assert_string_equal(row(w, 4), " Box                 #############+++.........     50 sold 10 held 40 free /100");
	assert_string_equal(row(w, 14), " +20 more sections");
	assert_int_equal(find(w, "By method and by clerk: not shown to your role."), 21);
	y = find(w, "Sales per hour");
	assert_string_equal(row(w, y + 1), "  --  @@++");
	assert_string_equal(row(w, 23), " R read again  Esc back  ? help");
	for (int r = 0; r < 24; r++)
		for (const char *p = row(w, r); *p; p++)
			assert_true((unsigned char)*p < 128);
	delwin(w);
}

/* Supervisors: the organisation's cash drawers in one line above the status,
 * a variance marked (bold without colour, its sign always); everything else
 * still fits at 80x24. */
static void stats_shifts_summary(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct stats f = figures();
	struct scr_stats s;
	int y, x;

	(void)state;
	f.have_shifts = true;
	f.shifts_open = 2, f.shifts_awaiting = 1, f.shifts_variance_today = -500;
	scr_stats_init(&s, &utf8_style, "The Tempest · Fri 27 Nov 19:30", true);
	scr_stats_set(&s, &f);
	scr_stats_message(&s, "Figures refreshed.", false);
	scr_stats_recalc(&s, 24, 80);
	scr_stats_draw(&s, w);
	dump(w, "stats shifts");
	assert_string_equal(row(w, 21),
			    " Cash drawers: 2 open, 1 awaiting sign-off, cash variance today -5.00");
	assert_string_equal(row(w, 22), " Figures refreshed.");
	assert_string_equal(row(w, 23), " R refresh  Esc back  ? help");
	/* the payments above it are all still there */
	y = find(w, "Payments:");
	assert_true(y > 0 && y + 2 < 21);
	assert_non_null(strstr(row(w, y + 2), "176.00"));
	/* the variance is bold (no colour here), the words before it are not */
	x = (int)strlen(" Cash drawers: 2 open, 1 awaiting sign-off, cash variance today ");
	assert_true((mvwinch(w, 21, x) & A_BOLD) != 0);
	assert_true((mvwinch(w, 21, 2) & A_BOLD) == 0);

	/* nothing off: no mark; over: a plus sign */
	f.shifts_variance_today = 0;
	scr_stats_draw(&s, w);
	assert_true((mvwinch(w, 21, x) & A_BOLD) == 0);
	assert_non_null(strstr(row(w, 21), "cash variance today 0.00"));
	f.shifts_variance_today = 123456;
	scr_stats_draw(&s, w);
	assert_non_null(strstr(row(w, 21), "cash variance today +1,234.56"));

	/* a login that may not read variances (have_shifts false): no line */
	f.have_shifts = false;
	scr_stats_recalc(&s, 24, 80);
	scr_stats_draw(&s, w);
	assert_int_equal(find(w, "Cash drawers"), -1);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_utf8),
		cmocka_unit_test(stats_off_sale_apart),
		cmocka_unit_test(stats_ascii_role_and_many),
		cmocka_unit_test(stats_shifts_summary),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
