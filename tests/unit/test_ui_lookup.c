/* The help desk's screens at 80x24 with handmade data: the results list as
 * you type, a person with their orders page by page, an order's tickets
 * (valid, used with time and gate, cancelled with the reason, prints), the
 * reprint and cancel forms with their checks, the keys each role is
 * offered, ASCII mode. Drawn into pads on a headless terminal and read
 * back. DUMP_SCREENS=1 prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr_lookup.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

static enum lk_cmd press(struct scr_lookup *s, bool code, wint_t key)
{
	return scr_lookup_do(s, scr_lookup_key(s, code, key), code, key);
}

static enum lk_cmd type(struct scr_lookup *s, const char *text)
{
	enum lk_cmd last = LK_NONE;

	for (const char *p = text; *p; p++)
		last = press(s, false, (wint_t)(unsigned char)*p);
	return last;
}

static void draw(struct scr_lookup *s, WINDOW *w, const char *name)
{
	scr_lookup_recalc(s, 24, 80);
	scr_lookup_draw(s, w);
	dump(w, name);
}

/* ---- data ---- */

#define UA "00000000-0000-4000-d000-00000000000a"
#define UB "00000000-0000-4000-d000-00000000000b"
#define O1 "3f2a9c01-0000-4000-8000-000000000001"
#define O2 "7b00aa02-0000-4000-8000-000000000002"
#define T1 "10000000-0000-4000-8000-000000000001"
#define T2 "10000000-0000-4000-8000-000000000002"
#define T3 "10000000-0000-4000-8000-000000000003"
#define T4 "10000000-0000-4000-8000-000000000004"

static struct att_person people_v[] = {
	{ .user_id = UA, .name = "Margaret Thomson", .email = "mthomson@example.org",
	  .phone = "+44 20 7946 0958", .orders = 2, .last_order_at = "2026-11-20T10:15:00Z",
	  .matched = ATT_BY_NAME },
	{ .user_id = UB, .name = "Margot Thompsett", .email = "", .phone = "", .orders = 1,
	  .matched = ATT_BY_ORDER, .order_id = O2 },
};
static const struct att_people people = { people_v, 2 };

static struct att_order orders_v[] = {
	{ .order_id = O1, .created_at = "2026-11-20T10:15:00Z", .key_at = "x", .status = "PAID",
	  .total = 8800, .refunded = 0, .event_title = "The Tempest", .start = "2026-11-27T19:30:00Z",
	  .valid = 2, .used = 1, .cancelled = 1, .places = 4 },
	{ .order_id = O2, .created_at = "2026-11-19T09:00:00Z", .key_at = "y", .status = "PAID",
	  .total = 4400, .event_title = "Twelfth Night", .start = "2026-12-04T19:30:00Z",
	  .valid = 1, .places = 1 },
};

static struct att_ticket tickets_v[] = {
	{ .ticket_id = T1, .section = "Promenade", .row = "", .number = "", .tier = "Standing",
	  .price = 1500, .status = "VALID", .gate = "", .cancel_reason = "", .prints = 1,
	  .last_printer = "pdf", .last_print_status = "PRINTED",
	  .last_printed_at = "2026-11-20T10:16:00Z" },
	{ .ticket_id = T2, .section = "Stalls", .row = "A", .number = "12", .tier = "Standard",
	  .price = 4250, .status = "USED", .scanned_at = "2026-11-27T19:02:00Z", .gate = "Main",
	  .cancel_reason = "", .prints = 2, .reprints = 1, .last_printer = "pdf",
	  .last_print_status = "PRINTED", .last_printed_at = "2026-11-21T12:00:00Z" },
	{ .ticket_id = T3, .section = "Stalls", .row = "A", .number = "13", .tier = "Standard",
	  .price = 4250, .status = "CANCELLED", .gate = "", .cancelled_at = "2026-11-22T09:00:00Z",
	  .cancel_reason = "wrong night", .prints = 0, .last_printer = "" },
	{ .ticket_id = T4, .section = "Stalls", .row = "A", .number = "14", .tier = "Concession",
	  .price = 3000, .status = "VALID", .gate = "", .cancel_reason = "", .prints = 0,
	  .last_printer = "" },
};

