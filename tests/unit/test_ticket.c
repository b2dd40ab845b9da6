/* ticket: placeholders expand to what a ticket shows; unknown ones are
 * refused naming where they are; "{{" and "}}" are literal braces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ticket.h"

/* 2026-11-27 19:30:00 UTC, a Friday */
#define START ((time_t)1795807800)

static void fill(struct ticket_print *t, bool general)
{
	memset(t, 0, sizeof *t);
	ticket_copy(t->ticket_id, sizeof t->ticket_id, "a3bb189e-8bf9-4888-9912-ace4e6543002");
	ticket_copy(t->token, sizeof t->token, "FEDCBA9876543210FEDCBA9876543210FEDCBA98");
	ticket_copy(t->event, sizeof t->event, "Café Tacvba");
	t->start = START;
	ticket_copy(t->venue, sizeof t->venue, "Théâtre");
	ticket_copy(t->section, sizeof t->section, general ? "Standing" : "Stalls");
	t->general = general;
	ticket_copy(t->row, sizeof t->row, "AA");
	ticket_copy(t->seat, sizeof t->seat, "112");
	ticket_copy(t->tier, sizeof t->tier, "Adult");
	t->price = 123450;
	ticket_order_ref("3f2a9c01-1111-4222-8333-444444444444", t->order);
	ticket_copy(t->customer, sizeof t->customer, general ? "" : "Zoë Ångström");
}

static int utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static const char *expand(const char *tmpl, const struct ticket_print *t)
{
	static char out[TICKET_TEXT_MAX];
	struct err e;

	if (!ticket_expand(tmpl, t, out, sizeof out, &e))
		fail_msg("%s: %s", tmpl, e.msg);
	return out;
}

static void every_placeholder(void **state)
{
	struct ticket_print t;

	(void)state;
	fill(&t, false);
	assert_string_equal(expand("{event}", &t), "Café Tacvba");
	assert_string_equal(expand("{date}", &t), "Fri 27 Nov 2026");
	assert_string_equal(expand("{time}", &t), "19:30");
	assert_string_equal(expand("{venue}", &t), "Théâtre");
	assert_string_equal(expand("{section}", &t), "Stalls");
	assert_string_equal(expand("{row}", &t), "AA");
	assert_string_equal(expand("{seat}", &t), "112");
	assert_string_equal(expand("{place}", &t), "Row AA, Seat 112");
	assert_string_equal(expand("{tier}", &t), "Adult");
	assert_string_equal(expand("{price}", &t), "1,234.50");
	assert_string_equal(expand("{order}", &t), "3F2A9C01");
	assert_string_equal(expand("{customer}", &t), "Zoë Ångström");
	assert_string_equal(expand("{ticket}", &t), "A3BB189E");
	assert_string_equal(expand("Row {row}, seat {seat} – {price}", &t),
			    "Row AA, seat 112 – 1,234.50");
	assert_string_equal(expand("", &t), "");
	assert_string_equal(expand("plain", &t), "plain");
	/* a single-digit day has no padding; the time keeps its zero */
	t.start = (time_t)1767312300; /* 2026-01-02 00:05 UTC, a Friday */
	assert_string_equal(expand("{date} {time}", &t), "Fri 2 Jan 2026 00:05");
}

static void general_admission(void **state)
{
	struct ticket_print t;

	(void)state;
	fill(&t, true);
	assert_string_equal(expand("{row}", &t), "");
	assert_string_equal(expand("{seat}", &t), "General admission");
	assert_string_equal(expand("{place}", &t), "General admission");
	assert_string_equal(expand("[{customer}]", &t), "[]"); /* walk-up: no name */
}

static void literal_braces(void **state)
{
	struct ticket_print t;
	struct err e;

	(void)state;
	fill(&t, false);
	assert_string_equal(expand("{{event}}", &t), "{event}");
	assert_string_equal(expand("{{{event}}}", &t), "{Café Tacvba}");
	assert_string_equal(expand("a}b", &t), "a}b");
	assert_string_equal(expand("{{", &t), "{");
	assert_true(ticket_template_check("{{sect}}", "x", &e));
	assert_true(ticket_template_check("50% {{off}}", "x", &e));
}

static void unknown_placeholders_are_named(void **state)
{
	static const char want[] = "items[3].text: unknown placeholder {sect} (known: event, date, "
		"time, venue, section, row, seat, tier, price, order, customer, ticket, place)";
	struct ticket_print t;
	struct err e;
	char out[64];

	(void)state;
	assert_false(ticket_template_check("Section {sect}", "items[3].text", &e));
	assert_int_equal(e.code, ERR_INPUT);
	assert_string_equal(e.msg, want);
	assert_false(ticket_template_check("{Event}", "t", &e)); /* names are case-sensitive */
	assert_non_null(strstr(e.msg, "unknown placeholder {Event}"));
	assert_false(ticket_template_check("{}", "t", &e));
	assert_non_null(strstr(e.msg, "unknown placeholder {}"));
	assert_false(ticket_template_check("{ event }", "t", &e));
	assert_false(ticket_template_check("a {event", "items[0].text", &e));
	assert_string_equal(e.msg, "items[0].text: \"{\" is not closed (write {{ for a literal brace)");
	assert_true(ticket_template_check("{{event}", "t", &e)); /* "{{", then "event}" */
	fill(&t, false);
	assert_false(ticket_expand("{sect}", &t, out, sizeof out, &e));
	assert_non_null(strstr(e.msg, "{sect}"));
}

static void cut_at_character_boundaries(void **state)
{
	struct ticket_print t;
	struct err e;
	char out[8], small[4];

	(void)state;
	fill(&t, false);
	/* "Café Tacvba": 'é' is bytes 3..4; 4 bytes of room cut before it */
	assert_true(ticket_expand("{event}", &t, small, sizeof small, &e));
	assert_string_equal(small, "Caf");
	assert_true(ticket_expand("{event}", &t, out, sizeof out, &e));
	assert_string_equal(out, "Café T");
	assert_string_equal(ticket_copy(small, sizeof small, "ééé"), "é");
	assert_string_equal(ticket_copy(small, sizeof small, "€€"), "€");
	assert_string_equal(ticket_copy(small, sizeof small, "a€"), "a");
	assert_string_equal(ticket_copy(small, sizeof small, "abc"), "abc");
	assert_string_equal(ticket_copy(small, sizeof small, NULL), "");
	assert_int_equal(ticket_utf8_cut("a\xE2\x82", 3), 1);
	assert_int_equal(ticket_utf8_cut("a\xE2\x82\xAC", 4), 4);
	assert_int_equal(ticket_utf8_cut("\xF0\x9F\x98", 3), 0);
	ticket_order_ref("abc", t.order);
	assert_string_equal(t.order, "ABC");
	ticket_order_ref("0123456789abcdef", t.order);
	assert_string_equal(t.order, "01234567");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_placeholder),
		cmocka_unit_test(general_admission),
		cmocka_unit_test(literal_braces),
		cmocka_unit_test(unknown_placeholders_are_named),
		cmocka_unit_test(cut_at_character_boundaries),
	};

	return cmocka_run_group_tests(tests, utc, NULL);
}
