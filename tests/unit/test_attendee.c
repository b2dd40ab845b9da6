/* attendee and cli_find, the pure parts: what the search box takes, order
 * references, refund methods and the refund check, times, seats; the help
 * desk's command lines parsed (and refused in words). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "attendee.h"
#include "cli.h"

#define PARSE(o, e, ...) \
	cli_parse((int)(sizeof((char *[]){ "boxoffice", __VA_ARGS__ }) / sizeof(char *)), \
		  (char *[]){ "boxoffice", __VA_ARGS__ }, (o), (e))

#define TOKEN "EBAB6B4FE3BF748676FB6D7D60335F970568F6AB"
#define ORDER "3f2a9c01-81cc-4bf3-adda-17802d4142d1"

static void search_box(void **state)
{
	char long_query[260];

	(void)state;
	assert_true(attendee_is_token(TOKEN));
	assert_true(attendee_is_token("  ebab6b4fe3bf748676fb6d7d60335f970568f6ab "));
	assert_false(attendee_is_token("EBAB6B4FE3BF748676FB6D7D60335F970568F6A"));  /* 39 */
	assert_false(attendee_is_token("EBAB6B4FE3BF748676FB6D7D60335F970568F6AG")); /* G */
	assert_false(attendee_is_token(NULL));
	assert_int_equal(attendee_query_length("  Zoë "), 3);
	assert_int_equal(attendee_query_length(""), 0);
	assert_string_equal(attendee_query_hint(""), "Type a name, e-mail, phone, order reference, or "
			    "scan a ticket.");
	assert_string_equal(attendee_query_hint(" M "), "Type 2 letters or more.");
	assert_string_equal(attendee_query_hint("é"), "Type 2 letters or more.");
	assert_null(attendee_query_hint("Ma"));
	assert_null(attendee_query_hint(TOKEN));
	memset(long_query, 'x', 201);
	long_query[201] = '\0';
	assert_string_equal(attendee_query_hint(long_query), "A search is at most 200 characters.");
	assert_string_equal(attendee_match_word(ATT_BY_EMAIL), "e-mail");
	assert_string_equal(attendee_match_word(ATT_BY_TICKET), "ticket");
}

static void order_references(void **state)
{
	char out[ATT_ID_SIZE], ref[12];
	struct err e;
	bool full;

	(void)state;
	assert_true(attendee_order_key("3F2A9C01-81CC-4BF3-ADDA-17802D4142D1", out, sizeof out, &full,
				       &e));
	assert_true(full);
	assert_string_equal(out, ORDER);
	assert_true(attendee_order_key(" 3F2A-9C01 ", out, sizeof out, &full, &e));
	assert_false(full);
	assert_string_equal(out, "3f2a9c01");
	assert_true(attendee_order_key("abcd", out, sizeof out, &full, &e));
	assert_string_equal(out, "abcd");
	assert_false(attendee_order_key("3f2", out, sizeof out, &full, &e));
	assert_int_equal(e.code, ERR_INPUT);
	assert_string_equal(e.msg, "\"3f2\" is too short for an order reference: give at least 4 of "
			    "its characters (e.g. 3F2A9C01).");
	assert_false(attendee_order_key("Ann Example", out, sizeof out, &full, &e));
	assert_string_equal(e.msg, "\"Ann Example\" is not an order: give its id or the reference "
			    "printed on the ticket (e.g. 3F2A9C01).");
	/* 33 hex digits are more than an id holds */
	assert_false(attendee_order_key("3f2a9c0181cc4bf3adda17802d4142d1a", out, sizeof out, &full,
					&e));
	assert_string_equal(attendee_ref(ORDER, ref, sizeof ref), "3F2A9C01");
	assert_string_equal(attendee_ref("", ref, sizeof ref), "");
}

static void refunds(void **state)
{
	enum att_refund m;
	struct err e;
	int field;

	(void)state;
	assert_true(attendee_refund_parse("Cash", &m, &e));
	assert_int_equal(m, ATT_REFUND_CASH);
	assert_true(attendee_refund_parse("CARD", &m, &e));
	assert_int_equal(m, ATT_REFUND_CARD);
	assert_true(attendee_refund_parse("none", &m, &e));
	assert_int_equal(m, ATT_REFUND_NONE);
	assert_false(attendee_refund_parse("cheque", &m, &e));
	assert_int_equal(e.code, ERR_USAGE);
	assert_string_equal(e.msg, "a refund is cash, card or none, not \"cheque\"");
	assert_string_equal(attendee_refund_name(ATT_REFUND_CARD), "CARD");
	assert_string_equal(attendee_refund_name(ATT_REFUND_NONE), "NONE");

	assert_true(attendee_refund_check("wrong night", ATT_REFUND_CASH, 4400, 4400, &field, &e));
	assert_true(attendee_refund_check("wrong night", ATT_REFUND_CARD, 100, -1, &field, &e));
	assert_true(attendee_refund_check("comp", ATT_REFUND_NONE, 0, 0, &field, &e));
	assert_false(attendee_refund_check("  ", ATT_REFUND_CASH, 100, 4400, &field, &e));
	assert_int_equal(field, 0);
	assert_string_equal(e.msg, "Say why the tickets are cancelled.");
	assert_false(attendee_refund_check("x", ATT_REFUND_CASH, 4401, 4400, &field, &e));
	assert_int_equal(field, 2);
	assert_string_equal(e.msg, "The refund (44.01) is more than the tickets are worth (44.00).");
	assert_false(attendee_refund_check("x", ATT_REFUND_CASH, 0, 4400, &field, &e));
	assert_string_equal(e.msg, "A cash refund needs an amount; choose none to refund nothing.");
	assert_false(attendee_refund_check("x", ATT_REFUND_NONE, 500, 4400, &field, &e));
	assert_string_equal(e.msg, "No refund means 0.00: choose cash or card to pay 5.00 back.");
}

