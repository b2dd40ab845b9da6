/* cli_password: `password [--stdin]`, the login's own password changed from the
 * command line (src/password). From a terminal: the current password, then the
 * new one twice, all without echo. --stdin (scripts): the new one twice, one a
 * line; the current one is the one the script connected with. */
#ifndef BOXOFFICE_CLI_PASSWORD_H
#define BOXOFFICE_CLI_PASSWORD_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

bool cli_password_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* --stdin belongs to password. */
bool cli_password_check(const struct cli_options *o, struct err *e);

int cli_password_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
