/* migrate: the schema migration runner.
 * Files: <sqldir>/migrations/NNNN_name.up.sql and NNNN_name.down.sql, a
 * 4-digit version (0001-9999) and a name in [a-z0-9_]. Files that do not
 * end in ".sql" (a README, editor backups) and dotfiles are ignored.
 * History: public.schema_migrations, created by the runner when missing.
 * The first half of this header is pure (files and lists only) so it can be
 * tested without a database; the second half talks to the database. */
#ifndef BOXOFFICE_MIGRATE_H
#define BOXOFFICE_MIGRATE_H

#include "db.h"
#include "err.h"
#include "sha256.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MIGRATE_NAME_MAX 64

struct migration {
	int version;
	char name[MIGRATE_NAME_MAX];       /* without "NNNN_" and suffix */
	char *up_path, *down_path;         /* owned by the list */
	char checksum[SHA256_HEX_SIZE];    /* sha256 of the up file */
};

/* Sorted by version, versions unique. */
struct migration_list {
	struct migration *items;
	size_t n;
};

/* One row of schema_migrations. */
struct migration_applied {
	int version;
	char name[MIGRATE_NAME_MAX];
	char checksum[SHA256_HEX_SIZE];
	char applied_at[32];               /* local time, "2025-11-27 19:30" */
};

struct migration_history {             /* sorted by version */
	struct migration_applied *items;   /* owned */
	size_t n;
};

enum migration_state {
	MIGRATION_APPLIED,
	MIGRATION_PENDING,
	MIGRATION_CHANGED,                 /* up file differs from what was applied */
	MIGRATION_MISSING,                 /* applied, but the files are gone */
};

struct migration_status {
	int version;
	char name[MIGRATE_NAME_MAX];
	enum migration_state state;
	char applied_at[32];
};

/* Parses a file name. true with version, name (MIGRATE_NAME_MAX bytes) and
 * *up set; false with e naming the file when it is not a migration name. */
bool migrate_parse_name(const char *file, int *version, char *name, bool *up,
			struct err *e);

/* Reads <sqldir>/migrations, validates names and pairs, checksums the up
 * files. On success the caller owns *out (migrate_list_free). On failure
 * *out is empty and e names the offending file. */
bool migrate_scan(const char *sqldir, struct migration_list *out, struct err *e);
void migrate_list_free(struct migration_list *list);
void migrate_history_free(struct migration_history *h);

/* Reads a whole file that must not contain NUL bytes. Caller frees *text. */
bool migrate_read_file(const char *path, char **text, size_t *len, struct err *e);

/* Checks the history against the files: every applied version must still
 * have its files with the same checksum and name, and no pending version may
 * be older than the newest applied one. false with the first problem. */
bool migrate_verify(const struct migration_list *files, const struct migration_history *h,
		    struct err *e);

/* Merges files and history into one row per version, sorted. Caller frees
 * *rows with free(). */
bool migrate_status_rows(const struct migration_list *files, const struct migration_history *h,
			 struct migration_status **rows, size_t *n, struct err *e);

/* ---- with a database ---- */

/* Applies pending migrations, each in its own transaction under an advisory
 * lock; limit 0 = all. Reports progress on out. Stops at the first error. */
bool migrate_up(struct db *db, const char *sqldir, int limit, FILE *out, struct err *e);

/* Reverts the newest count applied migrations, newest first. */
bool migrate_down(struct db *db, const char *sqldir, int count, FILE *out, struct err *e);

/* Prints version, name and state of every known migration. */
bool migrate_status(struct db *db, const char *sqldir, FILE *out, struct err *e);

#endif
