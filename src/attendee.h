/* attendee: the help desk's reads and actions (issue 7), copied into plain
 * structs. One search box (find_attendees: names with typos, part of an
 * e-mail, phone digits, an order reference prefix, a scanned QR token), a
 * person's orders a page at a time (attendee_orders, keyset), an order's
 * tickets with scans, cancellations and print history (order_tickets), what
 * a cancellation can refund (refund_worth), and cancellations with a refund
 * (cancel_tickets, cancel_order). Every lookup is recorded by the database
 * (person_lookups); the grants decide who may cancel, and a refusal comes
 * back in the database's words.
 *
 * Money is int64 cents. Times are UTC text "YYYY-MM-DDTHH:MM:SSZ" ("": none),
 * as in stats.h; attendee_time turns one into seconds for screens. */
#ifndef BOXOFFICE_ATTENDEE_H
#define BOXOFFICE_ATTENDEE_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ATT_ID_SIZE 37
#define ATT_TIME_SIZE 32
/* A keyset position: the row's created_at to the microsecond, UTC. */
#define ATT_KEY_SIZE 40
#define ATT_STATUS_SIZE 12
/* The longest search the database takes (characters). */
#define ATT_QUERY_MAX 200
/* Fewer characters than this are not searched (one letter matches too many). */
#define ATT_QUERY_MIN 2
/* A scanned QR token: 40 hex digits. */
#define ATT_TOKEN_LEN 40
/* Orders per page of a person's list (attendee_orders allows 1-100). */
#define ATT_PAGE 20

enum att_match { ATT_BY_NAME, ATT_BY_EMAIL, ATT_BY_PHONE, ATT_BY_ORDER, ATT_BY_TICKET };

/* One row of find_attendees: a person, and how the search found them. A
 * person found through several orders appears once per order. */
struct att_person {
	char user_id[ATT_ID_SIZE];
	char *name, *email, *phone;    /* owned; "" when unknown */
	int orders;
	char last_order_at[ATT_TIME_SIZE];
	enum att_match matched;
	char order_id[ATT_ID_SIZE];    /* the order found (by order or ticket), else "" */
	char ticket_id[ATT_ID_SIZE];   /* the ticket found (by token), else "" */
};

struct att_people {
	struct att_person *v;          /* owned, best match first */
	size_t n;
};

/* One order of a person (attendee_orders). */
struct att_order {
	char order_id[ATT_ID_SIZE];
	char created_at[ATT_TIME_SIZE], paid_at[ATT_TIME_SIZE];
	char key_at[ATT_KEY_SIZE];     /* created_at exactly: the next page starts after it */
	char status[ATT_STATUS_SIZE];  /* PENDING, PAID, FAILED, CANCELLED, … */
	int64_t total, refunded;
	char event_id[ATT_ID_SIZE];
	char *event_title;             /* owned */
	char start[ATT_TIME_SIZE];
	int valid, used, cancelled, places;
};

/* Orders read so far, newest first; more: another page exists. */
struct att_orders {
	struct att_order *v;           /* owned */
	size_t n;
	bool more;
};

/* One ticket of an order (order_tickets). */
struct att_ticket {
	char ticket_id[ATT_ID_SIZE];
	char event_id[ATT_ID_SIZE];
	char *section, *row, *number;  /* owned; row and number "" for a standing place */
	char *tier;                    /* owned */
	int64_t price;
	char status[ATT_STATUS_SIZE];  /* VALID, USED, CANCELLED */
	char scanned_at[ATT_TIME_SIZE];
	char *gate;                    /* owned; "" unless admitted somewhere */
	char cancelled_at[ATT_TIME_SIZE];
	char *cancel_reason;           /* owned; "" unless cancelled */
	int reprints;                  /* new codes issued since the sale */
	int prints;                    /* print attempts recorded */
	char last_printed_at[ATT_TIME_SIZE];
	char *last_printer;            /* owned; "" when never printed */
	char last_print_status[ATT_STATUS_SIZE]; /* QUEUED, PRINTED, FAILED, "" */
};

struct att_tickets {
	char order_id[ATT_ID_SIZE];
	struct att_ticket *v;          /* owned, in the database's seat order */
	size_t n;
};

enum att_refund { ATT_REFUND_NONE, ATT_REFUND_CASH, ATT_REFUND_CARD };

