/* The checkout screens: order review, payment, done. Driven through their
 * key tables as the app drives them, drawn into pads on a headless terminal
 * and read back (DESIGN §7). DUMP_SCREENS=1 prints every screen drawn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr_done.h"
#include "scr_order.h"
#include "scr_pay.h"
#include "term_harness.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

/* Stalls: two tiers; Floor (general admission): two tiers. */
static const struct tier stalls[] = {
	{ .id = "t-std", .section_id = "s-stalls", .name = "Standard", .price = 4500, .fee = 250 },
	{ .id = "t-con", .section_id = "s-stalls", .name = "Concession", .price = 3000, .fee = 250 },
};
static const struct tier floor_[] = {
	{ .id = "t-stand", .section_id = "s-floor", .name = "Standing", .price = 2000, .fee = 100 },
	{ .id = "t-stand-c", .section_id = "s-floor", .name = "Standing reduced", .price = 1500,
	  .fee = 100 },
};
static const struct tier balcony[] = {
	{ .id = "t-bal", .section_id = "s-balcony", .name = "Balcony", .price = 2500, .fee = 0 },
};
static const struct tier *stalls_p[] = { &stalls[0], &stalls[1] };
static const struct tier *floor_p[] = { &floor_[0], &floor_[1] };
static const struct tier *balcony_p[] = { &balcony[0] };

/* Each key of a UTF-8 string, as wget_wch delivers them. */
typedef void (*key_fn)(void *screen, bool is_code, wint_t key);

static void type(key_fn fn, void *s, const char *text)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	memset(&st, 0, sizeof st);
	while (*text != '\0' && (k = mbrtowc(&wc, text, strlen(text), &st)) > 0 &&
	       k < (size_t)-2) {
		fn(s, false, (wint_t)wc);
		text += k;
	}
}

/* ================= order ================= */

static enum order_cmd order_last;

static void order_press(void *p, bool is_code, wint_t key)
{
	struct scr_order *s = p;

	order_last = scr_order_do(s, scr_order_key(s, is_code, key), is_code, key);
}

static enum order_cmd order_key(struct scr_order *s, bool is_code, wint_t key)
{
	order_press(s, is_code, key);
	return order_last;
}

/* Three Stalls seats (one accessible) and two Floor places. */
static void order_fill(struct scr_order *s, const struct ui_style *st)
{
	struct err e;

	scr_order_init(s, st, "Hamlet, Fri 27 Nov 19:30");
	assert_true(scr_order_add_seat(s, "seat-a12", "Stalls", "A", "12", false, stalls_p, 2, &e));
	assert_true(scr_order_add_seat(s, "seat-a13", "Stalls", "A", "13", false, stalls_p, 2, &e));
	assert_true(scr_order_add_seat(s, "seat-a14", "Stalls", "A", "14", true, stalls_p, 2, &e));
	assert_true(scr_order_add_ga(s, "Floor", 2, 0, floor_p, 2, &e));
	scr_order_recalc(s, 24, 80);
}

static void order_totals_mixed_tiers_in_cents(void **state)
{
	struct scr_order s;
	int64_t total, fees;
	int n;

	(void)state;
	order_fill(&s, &utf8_style);
	scr_order_totals(&s, &total, &fees, &n);
	assert_int_equal(total, 3 * 4750 + 2 * 2100);
	assert_int_equal(fees, 3 * 250 + 2 * 100);
	assert_int_equal(n, 5);
	/* A13 to Concession, the GA line up to 3 places. */
	order_key(&s, true, KEY_DOWN);
	order_key(&s, true, KEY_RIGHT);
	assert_string_equal(scr_order_tier(&s, 1)->name, "Concession");
	order_key(&s, false, 'G');
	order_key(&s, false, '+');
	scr_order_totals(&s, &total, &fees, &n);
	assert_int_equal(total, 2 * 4750 + 3250 + 3 * 2100);
	assert_int_equal(fees, 3 * 250 + 3 * 100);
	assert_int_equal(n, 6);
	/* Split one place off the GA line, as Standing reduced. */
	order_key(&s, false, 's');
	assert_int_equal(s.nlines, 5);
	assert_int_equal(s.lines[3].quantity, 2);
	assert_int_equal(s.lines[4].quantity, 1);
	assert_string_equal(scr_order_tier(&s, 4)->name, "Standing reduced");
	assert_int_equal(s.cursor, 4);
	scr_order_totals(&s, &total, &fees, &n);
	assert_int_equal(total, 2 * 4750 + 3250 + 2 * 2100 + 1600);
	assert_int_equal(n, 6);
	/* - on the split line at 1 merges it away; on the last line it stays. */
	order_key(&s, false, '-');
	assert_int_equal(s.nlines, 4);
	assert_int_equal(s.lines[3].quantity, 2);
	order_key(&s, false, '-');
	order_key(&s, false, '-');
	assert_int_equal(s.lines[3].quantity, 1);
	assert_non_null(strstr(s.status, "At least one place of Floor"));
	scr_order_free(&s);
}

