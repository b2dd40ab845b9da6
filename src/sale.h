/* sale: one walk-up sale at the window, from the first held seat to the paid
 * order. Every step is one call of a database function (sql/migrations/0003);
 * this module turns C values into its parameters and its rows back into C.
 * The order id is made here, before anything is held, and names the holds,
 * the order and every retry: a retried step can never sell twice. */
#ifndef BOXOFFICE_SALE_H
#define BOXOFFICE_SALE_H

#include "db.h"
#include "err.h"
#include "uuid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* A price tier of one section of the event. */
struct tier {
	char id[UUID_LEN];
	char section_id[UUID_LEN];
	char name[101];
	int64_t price; /* cents */
	int64_t fee;   /* cents, per ticket */
};

struct tier_list {
	struct tier *items; /* owned: sale_tiers_free */
	size_t n;
};

/* The event's tiers, section by section, dearest first. */
bool sale_tiers_load(struct db *db, const char *event_id, struct tier_list *out, struct err *e);
void sale_tiers_free(struct tier_list *list);
/* The tiers of one section, in the list's order: up to max pointers into list. */
size_t sale_tiers_of(const struct tier_list *list, const char *section_id,
		     const struct tier **out, size_t max);

enum sale_state {
	SALE_SELECTING, /* holding seats, no order yet */
	SALE_ORDERED,   /* order pending payment */
	SALE_PAID,      /* tickets issued */
	SALE_CLOSED,    /* abandoned or expired: start a new sale */
};

struct sale {
	char event_id[UUID_LEN];
	char id[UUID_LEN]; /* the order id, made on the client */
	enum sale_state state;
	int held;              /* seats held for this sale, as last told by the database */
	time_t hold_expires;   /* when the latest hold ends, 0 if none */
	int64_t total, fees;   /* cents, once ordered */
	time_t order_expires;  /* payment must arrive before this */
};

/* A new sale for an event, with a fresh order id. */
bool sale_start(struct sale *s, const char *event_id, struct err *e);

/* Holds seats for this sale (all or nothing). minutes: 1–120. */
bool sale_hold(struct db *db, struct sale *s, const char *const *seat_ids, size_t n, int minutes,
	       struct err *e);

/* After seats were held for this sale by a call of another module (kills_hold:
 * seats off sale taken into the sale): keeps latest as the hold's end when it
 * is later, and counts the seats held now. They are then ordered and paid
 * like any other held seat. */
bool sale_sync_held(struct db *db, struct sale *s, time_t latest, struct err *e);

/* Lets seats of this sale go; n == 0 lets all of them go. Sets *released. */
bool sale_release(struct db *db, struct sale *s, const char *const *seat_ids, size_t n,
		  int *released, struct err *e);

/* One line of the order: a seat with its tier, or (seat_id NULL) a quantity
 * of general-admission places of a tier. */
struct sale_item {
	const char *seat_id;
	const char *tier_id;
	int quantity;
};

/* Optional buyer; all NULL (or empty) is the walk-up customer. */
struct customer {
	const char *name, *email, *phone;
};

/* Creates the pending order from held seats and GA quantities; fills total,
 * fees and order_expires. Calling it again for the same sale returns the same
 * order (a retry after a lost connection). */
bool sale_order(struct db *db, struct sale *s, const struct sale_item *items, size_t n,
		const struct customer *c, int minutes, struct err *e);

enum pay_method { PAY_CASH, PAY_CARD, PAY_COMP };

struct payment {
	enum pay_method method;
	int64_t amount;        /* cents */
	int64_t tendered;      /* cash: what the customer handed over */
	const char *reference; /* card: the terminal's reference */
	const char *reason;    /* comp: why */
};

struct issued_ticket {
	char ticket_id[UUID_LEN];
	char seat_id[UUID_LEN]; /* "" for general admission */
	char token[64];         /* the QR token; the database keeps only its hash */
};

struct issued {
	struct issued_ticket *items; /* owned: sale_issued_free */
	size_t n;
};

/* Pays the pending order with one or more payments (split tender) and
 * receives the tickets, in one database transaction. */
bool sale_pay(struct db *db, struct sale *s, const struct payment *p, size_t n, struct issued *out,
	      struct err *e);
void sale_issued_free(struct issued *t);

/* What an exchange came to (cents): the old tickets' worth, the new tickets'
 * total, what was paid on top and what was handed back. */
struct exchange_result {
	int64_t worth, total, paid, refunded;
};

/* Exchanges valid tickets of one order (old_ids) for what this sale holds
 * (items, as for sale_order), in one database transaction: the old tickets
 * are cancelled, the new ones issued to the same person. Money due on top is
 * taken with p (adding up to it; n may be 0 when nothing is due), money owed
 * back is refunded by refund_method ("CASH" or "CARD"; NULL when none is
 * owed). Clerks and supervisors (the grant of exchange_tickets). */
bool sale_exchange(struct db *db, struct sale *s, const char *const *old_ids, size_t nold,
		   const char *reason, const struct sale_item *items, size_t nitems,
		   const struct payment *p, size_t n, const char *refund_method,
		   struct exchange_result *res, struct issued *out, struct err *e);

/* Change due to a cash customer across the payments (pure). */
int64_t sale_change_due(const struct payment *p, size_t n);

/* Lets everything of this sale go: the pending order fails, held seats and
 * places go back on sale. Safe to call in any state. */
bool sale_abandon(struct db *db, struct sale *s, struct err *e);

/* After a reconnect: asks the database where this sale stands (order paid,
 * pending, failed, or not yet made) and sets state to match. */
bool sale_recover(struct db *db, struct sale *s, struct err *e);

/* JSON for create_order / mark_paid (pure, for tests): caller frees. */
char *sale_items_json(const struct sale_item *items, size_t n);
char *sale_payments_json(const struct payment *p, size_t n);

#endif
