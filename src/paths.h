/* paths: where the installed data (sql/, later assets/) is found. One rule,
 * used for every kind of asset so a checkout and an install behave alike. */
#ifndef BOXOFFICE_PATHS_H
#define BOXOFFICE_PATHS_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

/* The inputs of the lookup, so tests can drive it without touching the
 * process: exe_dir is the directory of /proc/self/exe. */
struct paths_env {
	const char *option;   /* --sql-dir, or NULL */
	const char *env;      /* $BOXOFFICE_SQLDIR, or NULL */
	const char *exe_dir;  /* or NULL if unknown */
	const char *datadir;  /* BOXOFFICE_DATADIR */
};

/* Picks the directory for `what` ("sql"), in this order: the option; the
 * environment variable; <exe_dir>/<what> if it has <probe> inside (so a
 * build in a checkout finds its own files); <exe_dir>/../share/boxoffice/<what>
 * likewise (an install under another prefix); <datadir>/<what>. An empty
 * option or env counts as unset. Writes into out; false if it does not fit. */
bool paths_pick(const struct paths_env *pe, const char *what, const char *probe,
		char *out, size_t size, struct err *e);

/* The sql directory for this process: option may be NULL. */
bool paths_sqldir(const char *option, char *out, size_t size, struct err *e);

/* The assets directory (ticket layouts, …) for this process: option may be
 * NULL; then $BOXOFFICE_ASSETSDIR, beside the binary (probe "layouts"),
 * the datadir. */
bool paths_assetsdir(const char *option, char *out, size_t size, struct err *e);

/* Directory of the running executable, from /proc/self/exe. */
bool paths_exe_dir(char *out, size_t size);

#endif