static void order_items_and_customer_for_the_app(void **state)
{
	struct scr_order s;
	struct sale_item items[8];
	struct customer c;

	(void)state;
	order_fill(&s, &utf8_style);
	order_key(&s, false, 't');   /* A12: Concession */
	assert_int_equal(scr_order_items(&s, NULL, 0), 4);
	assert_int_equal(scr_order_items(&s, items, 8), 4);
	assert_string_equal(items[0].seat_id, "seat-a12");
	assert_string_equal(items[0].tier_id, "t-con");
	assert_int_equal(items[0].quantity, 1);
	assert_string_equal(items[2].tier_id, "t-std");
	assert_null(items[3].seat_id);
	assert_string_equal(items[3].tier_id, "t-stand");
	assert_int_equal(items[3].quantity, 2);
	/* No customer typed: the walk-up customer. */
	assert_int_equal(order_key(&s, false, '\r'), ORDER_CONFIRM);
	scr_order_customer(&s, &c);
	assert_null(c.name);
	assert_null(c.email);
	assert_null(c.phone);
	/* Typed, with spaces around: trimmed. */
	order_key(&s, false, '\t');
	type(order_press, &s, "  Zoë Ångström ");
	order_key(&s, false, '\t');
	type(order_press, &s, "zoe@example.org ");
	order_key(&s, false, '\t');
	type(order_press, &s, "+44 (0)20 7946 0000");
	assert_int_equal(order_key(&s, true, KEY_ENTER), ORDER_CONFIRM);
	scr_order_customer(&s, &c);
	assert_string_equal(c.name, "Zoë Ångström");
	assert_string_equal(c.email, "zoe@example.org");
	assert_string_equal(c.phone, "+44 (0)20 7946 0000");
	scr_order_free(&s);
}

static void order_tier_cycling(void **state)
{
	struct scr_order s;
	struct err e;

	(void)state;
	order_fill(&s, &utf8_style);
	order_key(&s, true, KEY_RIGHT);
	assert_string_equal(scr_order_tier(&s, 0)->name, "Concession");
	order_key(&s, true, KEY_RIGHT);            /* wraps */
	assert_string_equal(scr_order_tier(&s, 0)->name, "Standard");
	order_key(&s, true, KEY_LEFT);             /* backwards wraps too */
	assert_string_equal(scr_order_tier(&s, 0)->name, "Concession");
	/* a: Concession for every Stalls line, not for Floor. */
	order_key(&s, false, 'a');
	assert_string_equal(scr_order_tier(&s, 1)->name, "Concession");
	assert_string_equal(scr_order_tier(&s, 2)->name, "Concession");
	assert_string_equal(scr_order_tier(&s, 3)->name, "Standing");
	assert_string_equal(s.status, "Concession for every line of Stalls (2 changed).");
	/* A section with one tier says so. */
	assert_true(scr_order_add_seat(&s, "seat-b1", "Balcony", "B", "1", false, balcony_p, 1, &e));
	order_key(&s, false, 'G');
	order_key(&s, false, 't');
	assert_string_equal(s.status, "Balcony has one price only: Balcony.");
	order_key(&s, false, 's');
	assert_non_null(strstr(s.status, "splits general-admission places"));
	/* No tier at all: refused. */
	assert_false(scr_order_add_seat(&s, "seat-x", "Boxes", "X", "1", false, NULL, 0, &e));
	assert_string_equal(e.msg, "Boxes has no price: it cannot be sold.");
	/* + on a seat explains itself. */
	order_key(&s, false, '+');
	assert_non_null(strstr(s.status, "seats are picked on the seat map"));
	scr_order_free(&s);
}

static void order_ga_limit(void **state)
{
	struct scr_order s;
	struct err e;

	(void)state;
	scr_order_init(&s, &utf8_style, "GA");
	assert_false(scr_order_add_ga(&s, "Floor", 5, 4, floor_p, 2, &e));
	assert_true(scr_order_add_ga(&s, "Floor", 3, 4, floor_p, 2, &e));
	scr_order_recalc(&s, 24, 80);
	order_key(&s, false, 's');                 /* 2 + 1 */
	order_key(&s, false, '+');                 /* 2 + 2 = the limit */
	assert_int_equal(s.lines[1].quantity, 2);
	order_key(&s, false, '+');
	assert_int_equal(s.lines[1].quantity, 2);
	assert_string_equal(s.status, "Floor: 4 places at most in one order.");
	scr_order_free(&s);
}

static void order_email_validation(void **state)
{
	struct scr_order s;

	(void)state;
	assert_true(scr_order_email_ok("a@b"));
	assert_true(scr_order_email_ok("zoë.o'neil+x@例え.jp"));
	assert_false(scr_order_email_ok(""));
	assert_false(scr_order_email_ok("zoe"));
	assert_false(scr_order_email_ok("@example.org"));
	assert_false(scr_order_email_ok("zoe@"));
	assert_false(scr_order_email_ok("zoe@@example.org"));
	assert_false(scr_order_email_ok("zoe@a@b"));
	assert_false(scr_order_email_ok("zoe smith@example.org"));
	assert_false(scr_order_email_ok("zoe@example.org\t"));
	assert_false(scr_order_email_ok("zoe\xc2\xa0@example.org")); /* no-break space */

	order_fill(&s, &utf8_style);
	order_key(&s, false, '\t');
	type(order_press, &s, "Zoe");
	order_key(&s, false, '\t');
	type(order_press, &s, "zoe at example.org");
	/* Leaving the field says it at once; Enter refuses and goes back there. */
	order_key(&s, false, '\t');
	assert_true(s.status_error);
	assert_int_equal(s.focus, ORDER_FOCUS_PHONE);
	assert_int_equal(order_key(&s, false, '\r'), ORDER_NONE);
	assert_int_equal(s.focus, ORDER_FOCUS_EMAIL);
	assert_string_equal(s.status, "\"zoe at example.org\" is not an e-mail address: it needs "
			    "one @ with text on both sides and no spaces. Leave it empty for a "
			    "walk-up sale.");
	/* ^U empties it: a customer with a name only is fine. */
	order_key(&s, false, CTRL('u'));
	assert_int_equal(order_key(&s, false, '\r'), ORDER_CONFIRM);
	/* An e-mail without a name would be dropped by the database: asked for. */
	order_key(&s, true, KEY_UP);
	assert_int_equal(s.focus, ORDER_FOCUS_NAME);
	order_key(&s, false, CTRL('u'));
	order_key(&s, true, KEY_DOWN);
	type(order_press, &s, "zoe@example.org");
	assert_int_equal(order_key(&s, false, '\r'), ORDER_NONE);
	assert_int_equal(s.focus, ORDER_FOCUS_NAME);
	assert_non_null(strstr(s.status, "Type the customer's name too"));
	/* A phone with letters. */
	type(order_press, &s, "Zoe");
	order_key(&s, true, KEY_BTAB);
	order_key(&s, true, KEY_BTAB);
	assert_int_equal(s.focus, ORDER_FOCUS_PHONE);
	type(order_press, &s, "call me");
	assert_int_equal(order_key(&s, false, '\r'), ORDER_NONE);
	assert_non_null(strstr(s.status, "A phone number has digits"));
	scr_order_free(&s);
}

