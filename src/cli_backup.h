/* cli_backup: `admin backup [--out DIR]` and `admin restore DIR --db CONNINFO`
 * (src/backup), run by the cluster's superuser. */
#ifndef BOXOFFICE_CLI_BACKUP_H
#define BOXOFFICE_CLI_BACKUP_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>

/* Whether w[0..n) is one of ours (admin backup|restore). */
bool cli_backup_owns_words(int n, const char *const w[]);

bool cli_backup_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* --out belongs to admin backup. */
bool cli_backup_check(const struct cli_options *o, struct err *e);

int cli_backup_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
