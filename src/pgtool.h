/* pgtool: PostgreSQL's own programs (pg_dump, pg_dumpall, pg_restore) found
 * for the server's major version and run with posix_spawn and an argv —
 * never through a shell, never with a password among the arguments: the
 * connection reaches them as libpq environment variables (db_child_env). */
#ifndef BOXOFFICE_PGTOOL_H
#define BOXOFFICE_PGTOOL_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define PGTOOL_OUT_MAX 2048

/* Where name lives for a server of major version major: $BOXOFFICE_PG_BINDIR
 * when set (only there), else /usr/lib/postgresql/MAJOR/bin (Debian), else
 * PATH. Then asks it for --version and refuses another major version (a
 * dump of one major version is restored by the same or a newer pg_restore;
 * the same major version is the one combination always right). *version
 * gets "15.20". false with e in words: not installed, wrong version. */
bool pgtool_find(const char *name, int major, char *path, size_t size, char *version,
		 size_t vsize, struct err *e);

/* The major version in "pg_dump (PostgreSQL) 15.20 (Debian …)" or "15.20";
 * 0 when there is none. Pure. */
int pgtool_major(const char *version_text);

/* Runs path with argv (argv[0] included, NULL-terminated) and the parent's
 * environment without its PG* variables plus env (NULL-terminated
 * "NAME=value"; may be NULL). Standard input is /dev/null; standard output
 * and error are collected, the last PGTOOL_OUT_MAX bytes kept in out.
 * *status is the exit status (128+N for signal N). false (e) only when it
 * could not be started. */
bool pgtool_run(const char *path, char *const argv[], char *const env[], char *out,
		size_t size, int *status, struct err *e);

/* "dbname='…'" with ' and \ escaped, for the one argument (-d) that must
 * name the database; everything else travels in the environment. */
void pgtool_dbname_arg(const char *dbname, char *buf, size_t size);

#endif
