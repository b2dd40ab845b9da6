/* cli: the command line. Parsing is a pure function returning a struct so
 * it can be tested; running the non-interactive commands lives here too.
 * The terminal UI is started by main.c (src/ does not link ui/ in tests). */
#ifndef BOXOFFICE_CLI_H
#define BOXOFFICE_CLI_H

#include "err.h"

#include <stdbool.h>
#include <stdio.h>

enum cli_exit { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

enum cli_command {
	CLI_UI,               /* no command: the terminal UI */
	CLI_HELP,
	CLI_VERSION,
	CLI_MIGRATE_STATUS,
	CLI_MIGRATE_UP,
	CLI_MIGRATE_DOWN,
	CLI_EVENTS,
};

struct cli_options {
	enum cli_command command;
	const char *conninfo;  /* --db, or NULL; points into argv */
	const char *sql_dir;   /* --sql-dir, or NULL; points into argv */
	int count;             /* migrate up/down N; 0 when not given */
};

/* Options (--db X, --db=X, --sql-dir X, --help/-h, --version/-V) may come
 * before or after the command words; "--" ends options. false with
 * e->code = ERR_USAGE and a sentence when argv makes no sense. */
bool cli_parse(int argc, char *const argv[], struct cli_options *o, struct err *e);

void cli_usage(FILE *out);

/* Runs a non-UI command (migrate, events), writing results to out and
 * errors to err_out in words. Returns the process exit code. */
int cli_run(const struct cli_options *o, FILE *out, FILE *err_out);

/* Exit code for a failure: 2 for usage errors, else 1. */
int cli_exit_code(const struct err *e);

/* Prints "boxoffice: <msg>" (and the SQLSTATE, for logs) to out. */
void cli_print_error(FILE *out, const struct err *e);

#endif