static struct att_orders orders(bool more)
{
	struct att_orders o = { orders_v, 2, more };
	return o;
}

static const struct att_tickets tickets = { O1, tickets_v, 4 };

/* The screen at the tickets of O1, as a help desk login sees it. */
static void at_tickets(struct scr_lookup *s, const struct ui_style *st, const struct att_orders *o)
{
	scr_lookup_init(s, st, "help_a", "Lyric Theatre Company");
	scr_lookup_set_roles(s, true, true);
	scr_lookup_set_results(s, "", &people);
	scr_lookup_show_person(s, &people_v[0], o);
	assert_true(scr_lookup_show_tickets(s, &o->v[0], &tickets));
}

/* ---- tests ---- */

static void search_as_you_type(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_lookup s;

	(void)state;
	scr_lookup_init(&s, &utf8_style, "help_a", "Lyric Theatre Company");
	scr_lookup_set_roles(&s, true, true);
	draw(&s, w, "empty search");
	assert_string_equal(row(w, 0), " Find an attendee                                help_a @ Lyric Theatre Company");
	assert_true(shows(w, "Type a name, e-mail, phone, order reference, or scan a ticket."));
	/* one letter: not searched, the screen says why */
	assert_int_equal(type(&s, "M"), LK_SEARCH);
	draw(&s, w, "one letter");
	assert_true(shows(w, "Type 2 letters or more."));
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	draw(&s, w, "one letter, Enter");
	assert_int_equal(find(w, "Type 2 letters or more."), 3);
	assert_string_equal(row(w, 22), " Type 2 letters or more.");
	/* typed on: results for what the box holds */
	assert_int_equal(type(&s, "argret"), LK_SEARCH);
	assert_string_equal(scr_lookup_query(&s), "Margret");
	draw(&s, w, "searching");
	assert_true(shows(w, "Searching"));
	scr_lookup_set_results(&s, "Margret", &people);
	draw(&s, w, "results");
	assert_string_equal(row(w, 2), " Search  Margret");
	assert_string_equal(row(w, 3), "  2 found for \"Margret\". Enter opens.");
	assert_string_equal(row(w, 4), " Name                 E-mail                    Phone           Orders Matched");
	assert_string_equal(row(w, 5), " Margaret Thomson     mthomson@example.org      +44 20 7946 0958     2 name");
	assert_string_equal(row(w, 6), " Margot Thompsett     -                         -                    1 order");
	assert_string_equal(row(w, 21), " Margaret Thomson: 2 orders, the last Fri 20 Nov 10:15; matched by name.");
	assert_string_equal(row(w, 23), " type to search  ↑↓ choose  Enter open  ^U clear  Esc back  F1 help");
	/* the cursor, Enter, Esc */
	assert_ptr_equal(scr_lookup_result(&s), &people_v[0]);
	assert_int_equal(press(&s, true, KEY_DOWN), LK_NONE);
	assert_ptr_equal(scr_lookup_result(&s), &people_v[1]);
	draw(&s, w, "by order");
	assert_string_equal(row(w, 21), " Margot Thompsett: matched by the reference of order 7B00AA02.");
	assert_int_equal(press(&s, false, '\r'), LK_OPEN);
	scr_lookup_set_results(&s, "Margret", &people); /* the same query: the cursor stays */
	assert_ptr_equal(scr_lookup_result(&s), &people_v[1]);
	scr_lookup_set_results(&s, "Marg", &people);
	assert_ptr_equal(scr_lookup_result(&s), &people_v[0]);
	/* ^U empties the box; '?' and 'q' are letters here */
	assert_int_equal(press(&s, false, 0x15), LK_SEARCH);
	assert_string_equal(scr_lookup_query(&s), "");
	assert_int_equal(type(&s, "q?"), LK_SEARCH);
	assert_string_equal(scr_lookup_query(&s), "q?");
	/* a scanned token and Enter */
	press(&s, false, 0x15);
	type(&s, "EBAB6B4FE3BF748676FB6D7D60335F970568F6AB");
	assert_int_equal(press(&s, false, '\r'), LK_OPEN_TOKEN);
	/* nobody found */
	press(&s, false, 0x15);
	type(&s, "zzz");
	scr_lookup_set_results(&s, "zzz", &(struct att_people){ NULL, 0 });
	draw(&s, w, "nobody");
	assert_true(shows(w, "Nobody found for \"zzz\"."));
	assert_int_equal(press(&s, false, 27), LK_LEAVE);
	scr_lookup_free(&s);
	delwin(w);
}

