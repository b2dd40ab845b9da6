/* cli_print: print, ticket-pdf, printers, unprinted. */
#ifndef BOXOFFICE_CLI_PRINT_H
#define BOXOFFICE_CLI_PRINT_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

bool cli_print_parse(int n, const char *const w[], struct cli_options *o, struct err *e);
/* --printer/--layout/--format/--unprinted belong to these commands. */
bool cli_print_check(const struct cli_options *o, struct err *e);
int cli_print_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
