/* scr_done: the sale is paid (issue 4, step 9). Shows the order reference,
 * the tickets issued, the change to hand back and where the printing stands
 * (issue 5): printing…, printed on a printer, or not printed and why, with
 * r to try again and p to pick another printer. One key starts the next
 * customer.
 * A pure screen (DESIGN §5): the app fills it after sale_pay succeeds. */
#ifndef BOXOFFICE_SCR_DONE_H
#define BOXOFFICE_SCR_DONE_H

#include "draw.h"
#include "err.h"
#include "sale.h"
#include "scr_order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

enum done_cmd {
	DONE_NONE,
	DONE_UP, DONE_DOWN, DONE_PGUP, DONE_PGDN, /* scroll the tickets */
	DONE_HELP,   /* ? */
	DONE_CANCEL, /* any key in help: close it */
	DONE_NEXT,   /* Enter, n: for the app — a new sale, back to the seat map */
	DONE_QUIT,   /* q: for the app — leave the sale */
	DONE_RETRY,  /* r: for the app — print again (new codes), only while not printed */
	DONE_PRINTERS, /* p: for the app — the printer screen */
};

/* Where the printing of the order stands. */
enum done_print {
	DONE_PRINT_NOT_TRIED, /* not printed yet; print_text says why (may be "") */
	DONE_PRINT_BUSY,      /* print_text: "Printing 2 tickets on "pdf"…" */
	DONE_PRINT_OK,        /* print_text: "Printed on "pdf" (job 12)." */
	DONE_PRINT_FAILED,    /* print_text: why, in the printer's words */
};

struct done_ticket {
	char ticket[16];   /* the ticket id's first 8 characters, upper-case */
	char seat[96];     /* "A-12", or "General admission" */
	char section[101];
	char tier[101];
	int64_t price, fee; /* cents */
};

struct scr_done {
	const struct ui_style *style; /* not owned */
	char title[160];
	char ref[16];                 /* the order reference: 8 characters */
	int64_t total, change;        /* cents */
	struct done_ticket *tickets;  /* owned */
	size_t n, cap;
	enum done_print print;
	char print_text[400];
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	size_t top;
	int rows;
};

void scr_done_init(struct scr_done *s, const struct ui_style *st, const char *title);
void scr_done_free(struct scr_done *s);

/* ---- setters (the app) ---- */

/* The order: its id (shown as the reference, first 8 characters in upper
 * case), total paid and change due, in cents. */
void scr_done_set_order(struct scr_done *s, const char *order_id, int64_t total, int64_t change);

/* Adds a ticket. seat NULL or "" shows "General admission"; ticket_id may
 * be NULL. false (e filled) when out of memory. */
bool scr_done_add_ticket(struct scr_done *s, const char *ticket_id, const char *seat,
			 const char *section, const char *tier, int64_t price, int64_t fee,
			 struct err *e);

/* Fills the tickets from what sale_pay issued, labelled from the order
 * screen's lines: a seat's ticket by its seat id, GA tickets in line order.
 * Replaces any tickets added before. false (e filled) on out of memory. */
bool scr_done_fill(struct scr_done *s, const struct scr_order *o, const struct issued *t,
		   struct err *e);

/* The message line; error draws it as a problem. NULL clears. */
void scr_done_message(struct scr_done *s, const char *msg, bool error);

/* Where the printing stands, and the words for it (see enum done_print). */
void scr_done_set_print(struct scr_done *s, enum done_print state, const char *text);

/* ---- keys ---- */

enum done_cmd scr_done_key(const struct scr_done *s, bool is_code, wint_t key);

/* Returns DONE_NEXT, DONE_QUIT, DONE_PRINTERS or (while not printed)
 * DONE_RETRY for the app, else DONE_NONE. */
enum done_cmd scr_done_do(struct scr_done *s, enum done_cmd cmd);

void scr_done_recalc(struct scr_done *s, int height, int width);
void scr_done_draw(const struct scr_done *s, WINDOW *w);

#endif
