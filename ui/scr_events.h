/* scr_events: the first screen, the list of upcoming events.
 * Per DESIGN §5: init; key → command through a table; do (change state);
 * recalc (compute the view, no drawing); draw into any WINDOW *. */
#ifndef BOXOFFICE_SCR_EVENTS_H
#define BOXOFFICE_SCR_EVENTS_H

#include "draw.h"
#include "events.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum ev_cmd {
	EV_NONE,
	EV_UP, EV_DOWN, EV_PGUP, EV_PGDN, EV_HOME, EV_END,
	EV_OPEN,        /* Enter: the app opens the event under the cursor */
	EV_SEARCH,      /* '/': start typing a filter */
	EV_TYPE,        /* a printable character for the filter */
	EV_BACKSPACE,
	EV_CANCEL,      /* Esc: clear the filter / close help */
	EV_HELP,
	EV_RELOAD,      /* ^R / F5: the app reloads the events */
	EV_QUIT,
	EV_PRINTERS,    /* P: the app opens the printer screen */
	EV_UNPRINTED,   /* U: the app prints the unprinted tickets */
	EV_STATS,       /* S: the app opens the statistics of the event under the cursor */
	EV_SETUP,       /* E: the app opens event set-up (supervisors) */
	EV_SHIFT,       /* C: the app opens the login's cash drawer and shift */
	EV_FIND,        /* F: the app opens the attendee lookup (help desk) */
	EV_GATE,        /* G: the app opens gate validation mode */
	EV_PASSWORD,    /* W: the app opens the change-password form */
	EV_MONITOR,     /* M: the app opens the database's health (supervisors) */
};

struct scr_events {
	const struct event_list *events;  /* not owned: the app keeps the list */
	const struct ui_style *style;     /* not owned */
	char login[64];
	char org[128];
	char filter[128];                 /* UTF-8 */
	bool filtering;                   /* keys go into the filter */
	bool help;                        /* help overlay shown */
	bool can_sell;                    /* Enter sells (else the key bar leaves it out) */
	bool can_setup;                   /* E offered: the login may set events up */
	bool can_monitor;                 /* M offered: the login may read the database's health */
	char status[256];
	bool status_error;
	char notice[200];                 /* above the status line, e.g. unprinted tickets */
	char warning[200];                /* on the status line when no message is: the password expires */
	/* Computed by recalc: */
	size_t *shown;                    /* owned: indices into events */
	size_t nshown;
	size_t cursor;                    /* index into shown */
	size_t top;                       /* first shown row on screen */
	int rows;                         /* list rows that fit */
};

void scr_events_init(struct scr_events *s, const struct ui_style *st, const char *login,
		     const char *org);
void scr_events_free(struct scr_events *s);

/* What the key bar offers: selling (Enter) and event set-up (E, only
 * then taken as a key); both off after init. */
void scr_events_set_roles(struct scr_events *s, bool can_sell, bool can_setup);

/* Monitoring (M, only then taken as a key); off after init. */
void scr_events_set_monitor(struct scr_events *s, bool can_monitor);

/* Points the screen at a (new) list; keeps the cursor on the same event id
 * when it is still there. */
void scr_events_set_events(struct scr_events *s, const struct event_list *l);

/* The status line; error draws it as a problem. msg may be NULL to clear. */
void scr_events_message(struct scr_events *s, const char *msg, bool error);

/* A standing notice above the status line ("3 tickets not printed — press U
 * to print them"); NULL or "" removes it. */
void scr_events_set_notice(struct scr_events *s, const char *msg);

/* A standing warning drawn on the status line (yellow) whenever no message
 * is shown there, e.g. "Your password expires on ...: press W to change it";
 * NULL or "" removes it. */
void scr_events_set_warning(struct scr_events *s, const char *msg);

/* A key from wget_wch: is_code true for KEY_* codes. No state changes. */
enum ev_cmd scr_events_key(const struct scr_events *s, bool is_code, wint_t key);

/* Applies a command. Returns the command the app must act on (EV_OPEN,
 * EV_QUIT, EV_RELOAD, EV_PRINTERS, EV_UNPRINTED, EV_STATS, EV_SETUP, EV_SHIFT, EV_FIND, EV_GATE) or EV_NONE when the screen
 * handled it. */
enum ev_cmd scr_events_do(struct scr_events *s, enum ev_cmd cmd, wint_t key);

/* Filters and scrolls for a window of height x width. false on out of
 * memory. */
bool scr_events_recalc(struct scr_events *s, int height, int width);

void scr_events_draw(const struct scr_events *s, WINDOW *w);

/* The event under the cursor, or NULL. */
const struct event *scr_events_current(const struct scr_events *s);

#endif
