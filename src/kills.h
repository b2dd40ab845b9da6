/* kills: seats a supervisor takes off sale for an event, with a reason
 * (house seats, a production kill, a broken seat), puts back on sale, or
 * sells from there. Every change is one database function (sql/migrations/
 * 0007: kill_seats, release_kills, hold_killed_seats); the reasons are read
 * from event_seats under the caller's RLS.
 *
 * Selling a seat off sale: kills_hold takes it into the supervisor's sale
 * (the same hold id as the sale's other seats), after which sale_order and
 * sale_pay sell it like any held seat. Let go, abandoned or expired, the
 * database puts it back off sale, never on sale. */
#ifndef BOXOFFICE_KILLS_H
#define BOXOFFICE_KILLS_H

#include "db.h"
#include "err.h"
#include "sale.h"
#include "uuid.h"

#include <stdbool.h>
#include <stddef.h>

struct strmap;

/* The longest reason the database keeps, in characters. */
#define KILLS_REASON_MAX 500

/* The usual reasons, offered by number (1..KILLS_NPRESETS). */
#define KILLS_NPRESETS 3

/* The reason numbered n (1: "House seats", 2: "Production kill",
 * 3: "Broken seat"), NULL for any other n. */
const char *kills_preset(int n);

/* Takes seats of the event off sale with reason (all or nothing: a seat sold
 * or held by someone refuses the whole call, naming the seats). Taking a seat
 * already off sale again replaces its reason. s: NULL, or the caller's sale,
 * whose seats among seat_ids are let go first in the same transaction (a
 * refused kill leaves them held). *count: the seats now off sale. */
bool kills_kill(struct db *db, const char *event_id, const char *const *seat_ids, size_t n,
		const char *reason, struct sale *s, int *count, struct err *e);

/* Puts seats of the event back on sale; seats not off sale are left as they
 * are. s: NULL, or the caller's sale, whose seats among seat_ids (held from
 * kills) are let go first in the same transaction. *count: the seats put
 * back on sale. */
bool kills_release(struct db *db, const char *event_id, const char *const *seat_ids, size_t n,
		   struct sale *s, int *count, struct err *e);

/* Takes seats that are off sale into the sale s (all or nothing) for
 * minutes (1-120); a seat on sale is refused ("hold it the usual way"). */
bool kills_hold(struct db *db, struct sale *s, const char *const *seat_ids, size_t n, int minutes,
		struct err *e);

/* The event's seats off sale with their reasons (also those a supervisor
 * holds from kills to sell them). */
struct kill {
	char seat_id[UUID_LEN];
	char *reason; /* owned */
};

struct kills {
	struct kill *items; /* owned: kills_free */
	size_t n;
	struct strmap *by_id; /* seat id -> index */
};

/* An empty list (kills_free is safe on it). */
void kills_init(struct kills *k);
/* Reads the list; on failure out is empty and e says why. */
bool kills_load(struct db *db, const char *event_id, struct kills *out, struct err *e);
/* Adds one (the loader uses it; tests build lists). false when out of memory. */
bool kills_add(struct kills *k, const char *seat_id, const char *reason, struct err *e);
/* The reason seat_id is off sale, NULL when it is not (or k is NULL). */
const char *kills_reason(const struct kills *k, const char *seat_id);
void kills_free(struct kills *k);

#endif