static void person_and_pages(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct att_orders o = orders(true);
	struct scr_lookup s;

	(void)state;
	scr_lookup_init(&s, &utf8_style, "help_a", "Lyric Theatre Company");
	scr_lookup_set_results(&s, "Margret", &people);
	scr_lookup_show_person(&s, &people_v[0], &o);
	draw(&s, w, "person");
	assert_string_equal(row(w, 0), " Margaret Thomson                                help_a @ Lyric Theatre Company");
	assert_string_equal(row(w, 1), "  E-mail mthomson@example.org   Phone +44 20 7946 0958");
	assert_string_equal(row(w, 2), "  2 orders so far, newest first");
	assert_string_equal(row(w, 3), "  Order    Bought           Event                 Status    Tickets       Total");
	assert_string_equal(row(w, 4), "  3F2A9C01 Fri 20 Nov 10:15 The Tempest           PAID      2v 1u 1x      88.00");
	assert_string_equal(row(w, 5), "  7B00AA02 Thu 19 Nov 09:00 Twelfth Night         PAID      1 valid       44.00");
	assert_true(shows(w, "More orders: PgDn reads the next page."));
	assert_string_equal(row(w, 21), " Show Fri 27 Nov 19:30. 4 places: 2 valid, 1 used, 1 cancelled.");
	/* Down past the last order loaded asks for the next page; the cursor
	 * then makes that move */
	assert_int_equal(press(&s, true, KEY_DOWN), LK_NONE);
	assert_ptr_equal(scr_lookup_order(&s), &orders_v[1]);
	assert_int_equal(press(&s, true, KEY_DOWN), LK_MORE);
	assert_int_equal(press(&s, true, KEY_NPAGE), LK_MORE);
	o.more = false;
	scr_lookup_set_orders(&s, &o, true);
	assert_ptr_equal(scr_lookup_order(&s), &orders_v[1]);
	assert_int_equal(press(&s, true, KEY_NPAGE), LK_NONE); /* no more: just the last */
	draw(&s, w, "person, all read");
	assert_string_equal(row(w, 2), "  2 orders, newest first");
	assert_false(shows(w, "More orders"));
	assert_true(scr_lookup_select_order(&s, O1));
	assert_int_equal(press(&s, false, '\n'), LK_OPEN_ORDER);
	assert_ptr_equal(scr_lookup_order(&s), &orders_v[0]);
	/* a digit starts a new search (a scanner's token among them) */
	assert_int_equal(press(&s, false, '7'), LK_SEARCH);
	assert_int_equal(s.level, LK_AT_SEARCH);
	assert_string_equal(scr_lookup_query(&s), "7");
	scr_lookup_show_person(&s, &people_v[0], &o);
	assert_int_equal(press(&s, false, 27), LK_NONE);
	assert_int_equal(s.level, LK_AT_SEARCH);
	scr_lookup_free(&s);
	delwin(w);
}

