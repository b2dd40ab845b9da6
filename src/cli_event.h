/* cli_event: supervisors' commands — event set-up (create, section, tier,
 * publish, close), seats taken off sale (kill, unkill) and shifts (open,
 * close, report, sign-off). Refusals print the database's own words. */
#ifndef BOXOFFICE_CLI_EVENT_H
#define BOXOFFICE_CLI_EVENT_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

/* The command words w[0..n) ("event", "kill", "unkill" or "shift", …). */
bool cli_event_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* The options of these commands: refused elsewhere, required ones checked. */
bool cli_event_check(const struct cli_options *o, struct err *e);

int cli_event_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
