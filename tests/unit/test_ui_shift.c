/* The shift screen at 80x24 with handmade shifts: a clerk opens a shift with a
 * float and closes it with a blind count (never seeing what was expected); a
 * help-desk login is told it has no drawer; a supervisor's list (states,
 * variances marked), a report's figures, the sign-off note, printing; ASCII
 * mode. Drawn into pads on a headless terminal and read back. DUMP_SCREENS=1
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

#include "scr_shift.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };
static const struct ui_style color_style = { .ascii = false, .color = true };

/* Fri 27 Nov 2026 10:00:00 UTC */
#define T0 ((time_t)1795773600)

/* The terminal with the colour pairs set up, for the tests that draw in colour. */
static int setup(void **state)
{
	if (start_term(state) != 0)
		return -1;
	draw_colors_init(&color_style);
	return 0;
}

/* The column where text starts on row y, or -1. */
static int col(WINDOW *w, int y, const char *text)
{
	const char *r = row(w, y), *p = strstr(r, text);

	return p != NULL ? (int)(p - r) : -1;
}

static void redraw(struct scr_shift *s, WINDOW *w, const char *name)
{
	scr_shift_recalc(s, 24, 80);
	scr_shift_draw(s, w);
	dump(w, name);
}

static enum sh_cmd press(struct scr_shift *s, bool code, wint_t key)
{
	return scr_shift_do(s, scr_shift_key(s, code, key), code, key);
}

static enum sh_cmd type(struct scr_shift *s, const char *text)
{
	enum sh_cmd c = SH_NONE;

	for (const char *p = text; *p; p++)
		c = press(s, false, (wint_t)(unsigned char)*p);
	return c;
}

static void no_expected_anywhere(WINDOW *w)
{
	assert_int_equal(find(w, "xpected"), -1);
	assert_int_equal(find(w, "ariance"), -1);
}

/* ---- a clerk ---- */

