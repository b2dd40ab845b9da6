/* cli_health: `admin health [--json]`, the database's health for the DBA, cron and
 * Nagios (src/health). Exit status 0 when no alert fires, 3 when one does
 * (connections over 80% of max_connections), 1 when the check itself failed, 2 for a
 * usage error. */
#ifndef BOXOFFICE_CLI_HEALTH_H
#define BOXOFFICE_CLI_HEALTH_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

#define CLI_EXIT_HEALTH_ALERT 3

/* w[0] is "admin": admin health. */
bool cli_health_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

int cli_health_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
