/* cli_sale: `seatmap EVENT SECTION` and `sell …`, so scripts and tests can do
 * what a clerk does at the window, through the same src/ modules. */
#ifndef BOXOFFICE_CLI_SALE_H
#define BOXOFFICE_CLI_SALE_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

/* The command words w[0..n) ("seatmap" or "sell", then arguments). */
bool cli_sale_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* Options that belong to seatmap/sell: refused with other commands, and
 * their combinations checked for sell. */
bool cli_sale_check(const struct cli_options *o, struct err *e);

/* Runs seatmap or sell; returns the exit code. */
int cli_sale_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