static void tickets_with_statuses(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct att_orders o = orders(false);
	struct scr_lookup s;
	int y;

	(void)state;
	at_tickets(&s, &utf8_style, &o);
	draw(&s, w, "tickets");
	assert_string_equal(row(w, 0), " Order 3F2A9C01 — The Tempest · Fri 27 Nov 19:30 help_a @ Lyric Theatre Company");
	assert_string_equal(row(w, 1), "  Margaret Thomson · PAID · total 88.00");
	assert_string_equal(row(w, 3), "     Seat                 Tier          Price Status                 Printed");
	assert_string_equal(row(w, 4), " [ ] Promenade (standing) Standing      15.00 VALID                  1x pdf");
	assert_string_equal(row(w, 5), " [ ] Stalls A-12          Standard      42.50 USED 19:02 Main        2x pdf");
	assert_string_equal(row(w, 6), " [ ] Stalls A-13          Standard      42.50 CANCELLED: wrong night never");
	assert_string_equal(row(w, 7), " [ ] Stalls A-14          Concession    30.00 VALID                  never");
	assert_string_equal(row(w, 23), " ↑↓ move  Space mark  r reprint  c cancel  C cancel order  Esc back  ? help");
	/* the one under the cursor in full */
	press(&s, true, KEY_DOWN);
	draw(&s, w, "used ticket");
	y = find(w, "Stalls A-12: used");
	assert_int_equal(y, 19);
	assert_string_equal(row(w, 19), " Stalls A-12: used Fri 27 Nov 19:02 at gate Main.");
	assert_string_equal(row(w, 20), " Printed 2 times, last on \"pdf\" Sat 21 Nov 12:00: PRINTED.");
	assert_string_equal(row(w, 21), " 1 new code issued since the sale. Ticket " T2);
	press(&s, true, KEY_DOWN);
	draw(&s, w, "cancelled ticket");
	assert_string_equal(row(w, 19), " Stalls A-13: cancelled Sun 22 Nov 09:00: wrong night");
	assert_string_equal(row(w, 20), " Never printed.");
	/* Space marks and moves on */
	press(&s, true, KEY_HOME);
	assert_int_equal(press(&s, false, ' '), LK_NONE);
	assert_ptr_equal(scr_lookup_ticket(&s), &tickets_v[1]);
	press(&s, true, KEY_END);
	press(&s, false, ' ');
	assert_int_equal(scr_lookup_marked(&s), 2);
	draw(&s, w, "marked");
	assert_string_equal(row(w, 2), "  2 of 4 tickets marked.");
	assert_true(strncmp(row(w, 4), " [x] Promenade", 14) == 0);
	assert_true(strncmp(row(w, 7), " [x] Stalls A-14", 16) == 0);
	/* read again: marks and the cursor follow their tickets */
	{
		struct att_ticket again_v[4];
		struct att_tickets again = { O1, again_v, 4 };

		again_v[0] = tickets_v[3], again_v[1] = tickets_v[0];
		again_v[2] = tickets_v[1], again_v[3] = tickets_v[2];
		press(&s, true, KEY_UP); /* on A-13 */
		assert_true(scr_lookup_set_tickets(&s, &again));
		assert_int_equal(scr_lookup_marked(&s), 2);
		assert_true(s.marked[0] && s.marked[1]);
		assert_string_equal(scr_lookup_ticket(&s)->ticket_id, T3);
		assert_true(scr_lookup_set_tickets(&s, &tickets));
	}
	/* Esc: back to the person */
	assert_int_equal(press(&s, false, 27), LK_NONE);
	assert_int_equal(s.level, LK_AT_PERSON);
	scr_lookup_free(&s);
	delwin(w);
}