/* What a cancellation did. */
struct att_cancelled {
	char refund_id[ATT_ID_SIZE];
	char order_id[ATT_ID_SIZE];
	int cancelled;
	int64_t refunded, worth;
};

/* ---- pure ---- */

/* Whether text (spaces around ignored) is a scanned QR token. */
bool attendee_is_token(const char *text);

/* Characters (not bytes) of text without the spaces around it. */
size_t attendee_query_length(const char *text);

/* A hint when text is not searched ("Type 2 letters or more …"), NULL when
 * it is. */
const char *attendee_query_hint(const char *text);

/* "name", "e-mail", "phone", "order", "ticket". */
const char *attendee_match_word(enum att_match m);

/* "cash", "card", "none" (any case) → method; false (ERR_USAGE) otherwise. */
bool attendee_refund_parse(const char *word, enum att_refund *out, struct err *e);

/* "CASH", "CARD", "NONE": as the database takes it. */
const char *attendee_refund_name(enum att_refund m);

/* A refund the form may send: a reason; CASH or CARD with more than 0.00 and
 * no more than worth (worth < 0: not known, not checked); NONE with 0.00.
 * false with e (ERR_INPUT) saying what to fix; *field is 0 (reason), 1
 * (method) or 2 (amount). */
bool attendee_refund_check(const char *reason, enum att_refund m, int64_t amount, int64_t worth,
			   int *field, struct err *e);

/* An order id, or a reference prefix (4-32 hex digits, dashes ignored, any
 * case) in lower case without dashes into out. false (ERR_INPUT) when it is
 * neither. *full: it is a whole order id (copied in canonical form). */
bool attendee_order_key(const char *text, char *out, size_t size, bool *full, struct err *e);

/* The 8-character reference printed on tickets ("3F2A9C01"). Returns buf. */
char *attendee_ref(const char *order_id, char *buf, size_t size);

/* Seconds since the epoch of a UTC "YYYY-MM-DDTHH:MM:SS…Z"; false when
 * empty or unreadable. */
bool attendee_time(const char *utc, time_t *out);

/* "Stalls A-12" or "Promenade (standing)". Returns buf. */
char *attendee_seat(const struct att_ticket *t, char *buf, size_t size);

/* Valid ticket ids of the list into ids (up to max); returns how many. */
size_t attendee_valid_ids(const struct att_tickets *t, const char **ids, size_t max);

/* ---- the database ---- */

/* find_attendees(query, limit): people as the database ranks them (recorded). */
bool attendee_find(struct db *db, const char *query, int limit, struct att_people *out,
		   struct err *e);

/* A page of a person's orders appended to out: the first page when out is
 * empty (recorded as the person opened), else the one after its last row.
 * Sets out->more. On failure out is as it was. */
bool attendee_orders_more(struct db *db, const char *user_id, int page, struct att_orders *out,
			  struct err *e);

/* An order's tickets (recorded). On failure out is empty. */
bool attendee_tickets_load(struct db *db, const char *order_id, struct att_tickets *out,
			   struct err *e);

/* The order id of an id or a unique reference prefix of the caller's
 * organisation; ERR_INPUT when none or several match. */
bool attendee_order_resolve(struct db *db, const char *text, char id[ATT_ID_SIZE], struct err *e);

/* The buyer of an order (user id) and their name. */
bool attendee_order_buyer(struct db *db, const char *order_id, char user_id[ATT_ID_SIZE],
			  char *name, size_t size, struct err *e);

/* A person's name (readable by every staff login). */
bool attendee_name(struct db *db, const char *user_id, char *name, size_t size, struct err *e);

/* refund_worth(ids): *known false when the tickets are not all valid
 * tickets of one order (nothing can be refunded for them). */
bool attendee_worth(struct db *db, const char *const *ids, size_t n, bool *known, int64_t *worth,
		    struct err *e);

/* cancel_tickets(ids, reason, method, amount): all or nothing. */
bool attendee_cancel_tickets(struct db *db, const char *const *ids, size_t n, const char *reason,
			     enum att_refund m, int64_t amount, struct att_cancelled *out,
			     struct err *e);

/* cancel_order(order, reason, method, amount): every ticket still valid. */
bool attendee_cancel_order(struct db *db, const char *order_id, const char *reason,
			   enum att_refund m, int64_t amount, struct att_cancelled *out,
			   struct err *e);

void attendee_people_free(struct att_people *p);
void attendee_orders_free(struct att_orders *o);
void attendee_tickets_free(struct att_tickets *t);

#endif
