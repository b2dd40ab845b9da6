/* cli_venue: the venue commands (import, export, list, show, generate).
 * The file → document part of import is pure and tested without a
 * database; the rest sends one parameterised statement per step. */
#ifndef BOXOFFICE_CLI_VENUE_H
#define BOXOFFICE_CLI_VENUE_H

#include "cli.h"
#include "err.h"
#include "venue.h"

#include <stdbool.h>
#include <stdio.h>

/* Reads path ("-" = stdin) whole, refusing more than 64 MiB before
 * reading it all. *text (NUL-terminated, caller frees) and *len. */
bool cli_venue_read_file(const char *path, char **text, size_t *len, struct err *e);

/* The import pipeline without the database: detect the format (native when
 * the document has "format", else pretix), read it, apply --name and --ga,
 * then refuse clashing seat labels (each listed in clashes) or, with
 * --unique-labels, rename them (noted in warn). On success *out is a valid
 * venue the caller owns. */
bool cli_venue_prepare(const struct cli_options *o, const char *text, size_t len,
		       struct venue **out, struct venue_msgs *warn, struct venue_msgs *clashes,
		       struct err *e);

/* 1234567 → "1,234,567" (the summary lines are read by people). */
char *cli_venue_thousands(long long n, char *buf, size_t size);

/* Runs a CLI_VENUE_* command; returns the exit code. */
int cli_venue_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
