/* backup: `admin backup` and `admin restore`. A backup is a directory of
 * three files, each 0600: db.dump (pg_dump -Fc of the database), roles.sql
 * (pg_dumpall --roles-only: the logins with their password hashes) and
 * manifest.json (database, server and migration version, every table's row
 * count and checksum taken in the very snapshot pg_dump dumped, the files'
 * SHA-256). It is written under a temporary name and renamed when complete,
 * so a directory with the final name is always a whole backup.
 *
 * The contact-data key (contact.key beside the cluster's data directory) is
 * never in a backup: a stolen backup must not carry the key to its own
 * ciphertext. Both commands say where the key has to be kept or copied.
 *
 * Both need the cluster's superuser: row-level security hides every other
 * organisation from any other login (pg_dump refuses rather than dump part
 * of a table), and only a superuser reads the password hashes. */
#ifndef BOXOFFICE_BACKUP_H
#define BOXOFFICE_BACKUP_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes a backup of db's database to dir (NULL: boxoffice-backup-
 * YYYYMMDD-HHMMSSZ in the current directory), which must not exist. Tells
 * out what it holds. */
bool backup_create(struct db *db, const char *dir, FILE *out, struct err *e);

/* Restores the backup in dir into db's database, which must be empty:
 * roles (those already in the cluster are left as they are), then
 * pg_restore in one transaction, then the database's own settings and
 * grants, then every table compared with the manifest (printed to out).
 * false with e when anything differs or failed. */
bool backup_restore(struct db *db, const char *dir, FILE *out, struct err *e);

/* Pure, for tests: the next SQL statement of a pg_dumpall script at *pos
 * (-- comments skipped, '…' and "…" respected), copied without its ';' and
 * surrounding blanks into buf; *pos moves past it. 1: a statement, 0: the
 * end, -1: a statement longer than size or never ended (e). */
int backup_next_statement(const char *script, size_t *pos, char *buf, size_t size,
			  struct err *e);

#endif