static void order_keys_depend_on_focus(void **state)
{
	struct scr_order s;

	(void)state;
	order_fill(&s, &utf8_style);
	assert_int_equal(scr_order_key(&s, false, 'j'), ORDER_DOWN);
	assert_int_equal(scr_order_key(&s, false, ESC), ORDER_BACK);
	assert_int_equal(scr_order_key(&s, false, '?'), ORDER_HELP);
	assert_int_equal(order_key(&s, false, ESC), ORDER_BACK);
	order_key(&s, false, 'c');                 /* to the name field */
	assert_int_equal(s.focus, ORDER_FOCUS_NAME);
	/* In a field letters are text, Esc only leaves the field. */
	assert_int_equal(scr_order_key(&s, false, 'j'), ORDER_EDIT);
	assert_int_equal(scr_order_key(&s, false, '?'), ORDER_EDIT);
	assert_int_equal(scr_order_key(&s, true, KEY_LEFT), ORDER_EDIT);
	assert_int_equal(scr_order_key(&s, false, 0x104), ORDER_EDIT);  /* Ą, not KEY_LEFT */
	order_key(&s, false, 0x104);
	assert_string_equal(s.name.text, "Ą");
	assert_int_equal(order_key(&s, false, ESC), ORDER_NONE);
	assert_int_equal(s.focus, ORDER_FOCUS_LINES);
	/* Help: any key closes it. */
	order_key(&s, false, '?');
	assert_true(s.help);
	assert_int_equal(scr_order_key(&s, false, 'q'), ORDER_CANCEL);
	order_key(&s, false, 'q');
	assert_false(s.help);
	/* Nothing selected: Enter says so. */
	scr_order_clear_lines(&s);
	assert_int_equal(order_key(&s, false, '\r'), ORDER_NONE);
	assert_true(s.status_error);
	scr_order_free(&s);
}

static void order_screen_golden(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_order s;

	(void)state;
	order_fill(&s, &utf8_style);
	order_key(&s, true, KEY_DOWN);
	order_key(&s, true, KEY_RIGHT);
	scr_order_set_countdown(&s, 581);
	scr_order_recalc(&s, 24, 80);
	scr_order_draw(&s, w);
	dump(w, "order");
	assert_string_equal(row(w, 0), " Order — Hamlet, Fri 27 Nov 19:30"
			    "                               Seats held 9:41");
	assert_string_equal(row(w, 1), "  Seat         Section        Tier                    "
			    "Price     Fee     Amount");
	assert_string_equal(row(w, 2), "  A-12         Stalls         Standard                "
			    "45.00    2.50      47.50");
	assert_string_equal(row(w, 3), "> A-13         Stalls         Concession              "
			    "30.00    2.50      32.50");
	assert_string_equal(row(w, 4), "  A-14 ♿      Stalls         Standard                "
			    "45.00    2.50      47.50");
	assert_string_equal(row(w, 5), "  2 places     Floor          Standing                "
			    "20.00    1.00      42.00");
	assert_string_equal(row(w, 16), "  5 tickets                                          "
			    "Fees 9.50    Total 169.50");
	assert_string_equal(row(w, 17), "  Stalls:  Standard 45.00+2.50  [Concession 30.00+2.50]");
	assert_string_equal(row(w, 18), "  Customer (optional: empty is a walk-up sale)");
	assert_string_equal(row(w, 19), "  Name");
	assert_string_equal(row(w, 20), "  E-mail");
	assert_string_equal(row(w, 21), "  Phone");
	assert_string_equal(row(w, 22), "");
	assert_string_equal(row(w, 23), " ↑↓ move  ←→ tier  a whole section  Tab customer  "
			    "Enter pay  Esc back  ? help");
	/* On the GA line the keys change. */
	order_key(&s, false, 'G');
	scr_order_draw(&s, w);
	assert_string_equal(row(w, 23), " ↑↓ move  ←→ tier  +- places  s split  Tab customer  "
			    "Enter pay  Esc back  ? help");
	/* The app's error; then the hold runs out. */
	scr_order_message(&s, "Seat not available: A-12 (held by clerk_b)", true);
	scr_order_draw(&s, w);
	assert_string_equal(row(w, 22), " Seat not available: A-12 (held by clerk_b)");
	scr_order_message(&s, NULL, false);
	scr_order_set_countdown(&s, 0);
	scr_order_draw(&s, w);
	dump(w, "order, hold expired");
	assert_string_equal(row(w, 22), " Hold expired — go back and select again");
	assert_non_null(strstr(row(w, 0), "Hold expired"));
	delwin(w);
	scr_order_free(&s);
}