static void reprint_form(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct att_orders o = orders(false);
	struct scr_lookup s;
	const char *ids[4];

	(void)state;
	at_tickets(&s, &utf8_style, &o);
	/* a used ticket is not printed again */
	press(&s, true, KEY_DOWN);
	assert_int_equal(press(&s, false, 'r'), LK_NONE);
	assert_int_equal(s.form, LK_FORM_NONE);
	draw(&s, w, "reprint refused");
	assert_string_equal(row(w, 22), " Only valid tickets are printed again: Stalls A-12 is used.");
	/* the cursor's ticket: a reason is asked first */
	press(&s, true, KEY_END);
	assert_int_equal(press(&s, false, 'r'), LK_NONE);
	assert_int_equal(s.form, LK_FORM_REPRINT);
	assert_int_equal(scr_lookup_request_ids(&s, ids, 4), 1);
	assert_string_equal(ids[0], T4);
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	draw(&s, w, "reprint form");
	assert_true(shows(w, "Print 1 ticket again: Stalls A-14"));
	assert_true(shows(w, "New QR codes: the old printout stops working at the gate."));
	assert_true(shows(w, "Say why the tickets are printed again (e.g. lost ticket)."));
	assert_string_equal(row(w, 23), " type the reason  Enter print  Esc back");
	type(&s, "lost ticket");
	assert_int_equal(press(&s, false, '\r'), LK_REPRINT);
	assert_string_equal(scr_lookup_reprint_reason(&s), "lost ticket");
	scr_lookup_close_form(&s);
	/* marked tickets rather than the cursor's */
	press(&s, true, KEY_HOME);
	press(&s, false, ' ');
	assert_int_equal(press(&s, false, 'r'), LK_NONE);
	assert_int_equal(scr_lookup_request_ids(&s, ids, 4), 1);
	assert_string_equal(ids[0], T1);
	assert_int_equal(press(&s, false, 27), LK_NONE);
	assert_int_equal(s.form, LK_FORM_NONE);
	scr_lookup_free(&s);
	delwin(w);
}

