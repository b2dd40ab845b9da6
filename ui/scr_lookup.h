/* scr_lookup: the help desk (issue 7), three levels deep.
 *   search   one box at the top; results as you type (name, e-mail, phone,
 *            orders, what matched); Enter opens the person under the cursor,
 *            a scanned QR token and Enter opens its order at the ticket
 *   person   name, e-mail, phone and the orders newest first, a page at a
 *            time (PgDn past the last one loads the next page)
 *   tickets  one order's tickets: seat, tier, price, status (used: when and
 *            at which gate; cancelled: why), how often printed and where;
 *            Space marks tickets, r prints the marked ones (or the one under
 *            the cursor) again after asking why, c cancels them and C the
 *            whole order with a refund form (reason, cash / card / none, the
 *            amount prefilled with what they are worth)
 * Esc goes back a level. Digits or / on the lower levels start a new search,
 * so a ticket scanned there finds its order too. In the cancel form Enter
 * moves to the next field and confirms on the last, so a scanner's burst
 * can never complete a cancellation.
 *
 * A pure screen (DESIGN §5): init; key → command through a table; do;
 * recalc; draw into any WINDOW *. The app (ui/flow_lookup.c) reads the data
 * through src/attendee.h and gives it here; the screen never owns it. */
#ifndef BOXOFFICE_SCR_LOOKUP_H
#define BOXOFFICE_SCR_LOOKUP_H

#include "attendee.h"
#include "draw.h"
#include "field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

enum lk_level { LK_AT_SEARCH, LK_AT_PERSON, LK_AT_TICKETS };

enum lk_form { LK_FORM_NONE, LK_FORM_REPRINT, LK_FORM_CANCEL, LK_FORM_EXCHANGE };

enum lk_cmd {
	LK_NONE,
	LK_UP, LK_DOWN, LK_PGUP, LK_PGDN, LK_HOME, LK_END,
	LK_TYPE,       /* an editing key for the search box or the form's field */
	LK_ENTER,
	LK_ESC,
	LK_MARK,       /* Space on a ticket */
	LK_NEW_SEARCH, /* a digit or / below the search: back to the box */
	LK_ASK_REPRINT, /* r */
	LK_ASK_CANCEL, /* c */
	LK_ASK_CANCEL_ORDER, /* C */
	LK_ASK_EXCHANGE, /* x */
	LK_NEXT_FIELD, LK_PREV_FIELD,
	LK_PICK,       /* Left, Right, Space, 1-3 on the refund method */
	LK_HELP,       /* ? (below the search), F1 */
	LK_HELP_CLOSE, /* any key in help */
	/* for the app (scr_lookup_do returns them): */
	LK_SEARCH,     /* the box changed: search again (when the keys stop) */
	LK_OPEN,       /* Enter on a result: open it (scr_lookup_result) */
	LK_OPEN_TOKEN, /* Enter with a scanned QR token in the box */
	LK_OPEN_ORDER, /* Enter on an order (scr_lookup_order) */
	LK_MORE,       /* PgDn or Down past the last order loaded: the next page */
	LK_WORTH,      /* c or C: read what the tickets can refund, then scr_lookup_cancel_form */
	LK_REPRINT,    /* the reason given: print scr_lookup_request_ids again */
	LK_CANCEL,     /* the form checked: cancel (scr_lookup_cancel_request) */
	LK_EXCHANGE,   /* the reason given: exchange scr_lookup_request_ids (the app picks the new seats) */
	LK_REREAD,     /* ^R, F5: read what is shown again */
	LK_LEAVE,      /* Esc on the search: back to the events */
};

/* The order the tickets belong to, as the person's list showed it. */
struct lk_order_head {
	char order_id[ATT_ID_SIZE];
	char title[256];
	char start[ATT_TIME_SIZE];
	char status[ATT_STATUS_SIZE];
	int64_t total, refunded;
};

/* What the cancel form asks for. */
struct lk_cancel {
	bool whole_order;             /* C: cancel_order; else cancel_tickets */
	const char *order_id;
	const char *reason;           /* points into the screen */
	enum att_refund method;
	int64_t amount;
};

struct scr_lookup {
	const struct ui_style *style;     /* not owned */
	char who[200];                    /* "help_a @ Lyric Theatre Company" */
	bool can_reprint, can_cancel;
	bool can_exchange;                /* x: exchange_tickets granted (clerks, supervisors) */
	enum lk_level level;
	bool help;
	char status[400];
	bool status_error;
	/* search */
	struct field box;
	char searched[FIELD_SIZE];        /* what the results are for */
	const struct att_people *people;  /* not owned */
	size_t pcur, ptop;
	/* person */
	char user_id[ATT_ID_SIZE];
	char name[256], email[256], phone[64];
	const struct att_orders *orders;  /* not owned */
	size_t ocur, otop;
	enum lk_cmd pending;              /* the move that asked for the next page */
	/* tickets */
	struct lk_order_head head;
	const struct att_tickets *tickets; /* not owned */
	bool *marked;                     /* owned, one per ticket */
	size_t tcur, ttop;
	/* the form over the tickets */
	enum lk_form form;
	int focus;                        /* cancel: 0 reason, 1 method, 2 amount */
	struct field reason, amount;
	enum att_refund method;
	bool whole_order;
	bool worth_known;
	int64_t worth;
	char (*req)[ATT_ID_SIZE];         /* owned: the tickets the form acts on */
	size_t nreq;
	char req_text[200];               /* "Stalls A-13, Stalls A-14" */
	/* Computed by recalc: */
	int rows;                         /* list rows of the level shown */
	int width;
};

