/* flow_lookup: the help desk in the terminal (issue 7) — the app's side of
 * ui/scr_lookup.c: one search box with results as you type (names with
 * typos, e-mail, phone, order reference, a scanned QR token), a person's
 * orders page by page, an order's tickets with scans and print history, and
 * the actions the login's grants allow (reprint, cancel with a refund);
 * every database call through src/attendee.h (and src/printing.h for the
 * reprint). The search runs when the keys stop (flow_lookup_draw): a burst
 * of keys, a scanner's token, makes one query. */
#ifndef BOXOFFICE_FLOW_LOOKUP_H
#define BOXOFFICE_FLOW_LOOKUP_H

#include "attendee.h"
#include "scr_lookup.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_lookup {
	bool ready;                   /* scr is initialised (the view was opened) */
	struct scr_lookup scr;
	bool search_due;              /* the box changed since the last search */
	struct att_people people;     /* the results shown */
	struct att_orders orders;     /* the person's orders read so far */
	/* The order's tickets: two lists, so a fresh one is read while the
	 * screen still shows (and carries marks from) the other. */
	struct att_tickets tickets[2];
	int shown;                    /* which of them the screen shows */
	char order_event[ATT_ID_SIZE]; /* the event of the order shown (NOTIFY) */
};

/* F on the events screen: shows the lookup (a->view = VIEW_LOOKUP). */
void flow_lookup_open(struct app *a);
void flow_lookup_key(struct app *a, bool is_code, wint_t key);
/* NOTIFY for an event (payload: its id; NULL: unknown): re-read what is shown. */
void flow_lookup_sync(struct app *a, const char *event_id);
/* Searches when the box changed (the keys stopped), then draws. */
void flow_lookup_draw(struct app *a);
void flow_lookup_message(struct app *a, const char *msg, bool error);
/* Frees what the lookup holds (quitting, leaving the view). */
void flow_lookup_free(struct app *a);

#endif
