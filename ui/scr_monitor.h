/* scr_monitor: the database's health for supervisors (M on the events screen): four
 * panels as tabs — the slowest statements, tables (dead tuples, bloat, last
 * vacuum), connections (by state, the 80% alert), indexes (sizes, unused). The
 * connection line stays under the tabs on every panel: an alert in the error
 * colour and in words ("ALERT: …"), so it shows in monochrome and ASCII too. Each
 * list scrolls under its own cursor; the entry under the cursor is told in full
 * below the list (a statement's whole text, a table's vacuum times). A pure screen
 * (DESIGN §5): init; key → command through a table; do; recalc; draw into any
 * WINDOW *. The app reads the figures (src/health.h). */
#ifndef BOXOFFICE_SCR_MONITOR_H
#define BOXOFFICE_SCR_MONITOR_H

#include "draw.h"
#include "health.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum mon_tab { MON_STATEMENTS, MON_TABLES, MON_CONNECTIONS, MON_INDEXES, MON_NTABS };

enum mon_cmd {
	MON_NONE,
	MON_UP, MON_DOWN, MON_PGUP, MON_PGDN, MON_HOME, MON_END,
	MON_NEXT_TAB,   /* Tab, Right, l */
	MON_PREV_TAB,   /* Shift-Tab, Left, h */
	MON_TAB_1, MON_TAB_2, MON_TAB_3, MON_TAB_4,
	MON_HELP,       /* ?, F1 */
	MON_CANCEL,     /* any key in help: close it */
	MON_REFRESH,    /* r, R, ^R, F5: for the app — read the figures again */
	MON_BACK,       /* Esc, q: for the app — back to the events */
};

struct scr_monitor {
	const struct ui_style *style; /* not owned */
	const struct health *h;       /* not owned: the app keeps the figures */
	enum mon_tab tab;
	size_t cursor[MON_NTABS];     /* per panel; the connections panel has none */
	size_t top[MON_NTABS];        /* first row shown */
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	int list_y, list_rows;        /* the panel's rows under its heading */
	int detail_y, detail_rows;    /* the entry under the cursor, in full */
};

void scr_monitor_init(struct scr_monitor *s, const struct ui_style *st);

/* The figures (NULL: none yet); cursors stay where they are, within the new lists. */
void scr_monitor_set(struct scr_monitor *s, const struct health *h);

/* The message line; error draws it as a problem. NULL clears. */
void scr_monitor_message(struct scr_monitor *s, const char *msg, bool error);

enum mon_cmd scr_monitor_key(const struct scr_monitor *s, bool is_code, wint_t key);

/* Returns MON_REFRESH or MON_BACK for the app, else MON_NONE. */
enum mon_cmd scr_monitor_do(struct scr_monitor *s, enum mon_cmd cmd);

void scr_monitor_recalc(struct scr_monitor *s, int height, int width);
void scr_monitor_draw(const struct scr_monitor *s, WINDOW *w);

#endif