void scr_lookup_init(struct scr_lookup *s, const struct ui_style *st, const char *login,
		     const char *org);
void scr_lookup_free(struct scr_lookup *s);

/* What the grants allow: r (reprint_tickets) and c / C (cancel_tickets). */
void scr_lookup_set_roles(struct scr_lookup *s, bool can_reprint, bool can_cancel);
/* x (exchange_tickets): off after init. */
void scr_lookup_set_can_exchange(struct scr_lookup *s, bool can);

/* The message line; error draws it as a problem. NULL clears. */
void scr_lookup_message(struct scr_lookup *s, const char *msg, bool error);

/* ---- search ---- */

/* The text in the box. */
const char *scr_lookup_query(const struct scr_lookup *s);

/* Results for query (NULL: none, e.g. not searched: the hint shows). The
 * cursor goes to the first unless the query is the one shown already. */
void scr_lookup_set_results(struct scr_lookup *s, const char *query, const struct att_people *p);

/* Puts the cursor on result i; false when there is none. */
bool scr_lookup_select_result(struct scr_lookup *s, size_t i);

/* The result under the cursor, or NULL. */
const struct att_person *scr_lookup_result(const struct scr_lookup *s);

/* ---- person ---- */

/* Shows the person with their orders (the level becomes LK_AT_PERSON). */
void scr_lookup_show_person(struct scr_lookup *s, const struct att_person *p,
			    const struct att_orders *o);

/* The orders again (a page added, or read again); the cursor stays on its
 * order. paged: a page was added for LK_MORE, the cursor makes the move
 * (Down, PgDn) that asked for it. */
void scr_lookup_set_orders(struct scr_lookup *s, const struct att_orders *o, bool paged);

/* The order under the cursor, or NULL. */
const struct att_order *scr_lookup_order(const struct scr_lookup *s);

/* Puts the cursor on an order; false when it is not among those loaded. */
bool scr_lookup_select_order(struct scr_lookup *s, const char *order_id);

const char *scr_lookup_user(const struct scr_lookup *s);

/* ---- tickets ---- */

/* Shows an order's tickets (the level becomes LK_AT_TICKETS), nothing marked. */
bool scr_lookup_show_tickets(struct scr_lookup *s, const struct att_order *o,
			     const struct att_tickets *t);

/* The order's line again (its refunds changed). */
void scr_lookup_set_head(struct scr_lookup *s, const struct att_order *o);

/* The same order read again: marks and the cursor follow their tickets. The
 * list shown until now must still be readable during the call. */
bool scr_lookup_set_tickets(struct scr_lookup *s, const struct att_tickets *t);

/* Puts the cursor on a ticket; false when it is not in the order. */
bool scr_lookup_select_ticket(struct scr_lookup *s, const char *ticket_id);

const struct lk_order_head *scr_lookup_head(const struct scr_lookup *s);

/* The ticket under the cursor, or NULL. */
const struct att_ticket *scr_lookup_ticket(const struct scr_lookup *s);

/* How many tickets are marked. */
size_t scr_lookup_marked(const struct scr_lookup *s);

/* ---- the forms ---- */

/* After LK_WORTH: opens the cancel form, the method cash and the amount
 * the worth when known and more than 0.00, else none and 0.00. */
void scr_lookup_cancel_form(struct scr_lookup *s, bool known, int64_t worth);

/* The tickets the open form (or LK_WORTH) acts on, up to max; returns how
 * many there are. */
size_t scr_lookup_request_ids(const struct scr_lookup *s, const char **ids, size_t max);

/* The reprint form's reason. */
const char *scr_lookup_reprint_reason(const struct scr_lookup *s);

/* The checked cancel form. */
void scr_lookup_cancel_request(const struct scr_lookup *s, struct lk_cancel *out);

/* Closes the form (after the app acted). */
void scr_lookup_close_form(struct scr_lookup *s);

/* ---- keys and drawing ---- */

enum lk_cmd scr_lookup_key(const struct scr_lookup *s, bool is_code, wint_t key);

/* Applies a command (key: the key that made it). Returns what the app acts
 * on (LK_SEARCH … LK_LEAVE), else LK_NONE. */
enum lk_cmd scr_lookup_do(struct scr_lookup *s, enum lk_cmd cmd, bool is_code, wint_t key);

void scr_lookup_recalc(struct scr_lookup *s, int height, int width);
void scr_lookup_draw(const struct scr_lookup *s, WINDOW *w);

#endif