static void order_screen_customer_and_help(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_order s;
	int y, x;

	(void)state;
	order_fill(&s, &utf8_style);
	order_key(&s, false, '\t');
	type(order_press, &s, "Zoë");
	order_key(&s, false, '\t');
	type(order_press, &s, "zoe(at)example.org");
	scr_order_draw(&s, w);
	getyx(w, y, x);                           /* the cursor is left in the field */
	dump(w, "order, customer");
	assert_string_equal(row(w, 19), "  Name     Zoë");
	assert_string_equal(row(w, 20), "  E-mail   zoe(at)example.org"
			    "                            not an e-mail address");
	assert_string_equal(row(w, 23), " type  Tab/↓ next  Shift-Tab/↑ back  ^U clear  "
			    "Enter pay  Esc lines");
	assert_int_equal(y, 20);
	assert_int_equal(x, 11 + 18);
	order_key(&s, true, KEY_F(1));
	scr_order_draw(&s, w);
	dump(w, "order, help");
	assert_true(shows(w, "Keys: order"));
	assert_true(shows(w, "Esc               back to the seat map (seats"));
	delwin(w);
	scr_order_free(&s);
}

static void order_screen_scrolls_ascii_and_too_small(void **state)
{
	WINDOW *w = newpad(24, 80), *small = newpad(20, 60);
	struct scr_order s;
	struct err e;
	char id[32], num[16];

	(void)state;
	scr_order_init(&s, &ascii_style, "Große Gala");
	for (int i = 1; i <= 30; i++) {
		snprintf(id, sizeof id, "seat-%d", i);
		snprintf(num, sizeof num, "%d", i);
		assert_true(scr_order_add_seat(&s, id, "Stalls", "B", num, i == 30, stalls_p, 2,
					       &e));
	}
	scr_order_recalc(&s, 24, 80);
	assert_int_equal(s.rows, 13);
	order_key(&s, true, KEY_END);
	scr_order_recalc(&s, 24, 80);
	assert_int_equal(s.top, 17);
	scr_order_draw(&s, w);
	dump(w, "order, ascii, scrolled");
	assert_string_equal(row(w, 0), " Order - Gro?e Gala");
	assert_string_equal(row(w, 2), "  B-18         Stalls         Standard                "
			    "45.00    2.50      47.50 ^");
	assert_string_equal(row(w, 14), "> B-30 (acc)   Stalls         Standard                "
			    "45.00    2.50      47.50");
	assert_string_equal(row(w, 16), "  30 tickets                                      "
			    "Fees 75.00    Total 1,425.00");
	assert_string_equal(row(w, 23), " j/k move  h/l tier  a whole section  "
			    "Tab customer  Enter pay  Esc back  ? help");
	order_key(&s, true, KEY_HOME);
	scr_order_recalc(&s, 24, 80);
	scr_order_draw(&s, w);
	assert_string_equal(row(w, 14), "  B-13         Stalls         Standard                "
			    "45.00    2.50      47.50 v");
	scr_order_recalc(&s, 20, 60);
	scr_order_draw(&s, small);
	assert_true(shows(small, "Terminal too small: need 80x24, have 60x20"));
	delwin(w);
	delwin(small);
	scr_order_free(&s);
}

/* ================= payment ================= */

static enum pay_cmd pay_last;

static void pay_press(void *p, bool is_code, wint_t key)
{
	struct scr_pay *s = p;

	pay_last = scr_pay_do(s, scr_pay_key(s, is_code, key), is_code, key);
}

static enum pay_cmd pay_key(struct scr_pay *s, bool is_code, wint_t key)
{
	pay_press(s, is_code, key);
	return pay_last;
}

static void pay_start(struct scr_pay *s, const struct ui_style *st, int64_t total, bool comp)
{
	scr_pay_init(s, st, "Hamlet, Fri 27 Nov 19:30");
	scr_pay_set_order(s, total, 950);
	scr_pay_set_can_comp(s, comp);
	scr_pay_recalc(s, 24, 80);
}