static void times_and_seats(void **state)
{
	struct att_ticket seated = { .section = "Stalls", .row = "A", .number = "12" };
	struct att_ticket standing = { .section = "Promenade", .row = "", .number = "" };
	struct att_ticket v[3] = { { .ticket_id = "a", .status = "VALID" },
				   { .ticket_id = "b", .status = "USED" },
				   { .ticket_id = "c", .status = "VALID" } };
	struct att_tickets list = { ORDER, v, 3 };
	const char *ids[3];
	char buf[64];
	time_t t;

	(void)state;
	assert_true(attendee_time("2026-11-27T19:30:00Z", &t));
	assert_int_equal((long long)t, 1795807800LL);
	assert_true(attendee_time("2026-11-27T19:30:00.123456Z", &t)); /* a keyset position */
	assert_int_equal((long long)t, 1795807800LL);
	assert_false(attendee_time("", &t));
	assert_false(attendee_time("yesterday", &t));
	assert_string_equal(attendee_seat(&seated, buf, sizeof buf), "Stalls A-12");
	assert_string_equal(attendee_seat(&standing, buf, sizeof buf), "Promenade (standing)");
	assert_int_equal(attendee_valid_ids(&list, ids, 3), 2);
	assert_string_equal(ids[0], "a");
	assert_string_equal(ids[1], "c");
	assert_int_equal(attendee_valid_ids(&list, ids, 1), 1);
}

static void command_lines(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "find", "Ann Example", "--json"));
	assert_int_equal(o.command, CLI_FIND);
	assert_string_equal(o.words[0], "Ann Example");
	assert_true(o.json);
	assert_true(PARSE(&o, &e, "orders", "ca305c30-27b8-4f10-af0b-9c3299b03aa3"));
	assert_int_equal(o.command, CLI_ORDERS);
	assert_true(PARSE(&o, &e, "tickets", "3F2A9C01", "--json"));
	assert_int_equal(o.command, CLI_TICKETS);
	assert_string_equal(o.words[0], "3F2A9C01");
	assert_true(PARSE(&o, &e, "cancel", "t1", "t2", "--reason", "wrong night", "--refund", "cash",
			  "--amount", "44.00"));
	assert_int_equal(o.command, CLI_CANCEL);
	assert_int_equal(o.ntickets, 2);
	assert_string_equal(o.tickets[1], "t2");
	assert_string_equal(o.reason, "wrong night");
	assert_string_equal(o.refund, "cash");
	assert_string_equal(o.amount, "44.00");
	assert_true(PARSE(&o, &e, "cancel", "--order", "3F2A9C01", "--reason", "show moved"));
	assert_string_equal(o.order, "3F2A9C01");
	assert_true(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--refund", "none"));

	/* refusals, in words */
	assert_false(PARSE(&o, &e, "cancel", "t1"));
	assert_int_equal(e.code, ERR_USAGE);
	assert_string_equal(e.msg, "cancel needs --reason WHY (it is recorded)");
	assert_false(PARSE(&o, &e, "cancel", "--reason", "x"));
	assert_false(PARSE(&o, &e, "cancel", "t1", "--order", "3F2A", "--reason", "x"));
	assert_string_equal(e.msg, "cancel tickets or --order ORDER, not both");
	assert_false(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--refund", "cash"));
	assert_string_equal(e.msg, "--refund cash needs --amount X: what is paid back");
	assert_false(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--amount", "3"));
	assert_string_equal(e.msg, "--amount goes with --refund cash|card");
	assert_false(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--refund", "cheque", "--amount", "3"));
	assert_false(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--refund", "cash", "--amount", "-3"));
	assert_int_equal(e.code, ERR_USAGE);
	assert_false(PARSE(&o, &e, "cancel", "t1", "--reason", "x", "--json"));
	assert_false(PARSE(&o, &e, "find"));
	assert_false(PARSE(&o, &e, "find", "Ann", "Example"));
	assert_string_equal(e.msg, "find takes one QUERY: put a name with spaces in quotes "
			    "(find \"Ann Example\")");
	assert_false(PARSE(&o, &e, "find", "Ann", "--seats", "A1"));
	assert_string_equal(e.msg, "--seats is not an option of find");
	assert_false(PARSE(&o, &e, "tickets", "3F2A", "--reason", "x"));
	assert_false(PARSE(&o, &e, "orders"));
	assert_false(PARSE(&o, &e, "events", "--refund", "cash"));
	assert_string_equal(e.msg, "--refund, --amount and --order are for cancel");
	{
		char *argv[40] = { "boxoffice", "cancel" };
		for (int i = 2; i < 35; i++)
			argv[i] = "t";
		argv[35] = "--reason";
		argv[36] = "x";
		assert_false(cli_parse(37, argv, &o, &e)); /* 33 tickets */
		assert_int_equal(e.code, ERR_USAGE);
		argv[32] = "--reason";
		argv[33] = "x";
		assert_true(cli_parse(34, argv, &o, &e)); /* 30 tickets */
		assert_int_equal(o.ntickets, 30);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_box),
		cmocka_unit_test(order_references),
		cmocka_unit_test(refunds),
		cmocka_unit_test(times_and_seats),
		cmocka_unit_test(command_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
