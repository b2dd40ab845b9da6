/* exchange on the command line: its words and options (sell's own checks), and
 * which of --pay and --refund the money calls for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"
#include "cli_exchange.h"

#define PARSE(o, e, ...) \
	cli_parse((int)(sizeof((char *[]){ "boxoffice", __VA_ARGS__ }) / sizeof(char *)), \
		  (char *[]){ "boxoffice", __VA_ARGS__ }, (o), (e))

#define T1 "0b7f6a52-1c1e-4d9a-9d0e-3f6c1a2b3c4d"
#define T2 "1c8e7b63-2d2f-4eab-8e1f-4a7d2b3c4d5e"

static void exchange_parses(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	assert_true(PARSE(&o, &e, "exchange", T1, T2, "--event", "Hamlet", "--section", "Stalls",
			  "--seats", "A1-A2", "--tier", "Concession", "--reason", "wrong night",
			  "--pay", "cash", "--tendered", "100", "--json"));
	assert_int_equal(o.command, CLI_EXCHANGE);
	assert_int_equal(o.ntickets, 2);
	assert_string_equal(o.tickets[0], T1);
	assert_string_equal(o.tickets[1], T2);
	assert_string_equal(o.event, "Hamlet");
	assert_string_equal(o.section, "Stalls");
	assert_string_equal(o.seats, "A1-A2");
	assert_string_equal(o.tier, "Concession");
	assert_string_equal(o.reason, "wrong night");
	assert_string_equal(o.pay, "cash");
	assert_string_equal(o.tendered, "100");
	assert_true(o.json);
	/* sell's three ways of saying what: --best and --ga N too */
	assert_true(PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "3",
			  "--reason", "r", "--refund", "card"));
	assert_string_equal(o.best, "3");
	assert_string_equal(o.refund, "card");
	assert_true(PARSE(&o, &e, "--db", "dbname=x", "exchange", T1, "--event=E", "--section=S",
			  "--ga", "2", "--reason", "r", "--pay", "card", "--reference", "T-1"));
	assert_int_equal(o.nga, 1);
	assert_string_equal(o.ga[0], "2");
	assert_string_equal(o.reference, "T-1");
	assert_string_equal(o.conninfo, "dbname=x");
}

/* ok is the parse's result, e what it said */
static void refused(const char *want, const struct err *e, bool ok)
{
	assert_false(ok);
	assert_int_equal(e->code, ERR_USAGE);
	if (strstr(e->msg, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", e->msg, want);
}

static void exchange_refusals(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	refused("exchange needs the tickets", &e,
		PARSE(&o, &e, "exchange", "--event", "E", "--section", "S", "--best", "1", "--reason", "r"));
	refused("exchange needs --event EVENT and --section SECTION", &e,
		PARSE(&o, &e, "exchange", T1, "--section", "S", "--best", "1", "--reason", "r"));
	refused("exchange needs exactly one of --seats", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--reason", "r"));
	refused("exchange needs exactly one of", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--seats", "A1", "--reason", "r"));
	refused("--ga must be a whole number from 1 to 100", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--ga", "Floor:2",
		      "--reason", "r"));
	refused("exchange needs --reason WHY", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1"));
	refused("--pay must be cash or card, not \"comp\"", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--pay", "comp"));
	refused("--reference (the card terminal's) goes with --pay card", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--pay", "card"));
	refused("--tendered is for cash", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--pay", "card", "--reference", "x", "--tendered", "5"));
	refused("--tendered and --reference go with --pay", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--tendered", "5"));
	refused("a refund is cash, card or none", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--refund", "cheque"));
	refused("--refund for an exchange is cash or card", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--refund", "none"));
	refused("not both", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--refund", "cash", "--pay", "cash"));
	refused("--customer (the new tickets stay with the same person) is not an option of exchange", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--customer", "Ann"));
	refused("--amount is not an option of exchange", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--best", "1",
		      "--reason", "r", "--refund", "cash", "--amount", "5"));
	refused("--killed is not an option of exchange", &e,
		PARSE(&o, &e, "exchange", T1, "--event", "E", "--section", "S", "--seats", "A1",
		      "--reason", "r", "--killed"));
	/* --refund stays cancel's (and exchange's) elsewhere */
	refused("--refund, --amount and --order are for cancel", &e,
		PARSE(&o, &e, "sell", "--event", "E", "--section", "S", "--best", "1", "--pay", "cash",
		      "--refund", "cash"));
}

static void settle(void **state)
{
	struct cli_options o;
	struct err e;

	(void)state;
	memset(&o, 0, sizeof o);
	/* due: --pay needed, --refund refused */
	assert_false(cli_exchange_settle(&o, 8800, 2900, &e));
	assert_int_equal(e.code, ERR_USAGE);
	assert_string_equal(e.msg, "59.00 is due on this exchange (the new tickets 88.00 less 29.00 "
			    "the old ones are worth): take it with --pay cash or --pay card "
			    "--reference REF");
	o.refund = "cash";
	assert_false(cli_exchange_settle(&o, 8800, 2900, &e));
	assert_non_null(strstr(e.msg, ": leave out --refund and take it with --pay cash"));
	o.refund = NULL;
	o.pay = "cash";
	assert_true(cli_exchange_settle(&o, 8800, 2900, &e));
	/* owed back: --refund needed, --pay refused */
	assert_false(cli_exchange_settle(&o, 2900, 8800, &e));
	assert_string_equal(e.msg, "59.00 is owed back on this exchange (the old tickets are worth "
			    "88.00, the new ones 29.00): leave out --pay and hand it back with "
			    "--refund cash or --refund card");
	o.pay = NULL;
	assert_false(cli_exchange_settle(&o, 2900, 8800, &e));
	assert_non_null(strstr(e.msg, "): hand it back with --refund cash"));
	o.refund = "card";
	assert_true(cli_exchange_settle(&o, 2900, 8800, &e));
	/* even: neither */
	assert_false(cli_exchange_settle(&o, 4400, 4400, &e));
	assert_string_equal(e.msg, "nothing is due or owed back on this exchange (the new tickets "
			    "44.00, what the old ones are worth): leave out --refund");
	o.refund = NULL;
	o.pay = "card";
	assert_false(cli_exchange_settle(&o, 4400, 4400, &e));
	assert_non_null(strstr(e.msg, "leave out --pay"));
	o.pay = NULL;
	assert_true(cli_exchange_settle(&o, 4400, 4400, &e));
	/* a comp order is worth nothing: the whole new total is due */
	assert_false(cli_exchange_settle(&o, 1, 0, &e));
	assert_non_null(strstr(e.msg, "0.01 is due"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exchange_parses),
		cmocka_unit_test(exchange_refusals),
		cmocka_unit_test(settle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