static void pay_split_cash_and_card(void **state)
{
	struct scr_pay s;
	struct payment p[4];

	(void)state;
	pay_start(&s, &utf8_style, 16950, false);
	assert_int_equal(scr_pay_remaining(&s), 16950);
	/* Card for 100.00: the prefilled 169.50 is replaced by typing. */
	pay_key(&s, false, '2');
	assert_int_equal(s.mode, PAY_MODE_FORM);
	assert_string_equal(s.amount.text, "169.50");
	type(pay_press, &s, "100");
	pay_key(&s, false, '\r');                 /* no reference yet */
	assert_int_equal(s.mode, PAY_MODE_FORM);
	assert_int_equal(s.form_focus, 1);
	assert_string_equal(s.status, "Type the card terminal's reference for this payment.");
	type(pay_press, &s, "T-4711");
	pay_key(&s, false, '\r');
	assert_int_equal(s.mode, PAY_MODE_LIST);
	assert_int_equal(s.ntenders, 1);
	assert_int_equal(scr_pay_remaining(&s), 6950);
	/* Enter with something left says what. */
	assert_int_equal(pay_key(&s, false, '\r'), PAY_NONE);
	assert_string_equal(s.status, "Still to pay: 69.50. Choose 1 cash, 2 card.");
	/* Cash: the customer hands over 100.00; typed as the amount it pays
	 * what remains and the rest is tendered. */
	pay_key(&s, false, '1');
	assert_string_equal(s.amount.text, "69.50");
	assert_string_equal(s.second.text, "69.50");
	type(pay_press, &s, "100");
	assert_string_equal(s.second.text, "100");  /* tendered follows until typed into */
	pay_key(&s, false, '\r');
	assert_int_equal(s.ntenders, 2);
	assert_int_equal(s.tenders[1].amount, 6950);
	assert_int_equal(s.tenders[1].tendered, 10000);
	assert_int_equal(scr_pay_remaining(&s), 0);
	assert_int_equal(scr_pay_change_due(&s), 3050);
	assert_string_equal(s.status, "Cash 69.50 taken, 100.00 handed over: change 30.50.");
	/* Nothing left: no more tenders, Enter confirms. */
	pay_key(&s, false, '1');
	assert_int_equal(s.mode, PAY_MODE_LIST);
	assert_int_equal(pay_key(&s, true, KEY_ENTER), PAY_CONFIRM);
	assert_int_equal(scr_pay_payments(&s, NULL, 0), 2);
	assert_int_equal(scr_pay_payments(&s, p, 4), 2);
	assert_int_equal(p[0].method, PAY_CARD);
	assert_int_equal(p[0].amount, 10000);
	assert_string_equal(p[0].reference, "T-4711");
	assert_null(p[0].reason);
	assert_int_equal(p[1].method, PAY_CASH);
	assert_int_equal(p[1].amount, 6950);
	assert_int_equal(p[1].tendered, 10000);
	/* The screen and the sale core agree on the change. */
	assert_int_equal(sale_change_due(p, 2), scr_pay_change_due(&s));
}

static void pay_cash_tendered_typed(void **state)
{
	struct scr_pay s;

	(void)state;
	pay_start(&s, &utf8_style, 7500, false);
	pay_key(&s, false, '1');
	pay_key(&s, false, '\t');
	type(pay_press, &s, "70");                 /* less than the amount */
	pay_key(&s, false, '\r');
	assert_int_equal(s.ntenders, 0);
	assert_int_equal(s.form_focus, 1);
	assert_string_equal(s.status, "Tendered 70.00 is less than the amount 75.00.");
	pay_key(&s, false, CTRL('u'));
	type(pay_press, &s, "80");
	pay_key(&s, true, KEY_UP);                 /* amount: now typing there leaves */
	type(pay_press, &s, "90");                 /* tendered alone (it was typed into) */
	assert_string_equal(s.second.text, "80");
	pay_key(&s, false, '\r');
	assert_int_equal(s.tenders[0].amount, 7500); /* capped at what remains */
	assert_int_equal(s.tenders[0].tendered, 8000);
	assert_int_equal(scr_pay_change_due(&s), 500);
}

static void pay_comp_needs_permission_and_reason(void **state)
{
	struct scr_pay s;
	struct payment p[2];

	(void)state;
	pay_start(&s, &utf8_style, 4750, false);
	pay_key(&s, false, '3');
	assert_int_equal(s.mode, PAY_MODE_LIST);
	assert_string_equal(s.status, "Only a supervisor may comp.");
	assert_true(s.status_error);
	scr_pay_set_can_comp(&s, true);
	pay_key(&s, false, '3');
	assert_int_equal(s.mode, PAY_MODE_FORM);
	type(pay_press, &s, "50");                 /* more than remains */
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "A comp payment cannot be more than what remains (47.50).");
	assert_int_equal(s.form_focus, 0);
	pay_key(&s, false, CTRL('u'));
	type(pay_press, &s, "47.50");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "Type the reason for the comp (e.g. artist guest).");
	type(pay_press, &s, "   ");                /* blanks are not a reason */
	pay_key(&s, false, '\r');
	assert_int_equal(s.ntenders, 0);
	type(pay_press, &s, "artist guest");
	pay_key(&s, false, '\r');
	assert_int_equal(s.ntenders, 1);
	assert_int_equal(pay_key(&s, false, '\n'), PAY_CONFIRM);
	assert_int_equal(scr_pay_payments(&s, p, 2), 1);
	assert_int_equal(p[0].method, PAY_COMP);
	assert_string_equal(p[0].reason, "artist guest");
	assert_int_equal(scr_pay_change_due(&s), 0);
}

static void pay_amount_errors(void **state)
{
	struct scr_pay s;

	(void)state;
	pay_start(&s, &utf8_style, 7500, false);
	pay_key(&s, false, '1');
	type(pay_press, &s, "12.345");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "\"12.345\" has more than two decimals.");
	assert_true(s.status_error);
	assert_int_equal(s.form_focus, 0);
	pay_key(&s, false, CTRL('u'));
	type(pay_press, &s, "1.2.3");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "\"1.2.3\" is not an amount (use digits, e.g. 12.50).");
	pay_key(&s, false, CTRL('u'));
	type(pay_press, &s, "abc");                /* the field takes no letters */
	assert_string_equal(s.amount.text, "");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "\"\" is not an amount (use digits, e.g. 12.50).");
	type(pay_press, &s, "0.00");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "An amount must be more than 0.00.");
	/* A card cannot pay more than remains. */
	pay_key(&s, false, ESC);
	assert_int_equal(s.mode, PAY_MODE_LIST);
	pay_key(&s, false, '2');
	type(pay_press, &s, "75.01");
	pay_key(&s, false, '\t');
	type(pay_press, &s, "T-1");
	pay_key(&s, false, '\r');
	assert_string_equal(s.status, "A card payment cannot be more than what remains (75.00).");
	assert_int_equal(s.ntenders, 0);
	assert_int_equal(s.form_focus, 0);
}

