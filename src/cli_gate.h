/* cli_gate: `validate TOKEN --gate G [--event EVENT] [--json]`, one scan at a
 * door for scripts (src/gate). The exit status tells the result, so a script
 * needs no parsing: 0 admitted, 3 already used, 4 cancelled, 5 wrong event,
 * 6 unknown; 1 and 2 keep their meaning (error, usage). */
#ifndef BOXOFFICE_CLI_GATE_H
#define BOXOFFICE_CLI_GATE_H

#include "cli.h"
#include "err.h"
#include "gate.h"

#include <stdbool.h>
#include <stdio.h>

enum cli_gate_exit {
	CLI_EXIT_ALREADY_USED = 3,
	CLI_EXIT_CANCELLED = 4,
	CLI_EXIT_WRONG_EVENT = 5,
	CLI_EXIT_UNKNOWN = 6,
};

bool cli_gate_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* --gate belongs to validate, and validate needs it. */
bool cli_gate_check(const struct cli_options *o, struct err *e);

/* The exit status for a result (0 for ADMITTED). */
int cli_gate_exit(enum gate_result r);

int cli_gate_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
