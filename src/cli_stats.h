/* cli_stats: `stats EVENT [--json|--csv] [--refresh]`, an event's figures for
 * scripts (src/stats). */
#ifndef BOXOFFICE_CLI_STATS_H
#define BOXOFFICE_CLI_STATS_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

bool cli_stats_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* --csv and --refresh belong to stats; --json and --csv exclude each other. */
bool cli_stats_check(const struct cli_options *o, struct err *e);

int cli_stats_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