static void pay_remove_tender_and_abandon(void **state)
{
	struct scr_pay s;

	(void)state;
	pay_start(&s, &utf8_style, 7500, false);
	pay_key(&s, false, '1');
	type(pay_press, &s, "20");
	pay_key(&s, false, '\r');
	pay_key(&s, false, '2');
	type(pay_press, &s, "30");
	pay_key(&s, false, '\t');
	type(pay_press, &s, "T-9");
	pay_key(&s, false, '\r');
	assert_int_equal(s.ntenders, 2);
	assert_int_equal(scr_pay_remaining(&s), 2500);
	pay_key(&s, true, KEY_UP);
	pay_key(&s, false, 'x');
	assert_int_equal(s.ntenders, 1);
	assert_int_equal(s.tenders[0].method, PAY_CARD);
	assert_string_equal(s.status, "Removed: Cash 20.00.");
	assert_int_equal(scr_pay_remaining(&s), 4500);
	pay_key(&s, true, KEY_DC);
	assert_int_equal(s.ntenders, 0);
	pay_key(&s, false, 'x');
	assert_string_equal(s.status, "No payment to remove.");
	/* Esc asks; n keeps paying; y abandons. */
	assert_int_equal(pay_key(&s, false, ESC), PAY_NONE);
	assert_int_equal(s.mode, PAY_MODE_ASK);
	assert_int_equal(scr_pay_key(&s, false, '1'), PAY_NONE);
	assert_int_equal(pay_key(&s, false, 'n'), PAY_NONE);
	assert_int_equal(s.mode, PAY_MODE_LIST);
	pay_key(&s, false, ESC);
	assert_int_equal(pay_key(&s, false, 'y'), PAY_ABANDON);
	/* A lower total from the database: too much paid is refused. */
	pay_key(&s, false, '1');
	pay_key(&s, false, '\r');
	scr_pay_set_order(&s, 7000, 0);
	assert_int_equal(pay_key(&s, false, '\r'), PAY_NONE);
	assert_string_equal(s.status, "Payments are 5.00 over the total: remove one (x).");
}

static void pay_free_order(void **state)
{
	struct scr_pay s;
	struct payment p[1];

	(void)state;
	pay_start(&s, &utf8_style, 0, false);
	assert_int_equal(pay_key(&s, false, '\r'), PAY_CONFIRM);
	assert_int_equal(scr_pay_payments(&s, p, 1), 1);
	assert_int_equal(p[0].method, PAY_CASH);
	assert_int_equal(p[0].amount, 0);
	assert_int_equal(p[0].tendered, 0);
}

static void pay_screen_golden(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_pay s;
	int y, x;

	(void)state;
	pay_start(&s, &utf8_style, 16950, true);
	scr_pay_set_countdown(&s, 552);
	pay_key(&s, false, '2');
	type(pay_press, &s, "100");
	pay_key(&s, false, '\t');
	type(pay_press, &s, "T-4711");
	pay_key(&s, false, '\r');
	pay_key(&s, false, '1');
	pay_key(&s, false, '\t');
	type(pay_press, &s, "100");
	scr_pay_recalc(&s, 24, 80);
	scr_pay_draw(&s, w);
	getyx(w, y, x);                           /* the cursor is left in the field */
	assert_int_equal(y, 18);
	assert_int_equal(x, 15 + 3);
	dump(w, "pay, cash form");
	assert_string_equal(row(w, 0), " Payment — Hamlet, Fri 27 Nov 19:30"
			    "                             Pay within 9:12");
	assert_string_equal(row(w, 2), "  Order total         169.50  (fees 9.50 included)");
	assert_string_equal(row(w, 3), "  Paid                100.00");
	assert_string_equal(row(w, 4), "  Remaining            69.50");
	assert_string_equal(row(w, 6), "  Payments");
	assert_string_equal(row(w, 7), "   1  Card        100.00   reference T-4711");
	assert_string_equal(row(w, 16), "  Cash payment — 69.50 remains");
	assert_string_equal(row(w, 17), "    Amount     69.50");
	assert_string_equal(row(w, 18), "    Tendered   100                Change due: 30.50");
	assert_string_equal(row(w, 23), " type  Tab/↑↓ other field  ^U clear  Enter add  "
			    "Esc cancel  F1 help");
	pay_key(&s, false, '\r');
	scr_pay_recalc(&s, 24, 80);
	scr_pay_draw(&s, w);
	dump(w, "pay, paid");
	assert_string_equal(row(w, 4), "  Remaining             0.00");
	assert_string_equal(row(w, 8), "   2  Cash         69.50   tendered 100.00, change 30.50");
	assert_string_equal(row(w, 16), "  Paid in full. Enter confirms and issues the tickets.");
	assert_string_equal(row(w, 20), "   Change due: 30.50");
	assert_string_equal(row(w, 22), " Cash 69.50 taken, 100.00 handed over: change 30.50.");
	assert_string_equal(row(w, 23), " 1 cash  2 card  3 comp  ↑↓ move  x remove  "
			    "Enter confirm  Esc abandon  ? help");
	/* The database's refusal, passed in by the app. */
	scr_pay_message(&s, "payments add up to 70.00, the order total is 75.00", true);
	scr_pay_draw(&s, w);
	assert_string_equal(row(w, 22), " payments add up to 70.00, the order total is 75.00");
	/* Esc asks in a box. */
	pay_key(&s, false, ESC);
	scr_pay_draw(&s, w);
	dump(w, "pay, abandon?");
	assert_true(shows(w, "Abandon this order and release its seats? (y/n)"));
	assert_string_equal(row(w, 23), " y abandon the order and release its seats  "
			    "n keep paying");
	pay_key(&s, false, 'n');
	pay_key(&s, false, '?');
	scr_pay_draw(&s, w);
	assert_true(shows(w, "Keys: payment"));
	pay_key(&s, false, ' ');
	assert_false(s.help);
	delwin(w);
}

