/* unprinted: valid tickets of the organisation whose latest print attempt did
 * not finish, or that were never printed (the unprinted_tickets view). The
 * list lives in the database, so it survives a restart of any terminal; the
 * terminal shows the count and prints them again (printing_reprint: new
 * codes, since nobody holds the old ones any more).
 *
 * A ticket sold in the last UNPRINTED_GRACE_MINUTES that has no print attempt
 * at all is left out: another terminal is most likely printing it right now,
 * and reprinting it would kill the codes on the paper coming out there. */
#ifndef BOXOFFICE_UNPRINTED_H
#define BOXOFFICE_UNPRINTED_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define UNPRINTED_GRACE_MINUTES 2

/* How many tickets are waiting to be printed. */
bool unprinted_count(struct db *db, long *n, struct err *e);

/* Their ids, oldest sale first. *ids is malloc'd (n strings of UUID length +
 * 1 each), NULL when n is 0. */
bool unprinted_ids(struct db *db, char (**ids)[37], size_t *n, struct err *e);

/* Records a failed print attempt that never reached a printer (no printer
 * could be picked: none chosen, no default, the print server down), so the
 * tickets are listed as unprinted with the reason at once. printer may be
 * NULL or "" ("(none)" is recorded). */
bool unprinted_mark(struct db *db, const char *const *ids, size_t n, const char *printer,
		    const char *why, struct err *e);

#endif