static void clerk_opens_and_counts(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_shift s;
	struct shift_mine m = { .open = true, .id = "s1", .opened = T0, .float_amount = 10000 };
	struct shift_closed c = { .id = "s1", .closed = T0 + 8 * 3600, .counted_cash = 18300,
				  .counted_card = 4400 };
	int64_t cash, card;
	int y;

	(void)state;
	scr_shift_init(&s, &utf8_style, "clerk_a @ Lyric Theatre Company", true, false);
	scr_shift_set_mine(&s, NULL);
	redraw(&s, w, "clerk: no shift");
	assert_string_equal(row(w, 0), " Shift and cash drawer — clerk_a @ Lyric Theatre Company");
	y = find(w, "No shift open. Float in the drawer:");
	assert_true(y > 0);
	assert_non_null(strstr(row(w, y), "Enter opens your shift"));
	assert_string_equal(row(w, 23), " type the float  Enter open the shift  Esc back  F1 help");
	assert_int_equal(find(w, "Shifts of the organisation"), -1); /* no list for a clerk */

	/* Enter with nothing typed, then a refused amount, then the float */
	assert_int_equal(press(&s, false, '\r'), SH_NONE);
	redraw(&s, w, "clerk: empty float");
	assert_int_equal(find(w, "Type the float"), 22);
	type(&s, "12.345");
	assert_int_equal(press(&s, false, '\r'), SH_NONE);
	redraw(&s, w, "clerk: bad float");
	assert_non_null(strstr(row(w, 22), "\"12.345\" has more than two decimals."));
	press(&s, false, 0x15); /* ^U */
	type(&s, "1,00x0.00");          /* the x is not an amount: refused by the field */
	redraw(&s, w, "clerk: float typed");
	assert_true(col(w, y, "1,000.00") == 39);
	assert_int_equal(press(&s, false, '\r'), SH_OPEN);
	assert_int_equal(scr_shift_float(&s), 100000);

	/* the shift is open: since when, the float; c opens the count */
	m.float_amount = 100000;
	scr_shift_set_mine(&s, &m);
	redraw(&s, w, "clerk: open");
	assert_non_null(strstr(row(w, 3), "Open since Fri 27 Nov 10:00 with a float of 1,000.00."));
	assert_true(shows(w, "c closes it with a blind count"));
	assert_string_equal(row(w, 23), " c close the shift  r read again  Esc back  ? help");
	assert_int_equal(press(&s, false, 'c'), SH_NONE);
	assert_int_equal(s.mode, SHM_COUNT);
	redraw(&s, w, "clerk: count form");
	assert_true(shows(w, "Close your shift: the blind count"));
	assert_true(shows(w, "Cash in the drawer"));
	assert_true(shows(w, "Card slips total"));
	no_expected_anywhere(w);
	type(&s, "183");
	assert_int_equal(press(&s, false, '\r'), SH_NONE); /* the card total is missing */
	redraw(&s, w, "clerk: card missing");
	assert_non_null(strstr(row(w, 22), "Type the total of the card slips"));
	assert_int_equal(s.count_focus, 1);
	type(&s, "44");
	assert_int_equal(press(&s, false, '\r'), SH_NONE);
	assert_int_equal(s.mode, SHM_CONFIRM);
	redraw(&s, w, "clerk: confirm");
	assert_true(shows(w, "Close your shift with this count?"));
	assert_true(shows(w, "Cash 183.00, card slips 44.00."));
	assert_true(shows(w, "cannot be changed"));
	no_expected_anywhere(w);
	assert_int_equal(press(&s, false, 'n'), SH_NONE); /* keep counting: the form, as typed */
	assert_int_equal(s.mode, SHM_COUNT);
	press(&s, true, KEY_BTAB);
	press(&s, false, 0x15);
	type(&s, "183.5");
	press(&s, false, '\r');
	assert_int_equal(press(&s, false, 'y'), SH_CLOSE);
	scr_shift_count(&s, &cash, &card);
	assert_int_equal(cash, 18350);
	assert_int_equal(card, 4400);

	/* closed: the count, and that a supervisor signs it off — nothing expected */
	scr_shift_set_closed(&s, &c);
	scr_shift_set_mine(&s, NULL);
	redraw(&s, w, "clerk: closed");
	assert_non_null(strstr(row(w, 3), "Closed at Fri 27 Nov 18:00: counted cash 183.00, card slips 44.00."));
	assert_non_null(strstr(row(w, 4), "A supervisor compares the count with the sales and signs the shift off."));
	assert_non_null(strstr(row(w, 5), "No shift open. Float for a new one:"));
	no_expected_anywhere(w);
	assert_int_equal(press(&s, false, 27), SH_BACK);
	delwin(w);
}

static void help_desk_has_no_drawer(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_shift s;

	(void)state;
	scr_shift_init(&s, &utf8_style, "help_a @ Lyric Theatre Company", false, false);
	redraw(&s, w, "help desk");
	assert_true(shows(w, "Your login has no cash drawer: shifts and cash counts are for the"));
	assert_true(shows(w, "Esc goes back to the events."));
	assert_string_equal(row(w, 23), " Esc back  ? help");
	assert_int_equal(press(&s, false, 'c'), SH_NONE);
	redraw(&s, w, "help desk: c");
	assert_string_equal(row(w, 22), " Your login has no cash drawer.");
	assert_int_equal(press(&s, false, '\r'), SH_NONE);
	assert_int_equal(press(&s, false, 'q'), SH_BACK);
	delwin(w);
}

/* ---- a supervisor ---- */

static struct shift_row rows[3];
static struct shift_list list = { rows, 3 };

static void fill_rows(void)
{
	memset(rows, 0, sizeof rows);
	snprintf(rows[0].id, sizeof rows[0].id, "id-open");
	snprintf(rows[0].login, sizeof rows[0].login, "clerk_b");
	rows[0].opened = T0 + 9 * 3600;
	snprintf(rows[1].id, sizeof rows[1].id, "id-short");
	snprintf(rows[1].login, sizeof rows[1].login, "clerk_a");
	rows[1].opened = T0, rows[1].closed = T0 + 8 * 3600;
	rows[1].counted = rows[1].have_variance = true;
	rows[1].variance_cash = -500, rows[1].variance_card = 0;
	snprintf(rows[2].id, sizeof rows[2].id, "id-signed");
	snprintf(rows[2].login, sizeof rows[2].login, "super_c");
	rows[2].opened = T0 - 86400, rows[2].closed = T0 - 86400 + 3600;
	rows[2].counted = rows[2].have_variance = true;
	rows[2].variance_cash = 5;
	snprintf(rows[2].signed_off_by, sizeof rows[2].signed_off_by, "super_a");
}