static void cancel_form_checks(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct att_orders o = orders(false);
	struct scr_lookup s;
	struct lk_cancel c;
	const char *ids[4];

	(void)state;
	at_tickets(&s, &utf8_style, &o);
	/* a cancelled ticket among the marked ones is refused before asking */
	press(&s, true, KEY_DOWN);
	press(&s, true, KEY_DOWN);
	assert_int_equal(press(&s, false, 'c'), LK_NONE);
	draw(&s, w, "cancel refused");
	assert_string_equal(row(w, 22), " Only valid tickets are cancelled: Stalls A-13 is cancelled.");
	/* c on A-14: the app reads the worth, the form opens prefilled */
	press(&s, true, KEY_END);
	assert_int_equal(press(&s, false, 'c'), LK_WORTH);
	assert_int_equal(scr_lookup_request_ids(&s, ids, 4), 1);
	assert_string_equal(ids[0], T4);
	scr_lookup_cancel_form(&s, true, 3150);
	draw(&s, w, "cancel form");
	assert_true(shows(w, "Cancel 1 ticket: Stalls A-14"));
	assert_true(shows(w, "Up to 31.50 can be refunded. The seats go back on sale at once."));
	assert_true(shows(w, "Refund   (•) cash  ( ) card  ( ) none"));
	assert_true(shows(w, "Amount   31.50"));
	/* Enter moves on; on the last field it checks: no reason */
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	assert_int_equal(s.focus, 1);
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	assert_int_equal(s.focus, 2);
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	assert_int_equal(s.focus, 0);
	draw(&s, w, "no reason");
	assert_string_equal(row(w, 22), " Say why the tickets are cancelled.");
	type(&s, "wrong night");
	/* more than the worth */
	press(&s, false, '\t');
	press(&s, false, '\t');
	press(&s, false, 0x15);
	type(&s, "40");
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	draw(&s, w, "too much");
	assert_string_equal(row(w, 22), " The refund (40.00) is more than the tickets are worth (31.50).");
	assert_int_equal(s.focus, 2);
	/* card, 0.00: refused; none then sets 0.00 */
	press(&s, false, 0x15);
	type(&s, "0");
	press(&s, true, KEY_UP);
	assert_int_equal(s.focus, 1);
	assert_int_equal(press(&s, true, KEY_RIGHT), LK_NONE);
	assert_int_equal(s.method, ATT_REFUND_CARD);
	press(&s, false, '\t');
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	draw(&s, w, "card 0");
	assert_string_equal(row(w, 22), " A card refund needs an amount; choose none to refund nothing.");
	press(&s, true, KEY_UP);
	assert_int_equal(press(&s, false, '3'), LK_NONE);
	assert_int_equal(s.method, ATT_REFUND_NONE);
	draw(&s, w, "none");
	assert_true(shows(w, "Refund   ( ) cash  ( ) card  (•) none"));
	assert_true(shows(w, "Amount   0.00"));
	/* back to cash: the worth again; confirmed */
	press(&s, false, '1');
	assert_int_equal(s.method, ATT_REFUND_CASH);
	press(&s, false, '\r');
	assert_int_equal(press(&s, false, '\r'), LK_CANCEL);
	scr_lookup_cancel_request(&s, &c);
	assert_false(c.whole_order);
	assert_string_equal(c.reason, "wrong night");
	assert_int_equal(c.method, ATT_REFUND_CASH);
	assert_int_equal(c.amount, 3150);
	scr_lookup_close_form(&s);
	/* C: every valid ticket of the order */
	assert_int_equal(press(&s, false, 'C'), LK_WORTH);
	assert_int_equal(scr_lookup_request_ids(&s, ids, 4), 2);
	assert_string_equal(ids[0], T1);
	assert_string_equal(ids[1], T4);
	scr_lookup_cancel_form(&s, true, 0); /* a comp: nothing to refund */
	assert_int_equal(s.method, ATT_REFUND_NONE);
	draw(&s, w, "cancel order");
	assert_true(shows(w, "Cancel order 3F2A9C01: 2 valid tickets"));
	type(&s, "show moved");
	press(&s, false, '\r');
	press(&s, false, '\r');
	assert_int_equal(press(&s, false, '\r'), LK_CANCEL);
	scr_lookup_cancel_request(&s, &c);
	assert_true(c.whole_order);
	assert_string_equal(c.order_id, O1);
	assert_int_equal(c.amount, 0);
	/* a scanner's burst into the form cannot confirm it: one Enter moves on */
	scr_lookup_cancel_form(&s, true, 3150);
	type(&s, "EBAB6B4FE3BF748676FB6D7D60335F970568F6AB");
	assert_int_equal(press(&s, false, '\r'), LK_NONE);
	assert_int_equal(press(&s, false, 27), LK_NONE);
	assert_int_equal(s.form, LK_FORM_NONE);
	scr_lookup_free(&s);
	delwin(w);
}