static void pay_screen_ascii_no_comp_and_late(void **state)
{
	WINDOW *w = newpad(24, 80), *small = newpad(23, 80);
	struct scr_pay s;

	(void)state;
	pay_start(&s, &ascii_style, 7500, false);
	scr_pay_set_countdown(&s, 0);
	scr_pay_draw(&s, w);
	dump(w, "pay, ascii, late");
	assert_string_equal(row(w, 0), " Payment - Hamlet, Fri 27 Nov 19:30"
			    "                           Time to pay is up");
	assert_string_equal(row(w, 7), "    None yet.");
	assert_string_equal(row(w, 16), "  To pay: 75.00. Choose 1 cash, 2 card.");
	assert_string_equal(row(w, 22), " Time to pay is up - the order may already be released.");
	assert_string_equal(row(w, 23), " 1 cash  2 card  Up/Dn move  x remove  Enter confirm  "
			    "Esc abandon  ? help");
	scr_pay_draw(&s, small);
	assert_true(shows(small, "Terminal too small: need 80x24, have 80x23"));
	delwin(w);
	delwin(small);
}

/* ================= done ================= */

static void done_fill_from_order(void **state)
{
	struct scr_order o;
	struct scr_done d;
	struct issued_ticket it[5];
	struct issued iss = { .items = it, .n = 5 };
	struct err e;

	(void)state;
	order_fill(&o, &utf8_style);
	order_key(&o, false, 'j');
	order_key(&o, false, 't');                 /* A13 Concession */
	memset(it, 0, sizeof it);
	/* The database returns tickets in its own order. */
	snprintf(it[0].ticket_id, UUID_LEN, "%s", "aa11bb22-0000-4000-8000-000000000001");
	snprintf(it[1].ticket_id, UUID_LEN, "%s", "bb22cc33-0000-4000-8000-000000000002");
	snprintf(it[1].seat_id, UUID_LEN, "%s", "seat-a13");
	snprintf(it[2].ticket_id, UUID_LEN, "%s", "cc33dd44-0000-4000-8000-000000000003");
	snprintf(it[2].seat_id, UUID_LEN, "%s", "seat-a12");
	snprintf(it[3].ticket_id, UUID_LEN, "%s", "dd44ee55-0000-4000-8000-000000000004");
	snprintf(it[4].ticket_id, UUID_LEN, "%s", "ee55ff66-0000-4000-8000-000000000005");
	snprintf(it[4].seat_id, UUID_LEN, "%s", "seat-a14");
	scr_done_init(&d, &utf8_style, "Hamlet, Fri 27 Nov 19:30");
	scr_done_set_order(&d, "3f2a9c1b-7d4e-4f00-9abc-0123456789ab", 16950, 3050);
	assert_string_equal(d.ref, "3F2A9C1B");
	assert_true(scr_done_fill(&d, &o, &iss, &e));
	assert_int_equal(d.n, 5);
	assert_string_equal(d.tickets[0].ticket, "AA11BB22");
	assert_string_equal(d.tickets[0].seat, "General admission");
	assert_string_equal(d.tickets[0].section, "Floor");
	assert_string_equal(d.tickets[0].tier, "Standing");
	assert_string_equal(d.tickets[1].seat, "A-13");
	assert_string_equal(d.tickets[1].tier, "Concession");
	assert_int_equal(d.tickets[1].price, 3000);
	assert_string_equal(d.tickets[2].seat, "A-12");
	assert_string_equal(d.tickets[3].seat, "General admission");
	assert_string_equal(d.tickets[4].seat, "A-14");
	/* Without ticket ids: one row per place. */
	assert_true(scr_done_fill(&d, &o, NULL, &e));
	assert_int_equal(d.n, 5);
	assert_string_equal(d.tickets[0].seat, "A-12");
	assert_string_equal(d.tickets[4].seat, "General admission");
	assert_string_equal(d.tickets[4].ticket, "");
	scr_done_free(&d);
	scr_order_free(&o);
}

