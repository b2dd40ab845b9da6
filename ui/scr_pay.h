/* scr_pay: payment of a pending order (issue 4, step 8). The clerk takes
 * one or more tenders — cash (amount, tendered, change), card (terminal
 * reference), comp (reason; supervisors only) — until nothing remains, then
 * confirms. A pure screen (DESIGN §5): the app gives it the order's total
 * and fees as the database computed them, whether the login may comp and the
 * payment countdown; on PAY_CONFIRM it calls sale_pay() with the payments
 * from scr_pay_payments(); on PAY_ABANDON, sale_abandon(). */
#ifndef BOXOFFICE_SCR_PAY_H
#define BOXOFFICE_SCR_PAY_H

#include "draw.h"
#include "field.h"
#include "sale.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define PAY_TENDERS_MAX 8

/* (PAY_CASH, PAY_CARD, PAY_COMP are sale.h's methods, hence PAY_PICK_*.) */
enum pay_cmd {
	PAY_NONE,
	PAY_UP, PAY_DOWN,  /* the cursor over the payments taken */
	PAY_PICK_CASH,     /* 1: a cash tender */
	PAY_PICK_CARD,     /* 2: a card tender */
	PAY_PICK_COMP,     /* 3: a comp (refused with a message unless allowed) */
	PAY_REMOVE,        /* x, Delete: remove the payment under the cursor */
	PAY_NEXT_FIELD,    /* Tab, Down in a tender form */
	PAY_PREV_FIELD,    /* Shift-Tab, Up */
	PAY_EDIT,          /* an editing key for the focused field */
	PAY_ADD,           /* Enter in a tender form: check it, add it */
	PAY_CANCEL,        /* Esc in a form, help or the question; n to the question */
	PAY_HELP,          /* ? outside forms, F1 anywhere */
	PAY_ASK_ABANDON,   /* Esc outside forms: ask first */
	PAY_YES,           /* y to "Abandon this order ...?" */
	PAY_CONFIRM,       /* Enter when nothing remains: for the app — sale_pay */
	PAY_ABANDON,       /* after y: for the app — sale_abandon */
};

enum pay_mode { PAY_MODE_LIST, PAY_MODE_FORM, PAY_MODE_ASK };

struct pay_tender {
	enum pay_method method;
	int64_t amount;          /* cents counted against the order */
	int64_t tendered;        /* cash: handed over (>= amount); others: amount */
	char note[FIELD_SIZE];   /* card: terminal reference; comp: reason */
};

struct scr_pay {
	const struct ui_style *style; /* not owned */
	char title[160];
	int64_t total, fees;          /* cents, fees included in total */
	bool can_comp;
	long countdown;               /* payment seconds left; < 0: none shown */
	struct pay_tender tenders[PAY_TENDERS_MAX];
	size_t ntenders;
	enum pay_mode mode;
	enum pay_method form;         /* the open form's method */
	int form_focus;               /* 0: amount, 1: the second field */
	struct field amount;
	struct field second;          /* cash: tendered; card: reference; comp: reason */
	bool tendered_touched;        /* cash: typed into, no longer follows amount */
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	size_t cursor, top;
	int rows;
};

void scr_pay_init(struct scr_pay *s, const struct ui_style *st, const char *title);

/* ---- setters (the app) ---- */

/* The order's total and fees in cents (sale.total, sale.fees after
 * sale_order). Payments already taken stay. */
void scr_pay_set_order(struct scr_pay *s, int64_t total, int64_t fees);

/* Whether this login may give complimentary tickets (a supervisor). */
void scr_pay_set_can_comp(struct scr_pay *s, bool can);

/* Seconds left to pay, each second; < 0 hides it. */
void scr_pay_set_countdown(struct scr_pay *s, long seconds);

/* Drops every payment taken (a new order). */
void scr_pay_clear_tenders(struct scr_pay *s);

/* The message line; error draws it as a problem. NULL clears. */
void scr_pay_message(struct scr_pay *s, const char *msg, bool error);

/* ---- keys ---- */

/* A key from wget_wch (is_code: a KEY_* code) → command. No state change. */
enum pay_cmd scr_pay_key(const struct scr_pay *s, bool is_code, wint_t key);

/* Applies a command (is_code and key: the key that made it). Returns what
 * the app must act on — PAY_CONFIRM (only when nothing remains to pay) or
 * PAY_ABANDON (after the clerk said y) — or PAY_NONE. */
enum pay_cmd scr_pay_do(struct scr_pay *s, enum pay_cmd cmd, bool is_code, wint_t key);

void scr_pay_recalc(struct scr_pay *s, int height, int width);
void scr_pay_draw(const struct scr_pay *s, WINDOW *w);

/* ---- getters ---- */

int64_t scr_pay_paid(const struct scr_pay *s);      /* sum of the amounts */
int64_t scr_pay_remaining(const struct scr_pay *s); /* total - paid (< 0: too much) */
int64_t scr_pay_change_due(const struct scr_pay *s);

/* The payments for sale_pay, up to max; returns how many there are (call
 * with max 0 to size). reference / reason point into s. An order of 0.00
 * with no tender is paid as one cash payment of 0.00 (the database wants at
 * least one payment). */
size_t scr_pay_payments(const struct scr_pay *s, struct payment *out, size_t max);

#endif
