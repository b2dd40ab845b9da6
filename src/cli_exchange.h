/* cli_exchange: `exchange TICKET... --event E --section S WHAT --reason R
 * [--pay ...] [--refund cash|card]`, the help desk's x for scripts: valid
 * tickets of one order traded for new ones in one transaction, what they
 * were worth paying towards the new tickets. WHAT, --tier and --pay are read
 * by sell's own checks (cli_sale.h). */
#ifndef BOXOFFICE_CLI_EXCHANGE_H
#define BOXOFFICE_CLI_EXCHANGE_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The command words w[0..n) ("exchange", then the ticket ids). */
bool cli_exchange_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* The options exchange takes and their combinations; every other option
 * is refused (ERR_USAGE). */
bool cli_exchange_check(const struct cli_options *o, struct err *e);

/* Whether --pay and --refund fit the money (pure): with total the new
 * tickets' price and worth what the old ones are worth, --pay is needed
 * exactly when something is due, --refund exactly when something is owed
 * back. false with e (ERR_USAGE) saying the amounts otherwise. */
bool cli_exchange_settle(const struct cli_options *o, int64_t total, int64_t worth,
			 struct err *e);

/* Runs exchange; returns the exit code (0, 1 refused or failed, 2 usage). */
int cli_exchange_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
