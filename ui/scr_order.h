/* scr_order: order review, between the seat map and payment (issue 4,
 * step 8). The clerk checks the seats, picks a tier per seat (Standard,
 * Concession, ...), sets general-admission quantities and may type the
 * customer's name, e-mail and phone. A pure screen (DESIGN §5): the app
 * feeds it lines and the hold countdown, turns ORDER_CONFIRM into
 * sale_order() with the items and customer from the getters below, and
 * passes the database's answer back through scr_order_message. */
#ifndef BOXOFFICE_SCR_ORDER_H
#define BOXOFFICE_SCR_ORDER_H

#include "draw.h"
#include "err.h"
#include "field.h"
#include "sale.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define ORDER_TIERS_MAX 16 /* tiers of one section the screen offers */
#define ORDER_GA_MAX 100   /* places of one GA section per order (create_order's limit) */

enum order_cmd {
	ORDER_NONE,
	ORDER_UP, ORDER_DOWN, ORDER_PGUP, ORDER_PGDN, ORDER_HOME, ORDER_END,
	ORDER_TIER_NEXT,  /* Right, l, t: next tier of the line under the cursor */
	ORDER_TIER_PREV,  /* Left, h, T */
	ORDER_TIER_ALL,   /* a: this line's tier for every line of its section */
	ORDER_QTY_MORE,   /* +, =: one more GA place */
	ORDER_QTY_LESS,   /* -: one less (a split-off line at 1 goes away) */
	ORDER_SPLIT,      /* s: one GA place onto its own line, for another tier */
	ORDER_NEXT_FIELD, /* Tab (Down in a field): lines → name → e-mail → phone */
	ORDER_PREV_FIELD, /* Shift-Tab (Up in a field) */
	ORDER_EDIT,       /* an editing key for the focused field */
	ORDER_CANCEL,     /* Esc in a field or help: back to the lines */
	ORDER_HELP,       /* ? on the lines, F1 anywhere */
	ORDER_CONFIRM,    /* Enter: for the app — create the order */
	ORDER_BACK,       /* Esc on the lines: for the app — back to the seat map */
};

enum order_focus { ORDER_FOCUS_LINES, ORDER_FOCUS_NAME, ORDER_FOCUS_EMAIL, ORDER_FOCUS_PHONE };

/* One line: a numbered seat (quantity 1) or a quantity of GA places. */
struct order_line {
	char seat_id[UUID_LEN]; /* "" for general admission */
	char section[101];
	char row[32], number[32];
	bool accessible;
	int quantity;
	int ga_max;             /* GA: the most places of the section (all its lines) */
	const struct tier *tiers[ORDER_TIERS_MAX]; /* not owned: the app's tier list */
	size_t ntiers;
	size_t tier;            /* index of the chosen tier */
};

struct scr_order {
	const struct ui_style *style; /* not owned */
	char title[160];
	struct order_line *lines;     /* owned */
	size_t nlines, cap;
	long countdown;               /* hold seconds left; < 0: no hold to show */
	enum order_focus focus;
	struct field name, email, phone;
	/* Set when ORDER_CONFIRM leaves the screen: trimmed copies of the fields. */
	char cust_name[FIELD_SIZE], cust_email[FIELD_SIZE], cust_phone[FIELD_SIZE];
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	size_t cursor, top;
	int rows;                     /* line rows that fit */
};

void scr_order_init(struct scr_order *s, const struct ui_style *st, const char *title);
void scr_order_free(struct scr_order *s);

/* ---- setters (the app) ---- */

/* Empties the lines (for a new selection); keeps the customer fields. */
void scr_order_clear_lines(struct scr_order *s);

/* Adds a numbered seat. tiers: its section's tiers, dearest first (e.g.
 * from sale_tiers_of); the first is chosen. The pointers must stay valid
 * while the screen shows them. false (e filled) when there is no tier or
 * out of memory. */
bool scr_order_add_seat(struct scr_order *s, const char *seat_id, const char *section,
			const char *row, const char *number, bool accessible,
			const struct tier *const *tiers, size_t ntiers, struct err *e);

/* Adds quantity places of a GA section; max: the most the customer may have
 * (the places left), 0 for the order limit ORDER_GA_MAX. */
bool scr_order_add_ga(struct scr_order *s, const char *section, int quantity, int max,
		      const struct tier *const *tiers, size_t ntiers, struct err *e);

/* Hold seconds left, each second; < 0 hides the countdown. At 0 the screen
 * says "Hold expired — go back and select again". */
void scr_order_set_countdown(struct scr_order *s, long seconds);

/* Prefills the customer (e.g. after a retry); NULLs leave a field as is. */
void scr_order_set_customer(struct scr_order *s, const char *name, const char *email,
			    const char *phone);

/* The message line; error draws it as a problem. NULL clears. */
void scr_order_message(struct scr_order *s, const char *msg, bool error);

/* ---- keys ---- */

/* A key from wget_wch (is_code: a KEY_* code) → command. No state change. */
enum order_cmd scr_order_key(const struct scr_order *s, bool is_code, wint_t key);

/* Applies a command; is_code and key are the key that made it (ORDER_EDIT
 * needs them: KEY_LEFT and the letter U+0104 share a number). Returns what
 * the app must act on (ORDER_CONFIRM, ORDER_BACK) or ORDER_NONE.
 * ORDER_CONFIRM comes back only when the order can be made (lines, a valid
 * e-mail, a name with e-mail or phone); otherwise the screen says why and
 * puts the cursor on the field to fix. */
enum order_cmd scr_order_do(struct scr_order *s, enum order_cmd cmd, bool is_code, wint_t key);

/* Scrolls for a window of height x width (no drawing). */
void scr_order_recalc(struct scr_order *s, int height, int width);

void scr_order_draw(const struct scr_order *s, WINDOW *w);

/* ---- getters (the app, on ORDER_CONFIRM) ---- */

/* The order's lines as sale_items, up to max: returns how many there are
 * (call with max 0 to size the array). seat_id / tier_id point into the
 * screen and the tier list: valid until the lines change. */
size_t scr_order_items(const struct scr_order *s, struct sale_item *out, size_t max);

/* The customer as checked at ORDER_CONFIRM (trimmed); empty fields are
 * NULL, all NULL is the walk-up customer. Points into s. */
void scr_order_customer(const struct scr_order *s, struct customer *c);

/* Sums in cents over all lines: total includes fees (as create_order
 * computes it). Any out pointer may be NULL. */
void scr_order_totals(const struct scr_order *s, int64_t *total, int64_t *fees, int *tickets);

/* The tier chosen for line i. */
const struct tier *scr_order_tier(const struct scr_order *s, size_t i);

/* Loose e-mail check, the database's rule: one '@' with text on both sides
 * and no white space. */
bool scr_order_email_ok(const char *email);

/* The seat's label as shown: "A-12" (row-number), or the number alone. */
void scr_order_seat_label(const struct order_line *l, char *buf, size_t size);

#endif