static struct shift_report report(void)
{
	struct shift_report r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "id-short");
	snprintf(r.login, sizeof r.login, "clerk_a");
	snprintf(r.name, sizeof r.name, "Alex Clerk");
	r.opened = T0, r.closed = T0 + 8 * 3600;
	r.float_amount = 10000;
	r.cash_payments = 3, r.cash_taken = 8800, r.expected_cash = 18800;
	r.card_payments = 1, r.card_taken = 4400, r.expected_card = 4400;
	r.counted = true;
	r.counted_cash = 18300, r.variance_cash = -500;
	r.counted_card = 4400, r.variance_card = 0;
	r.comp_payments = 2;
	r.cancelled_tickets = 1, r.cancelled_face_value = 4400;
	return r;
}

static void supervisor_list(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_shift s;
	struct shift_mine m = { .open = true, .id = "mine", .opened = T0, .float_amount = 5000 };
	int y, x;

	(void)state;
	fill_rows();
	scr_shift_init(&s, &utf8_style, "super_a @ Lyric Theatre Company", true, true);
	scr_shift_set_mine(&s, &m);
	scr_shift_set_list(&s, &list);
	redraw(&s, w, "supervisor: list");
	assert_string_equal(row(w, 8), " Shifts of the organisation, newest first");
	assert_string_equal(row(w, 9), " Login      Opened       Closed       State                 Cash var. Card var.");
	assert_string_equal(row(w, 10), " clerk_b    27 Nov 19:00              open");
	assert_string_equal(row(w, 11), " clerk_a    27 Nov 10:00 18:00        awaiting sign-off         -5.00      0.00");
	assert_string_equal(row(w, 12), " super_c    26 Nov 10:00 11:00        signed off by super_a     +0.05      0.00");
	assert_string_equal(row(w, 23), " ↑↓ move  Enter report  c close my shift  r read again  Esc back  ? help");
	/* the cursor row is reversed; a variance off zero is marked bold, zero is not */
	assert_true((mvwinch(w, 10, 2) & A_REVERSE) != 0);
	x = col(w, 11, "-5.00");
	assert_true((mvwinch(w, 11, x) & A_BOLD) != 0);
	x = (int)strlen(row(w, 11)) - 4; /* the card variance, 0.00, last on the row */
	assert_true((mvwinch(w, 11, x) & A_BOLD) == 0);
	assert_true((mvwinch(w, 11, 2) & A_BOLD) == 0);

	/* Enter on the second row: its report */
	assert_int_equal(press(&s, true, KEY_DOWN), SH_NONE);
	assert_int_equal(press(&s, false, '\r'), SH_REPORT);
	assert_string_equal(scr_shift_selected(&s)->id, "id-short");
	/* the list read again keeps the cursor on the same shift */
	scr_shift_set_list(&s, &list);
	assert_string_equal(scr_shift_selected(&s)->id, "id-short");
	press(&s, false, 'G');
	assert_string_equal(scr_shift_selected(&s)->id, "id-signed");
	press(&s, false, 'g');
	assert_string_equal(scr_shift_selected(&s)->id, "id-open");
	press(&s, true, KEY_DOWN);

	/* in colour, a variance is drawn in the error colour */
	{
		struct scr_shift c;
		scr_shift_init(&c, &color_style, "super_a @ Lyric", true, true);
		scr_shift_set_mine(&c, &m);
		scr_shift_set_list(&c, &list);
		redraw(&c, w, "supervisor: colour");
		x = col(w, 11, "-5.00");
		assert_int_equal(PAIR_NUMBER(mvwinch(w, 11, x) & A_COLOR),
				 PAIR_NUMBER(draw_attr(&color_style, ROLE_ERROR) & A_COLOR));
		assert_int_not_equal(PAIR_NUMBER(mvwinch(w, 11, x) & A_COLOR), 0);
	}

	/* no shift of their own open: the list first, Tab to the float field and back */
	scr_shift_set_mine(&s, NULL);
	redraw(&s, w, "supervisor: float and list");
	y = find(w, "No shift open. Float in the drawer:");
	assert_true(y > 0);
	assert_int_equal(s.focus, SHF_LIST);
	assert_string_equal(row(w, 23), " ↑↓ move  Enter report  Tab float  r read again  Esc back  ? help");
	press(&s, false, '\t');
	assert_int_equal(s.focus, SHF_MINE);
	redraw(&s, w, "supervisor: float focused");
	assert_string_equal(row(w, 23), " type the float  Enter open  Tab/↓ the list  Esc back  F1 help");
	scr_shift_set_list(&s, NULL); /* read again: the focus stays where the key put it */
	scr_shift_set_list(&s, &list);
	assert_int_equal(s.focus, SHF_MINE);
	press(&s, false, '\t');
	assert_int_equal(s.focus, SHF_LIST);
	press(&s, true, KEY_UP);
	press(&s, true, KEY_UP);
	press(&s, true, KEY_UP);
	assert_int_equal(s.focus, SHF_MINE);
	press(&s, true, KEY_DOWN);
	assert_int_equal(s.focus, SHF_LIST);
	/* opened from the field, then closed: back on the list, not the field */
	press(&s, false, '\t');
	assert_int_equal(s.focus, SHF_MINE);
	scr_shift_set_mine(&s, &m);
	scr_shift_set_mine(&s, NULL);
	redraw(&s, w, "supervisor: after their own shift");
	assert_int_equal(s.focus, SHF_LIST);
	assert_true((mvwinch(w, 10 + (int)s.cursor, 2) & A_REVERSE) != 0);
	delwin(w);
}