static void keys_per_role(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct att_orders o = orders(false);
	struct scr_lookup s;

	(void)state;
	/* a clerk: reprints, never cancels */
	at_tickets(&s, &utf8_style, &o);
	scr_lookup_set_roles(&s, true, false);
	draw(&s, w, "clerk");
	assert_string_equal(row(w, 23), " ↑↓ move  Space mark  r reprint  Esc back  ? help");
	assert_int_equal(press(&s, false, 'c'), LK_NONE);
	assert_int_equal(press(&s, false, 'C'), LK_NONE);
	assert_int_equal(s.form, LK_FORM_NONE);
	draw(&s, w, "clerk c");
	assert_string_equal(row(w, 22), " Only the help desk and supervisors cancel tickets.");
	/* without the grant of exchange_tickets: x says who may, and opens nothing */
	assert_int_equal(press(&s, false, 'x'), LK_NONE);
	assert_int_equal(s.form, LK_FORM_NONE);
	draw(&s, w, "no exchange");
	assert_true(strstr(row(w, 22), "Exchanges are made by clerks and supervisors") != NULL);
	/* a clerk with the exchange grant: x asks why, then Enter hands the tickets over */
	scr_lookup_set_can_exchange(&s, true);
	draw(&s, w, "clerk exchange");
	assert_string_equal(row(w, 23), " ↑↓ move  Space mark  r reprint  x exchange  Esc back  ? help");
	assert_int_equal(press(&s, false, 'x'), LK_NONE);
	assert_int_equal(s.form, LK_FORM_EXCHANGE);
	assert_int_equal(press(&s, true, KEY_ENTER), LK_NONE); /* no reason yet */
	draw(&s, w, "exchange no reason");
	assert_true(strstr(row(w, 22), "Say why the tickets are exchanged") != NULL);
	assert_int_equal(press(&s, false, 'w'), LK_NONE);
	assert_int_equal(press(&s, true, KEY_ENTER), LK_EXCHANGE);
	assert_int_equal(scr_lookup_request_ids(&s, NULL, 0), 1);
	scr_lookup_close_form(&s);
	scr_lookup_set_can_exchange(&s, false);
	/* neither */
	scr_lookup_set_roles(&s, false, false);
	draw(&s, w, "nobody");
	assert_string_equal(row(w, 23), " ↑↓ move  Esc back  ? help");
	assert_int_equal(press(&s, false, 'r'), LK_NONE);
	draw(&s, w, "nobody r");
	assert_string_equal(row(w, 22), " Your login may not print tickets again.");
	/* the help desk: everything */
	scr_lookup_set_roles(&s, true, true);
	draw(&s, w, "help desk");
	assert_true(strstr(row(w, 23), "r reprint  c cancel  C cancel order") != NULL);
	/* help */
	assert_int_equal(press(&s, false, '?'), LK_NONE);
	draw(&s, w, "help");
	assert_true(shows(w, "Keys: find an attendee"));
	assert_int_equal(press(&s, false, 'c'), LK_NONE); /* closes help, nothing else */
	assert_false(s.help);
	assert_int_equal(s.form, LK_FORM_NONE);
	scr_lookup_free(&s);
	delwin(w);
}

static void ascii_and_small(void **state)
{
	WINDOW *w = newpad(24, 80), *small = newpad(20, 60);
	struct att_orders o = orders(true);
	struct scr_lookup s;

	(void)state;
	at_tickets(&s, &ascii_style, &o);
	draw(&s, w, "tickets ascii");
	assert_string_equal(row(w, 0), " Order 3F2A9C01 - The Tempest - Fri 27 Nov 19:30 help_a @ Lyric Theatre Company");
	assert_string_equal(row(w, 23), " Up/Dn move  Space mark  r reprint  c cancel  C cancel order  Esc back  ? help");
	all_ascii(w);
	press(&s, true, KEY_END);
	press(&s, false, 'c');
	scr_lookup_cancel_form(&s, true, 3150);
	draw(&s, w, "cancel ascii");
	assert_true(shows(w, "Refund   (*) cash  ( ) card  ( ) none"));
	all_ascii(w);
	scr_lookup_close_form(&s);
	press(&s, false, 27);
	draw(&s, w, "person ascii");
	all_ascii(w);
	press(&s, false, 27);
	scr_lookup_set_results(&s, "", &people);
	type(&s, "Marg");
	scr_lookup_set_results(&s, "Marg", &people);
	draw(&s, w, "search ascii");
	assert_true(shows(w, "Margaret Thomson"));
	all_ascii(w);
	scr_lookup_recalc(&s, 20, 60);
	scr_lookup_draw(&s, small);
	assert_true(shows(small, "Terminal too small"));
	scr_lookup_free(&s);
	delwin(small);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_as_you_type),
		cmocka_unit_test(person_and_pages),
		cmocka_unit_test(tickets_with_statuses),
		cmocka_unit_test(reprint_form),
		cmocka_unit_test(cancel_form_checks),
		cmocka_unit_test(keys_per_role),
		cmocka_unit_test(ascii_and_small),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