static void done_screen_golden(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_done d;
	struct err e;

	(void)state;
	scr_done_init(&d, &utf8_style, "Hamlet, Fri 27 Nov 19:30");
	scr_done_set_order(&d, "3f2a9c1b-7d4e-4f00-9abc-0123456789ab", 9500, 750);
	assert_true(scr_done_add_ticket(&d, "aa11bb22-0000", "A-12", "Stalls", "Standard", 4500,
					250, &e));
	assert_true(scr_done_add_ticket(&d, "bb22cc33-0000", NULL, "Floor", "Standing", 2000, 100,
					&e));
	scr_done_recalc(&d, 24, 80);
	scr_done_draw(&d, w);
	dump(w, "done");
	assert_string_equal(row(w, 0), " Sale complete — Hamlet, Fri 27 Nov 19:30");
	assert_string_equal(row(w, 2), "  Order 3F2A9C1B    2 tickets    Total paid 95.00");
	assert_string_equal(row(w, 4), "  Ticket    Seat               Section        Tier"
			    "                Price     Fee");
	assert_string_equal(row(w, 5), "  AA11BB22  A-12               Stalls         Standard"
			    "            45.00    2.50");
	assert_string_equal(row(w, 6), "  BB22CC33  General admission  Floor          Standing"
			    "            20.00    1.00");
	assert_string_equal(row(w, 18), "   Change due: 7.50");
	/* Nothing tried yet: said so, with the keys that print. */
	assert_string_equal(row(w, 19), "  Not printed yet.");
	assert_string_equal(row(w, 21), "  The tickets are valid and kept as unprinted. r: print them, "
			    "p: pick printer");
	assert_string_equal(row(w, 23), " Enter/n next  r print again  p printers  ↑↓ scroll  ? help  "
			    "q quit");
	/* Printing, then printed: r is refused, p stays. */
	scr_done_set_print(&d, DONE_PRINT_BUSY, "Printing 2 tickets on \"pdf\"…");
	scr_done_draw(&d, w);
	assert_string_equal(row(w, 19), "  Printing 2 tickets on \"pdf\"…");
	scr_done_set_print(&d, DONE_PRINT_OK, "Printed on \"pdf\" (job 12).");
	scr_done_draw(&d, w);
	assert_string_equal(row(w, 19), "  Printed on \"pdf\" (job 12).");
	assert_string_equal(row(w, 21), "  The tickets are valid. Hand them over.");
	assert_string_equal(row(w, 23), " Enter/n next customer  p printers  ↑↓ scroll  ? help  q quit");
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, 'r')), DONE_NONE);
	assert_non_null(strstr(d.status, "printed"));
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, 'p')), DONE_PRINTERS);
	/* Failed: the printer's words over two lines, r and p offered. */
	scr_done_set_print(&d, DONE_PRINT_FAILED, "Printer \"pdf\" is stopped: Paper jam. The job "
			   "waits in its queue; start the printer, or pick another one.");
	scr_done_message(&d, NULL, false);
	scr_done_draw(&d, w);
	assert_string_equal(row(w, 19), "  Not printed: Printer \"pdf\" is stopped: Paper jam. The job "
			    "waits in its");
	assert_string_equal(row(w, 20), "  queue; start the printer, or pick another one.");
	assert_string_equal(row(w, 21), "  The tickets are valid and kept as unprinted. r: try again, "
			    "p: other printer");
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, 'r')), DONE_RETRY);
	scr_done_set_print(&d, DONE_PRINT_NOT_TRIED, NULL);
	/* Keys. */
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, '\r')), DONE_NEXT);
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, true, KEY_ENTER)), DONE_NEXT);
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, 'n')), DONE_NEXT);
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, 'q')), DONE_QUIT);
	assert_int_equal(scr_done_do(&d, scr_done_key(&d, false, '?')), DONE_NONE);
	assert_true(d.help);
	scr_done_draw(&d, w);
	assert_true(shows(w, "Keys: sale complete"));
	assert_int_equal(scr_done_key(&d, false, 'q'), DONE_CANCEL); /* help eats it */
	scr_done_do(&d, DONE_CANCEL);
	/* No change: said plainly; ASCII title. */
	d.style = &ascii_style;
	scr_done_set_order(&d, "3f2a9c1b", 9500, 0);
	scr_done_draw(&d, w);
	assert_string_equal(row(w, 0), " Sale complete - Hamlet, Fri 27 Nov 19:30");
	assert_string_equal(row(w, 18), "  No change due.");
	assert_string_equal(row(w, 23), " Enter/n next  r print again  p printers  Up/Down scroll  "
			    "? help  q quit");
	delwin(w);
	scr_done_free(&d);
}

static void done_scrolls_long_orders(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_done d;
	struct err e;
	char seat[16];

	(void)state;
	scr_done_init(&d, &utf8_style, "Stadium");
	scr_done_set_order(&d, "abcdef12", 0, 0);
	for (int i = 1; i <= 20; i++) {
		snprintf(seat, sizeof seat, "C-%d", i);
		assert_true(scr_done_add_ticket(&d, "x", seat, "North", "Adult", 1000, 0, &e));
	}
	scr_done_recalc(&d, 24, 80);
	assert_int_equal(d.rows, 12);
	scr_done_do(&d, DONE_PGDN);
	scr_done_do(&d, DONE_PGDN);
	scr_done_recalc(&d, 24, 80);
	assert_int_equal(d.top, 8);
	scr_done_draw(&d, w);
	assert_non_null(strstr(row(w, 5), "C-9 "));
	assert_non_null(strstr(row(w, 16), "C-20"));
	assert_non_null(strstr(row(w, 5), "↑"));
	scr_done_free(&d);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_totals_mixed_tiers_in_cents),
		cmocka_unit_test(order_items_and_customer_for_the_app),
		cmocka_unit_test(order_tier_cycling),
		cmocka_unit_test(order_ga_limit),
		cmocka_unit_test(order_email_validation),
		cmocka_unit_test(order_keys_depend_on_focus),
		cmocka_unit_test(order_screen_golden),
		cmocka_unit_test(order_screen_customer_and_help),
		cmocka_unit_test(order_screen_scrolls_ascii_and_too_small),
		cmocka_unit_test(pay_split_cash_and_card),
		cmocka_unit_test(pay_cash_tendered_typed),
		cmocka_unit_test(pay_comp_needs_permission_and_reason),
		cmocka_unit_test(pay_amount_errors),
		cmocka_unit_test(pay_remove_tender_and_abandon),
		cmocka_unit_test(pay_free_order),
		cmocka_unit_test(pay_screen_golden),
		cmocka_unit_test(pay_screen_ascii_no_comp_and_late),
		cmocka_unit_test(done_fill_from_order),
		cmocka_unit_test(done_screen_golden),
		cmocka_unit_test(done_scrolls_long_orders),
	};

	return cmocka_run_group_tests(tests, start_term, stop_term);
}