static void supervisor_report_and_sign_off(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_shift s;
	struct shift_report r = report();
	int y;

	(void)state;
	fill_rows();
	scr_shift_init(&s, &utf8_style, "super_a @ Lyric Theatre Company", true, true);
	scr_shift_set_list(&s, &list);
	scr_shift_set_report(&s, &r);
	assert_int_equal(s.mode, SHM_REPORT);
	redraw(&s, w, "report");
	assert_string_equal(row(w, 0), " Shift report — Alex Clerk (clerk_a)");
	assert_non_null(strstr(row(w, 2), "Opened  Fri 27 Nov 10:00"));
	assert_non_null(strstr(row(w, 2), "Float  100.00"));
	assert_non_null(strstr(row(w, 3), "Closed  Fri 27 Nov 18:00"));
	assert_string_equal(row(w, 5), "  Method      Payments         Taken     Expected      Counted     Variance");
	assert_string_equal(row(w, 6), "  Cash               3         88.00       188.00       183.00        -5.00");
	assert_string_equal(row(w, 7), "  Card               1         44.00        44.00        44.00         0.00");
	assert_string_equal(row(w, 8), "  Comps              2    no money moves");
	assert_string_equal(row(w, 10), "  Cash: short by 5.00.  Card: exact.");
	assert_true((mvwinch(w, 6, col(w, 6, "-5.00")) & A_BOLD) != 0);
	assert_true((mvwinch(w, 7, (int)strlen(row(w, 7)) - 4) & A_BOLD) == 0);
	assert_true(shows(w, "Cancelled since: 1 ticket of this shift's sales, face value 44.00."));
	assert_true(shows(w, "Not signed off yet."));
	assert_string_equal(row(w, 23), " s sign off  p print  r read again  Esc back  ? help");

	/* p prints, s opens the note */
	assert_int_equal(press(&s, false, 'p'), SH_PRINT);
	assert_int_equal(press(&s, false, 's'), SH_NONE);
	assert_int_equal(s.mode, SHM_NOTE);
	redraw(&s, w, "sign-off note");
	assert_true(shows(w, "Sign off the shift of clerk_a"));
	assert_true(shows(w, "A count that is off needs a note saying why."));
	y = find(w, "Note ");
	assert_true(y > 0);
	/* Enter without a note goes to the database, which says whether one is needed */
	assert_int_equal(press(&s, false, '\r'), SH_SIGN);
	assert_string_equal(scr_shift_note(&s), "");
	scr_shift_message(&s, "Not signed off: the count is off (cash -5.00, card 0.00): say why in a note",
			  true);
	redraw(&s, w, "sign-off refused");
	assert_true(shows(w, "say why in a note"));
	assert_int_equal(s.mode, SHM_NOTE); /* still there to type it */
	type(&s, "  a refund paid from the drawer ");
	assert_int_equal(press(&s, false, '\r'), SH_SIGN);
	assert_string_equal(scr_shift_note(&s), "a refund paid from the drawer");

	/* signed off: the report read again */
	snprintf(r.signed_off_by, sizeof r.signed_off_by, "super_a");
	r.signed_at = T0 + 9 * 3600;
	snprintf(r.note, sizeof r.note, "a refund paid from the drawer");
	scr_shift_signed(&s);
	scr_shift_set_report(&s, &r);
	redraw(&s, w, "signed off");
	assert_int_equal(s.mode, SHM_REPORT);
	assert_true(shows(w, "Signed off by super_a on Fri 27 Nov 19:00."));
	assert_true(shows(w, "Note: a refund paid from the drawer"));
	assert_int_equal(press(&s, false, 's'), SH_NONE);
	assert_int_equal(s.mode, SHM_REPORT);
	redraw(&s, w, "signed twice");
	assert_string_equal(row(w, 22), " This shift was already signed off by super_a.");

	/* an open shift's report: nothing counted yet */
	r = report();
	r.closed = 0, r.counted = false;
	scr_shift_set_report(&s, &r);
	redraw(&s, w, "open report");
	assert_true(shows(w, "Still open: expected is what was taken so far."));
	assert_string_equal(row(w, 6), "  Cash               3         88.00       188.00            -            -");
	assert_true(shows(w, "Not counted yet: the shift is still open."));

	/* Esc: back to the list; again: back to the events */
	assert_int_equal(press(&s, false, 27), SH_NONE);
	assert_int_equal(s.mode, SHM_MAIN);
	assert_null(s.report);
	assert_int_equal(press(&s, false, 27), SH_BACK);
	delwin(w);
}

