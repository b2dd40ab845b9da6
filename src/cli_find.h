/* cli_find: the help desk on the command line (issue 7, src/attendee):
 *   find QUERY [--json]             people, with what matched
 *   orders PERSON_ID [--json]       a person's orders, newest first
 *   tickets ORDER [--json]          an order's tickets (ORDER: id or a unique
 *                                   reference prefix)
 *   cancel TICKET... --reason R [--refund cash|card|none --amount X]
 *   cancel --order ORDER --reason R [...]
 * Refusals are the database's words; exit 1. */
#ifndef BOXOFFICE_CLI_FIND_H
#define BOXOFFICE_CLI_FIND_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

/* Whether the command is one of these. */
bool cli_find_owns(const struct cli_options *o);

bool cli_find_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* For these commands: their options only (every other option refused). For
 * the others: none of --refund, --amount, --order. */
bool cli_find_check(const struct cli_options *o, struct err *e);

int cli_find_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