static void ascii_and_small(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_shift s;
	struct shift_report r = report();
	struct shift_mine m = { .open = true, .id = "mine", .opened = T0, .float_amount = 5000 };

	(void)state;
	fill_rows();
	scr_shift_init(&s, &ascii_style, "super_a @ Lyric Theatre Company", true, true);
	scr_shift_set_mine(&s, &m);
	scr_shift_set_list(&s, &list);
	press(&s, false, 'c');
	redraw(&s, w, "ascii: count");
	assert_string_equal(row(w, 0), " Shift and cash drawer - super_a @ Lyric Theatre Company");
	assert_true(shows(w, "+----"));
	assert_string_equal(row(w, 23), " type  Tab other field  ^U clear  Enter check  Esc cancel  F1 help");
	for (int y = 0; y < 24; y++)
		for (const char *p = row(w, y); *p; p++)
			assert_true((unsigned char)*p < 128);
	press(&s, false, 27);
	redraw(&s, w, "ascii: list");
	assert_string_equal(row(w, 23), " Up/Down move  Enter report  c close my shift  r read again  Esc back  ? help");
	scr_shift_set_report(&s, &r);
	press(&s, false, '?');
	redraw(&s, w, "ascii: report help");
	assert_true(shows(w, "Keys: shift report"));
	for (int y = 0; y < 24; y++)
		for (const char *p = row(w, y); *p; p++)
			assert_true((unsigned char)*p < 128);
	assert_int_equal(press(&s, false, 'x'), SH_NONE); /* any key closes help */
	assert_false(s.help);
	{
		WINDOW *small = newpad(20, 60);
		scr_shift_draw(&s, small);
		assert_true(shows(small, "Terminal too small"));
		delwin(small);
	}
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clerk_opens_and_counts),
		cmocka_unit_test(help_desk_has_no_drawer),
		cmocka_unit_test(supervisor_list),
		cmocka_unit_test(supervisor_report_and_sign_off),
		cmocka_unit_test(ascii_and_small),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, setup, stop_term);
}
