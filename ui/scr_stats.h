/* scr_stats: one event's statistics (issue 6). The title with the event and
 * the time the figures are "as of"; totals (orders, tickets sold, gross,
 * fees, net) and the scanned-in count; availability per section as bars
 * (sold / held / free of the capacity, numbered and GA); sales per hour as a
 * sparkline (▁▂▃▄▅▆▇█, ASCII .:-=+*#%@); payments by method and clerk, or
 * "not shown to your role". Cut to what fits 80x24 with "+N more". A pure
 * screen (DESIGN §5): init; key → command through a table; do; recalc; draw
 * into any WINDOW *. The app loads the figures (src/stats.h). */
#ifndef BOXOFFICE_SCR_STATS_H
#define BOXOFFICE_SCR_STATS_H

#include "draw.h"
#include "stats.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum st_cmd {
	ST_NONE,
	ST_HELP,    /* ?, F1 */
	ST_CANCEL,  /* any key in help: close it */
	ST_REFRESH, /* R, r, ^R, F5: for the app — refresh (supervisors) and re-read */
	ST_BACK,    /* Esc, q: for the app — back to the events */
};

struct scr_stats {
	const struct ui_style *style; /* not owned */
	const struct stats *st;       /* not owned: the app keeps the figures */
	char title[256];              /* "The Tempest · Fri 27 Nov 19:30" */
	bool can_refresh;             /* a supervisor: R refreshes the figures */
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	int sec_y, sec_rows;          /* section rows (the last may say "+N more") */
	int hours_y;                  /* the hours block: heading, chart, axis */
	int pay_y, pay_rows;          /* payment rows under their heading */
};

void scr_stats_init(struct scr_stats *s, const struct ui_style *st, const char *title,
		    bool can_refresh);

/* The figures (NULL: none yet). */
void scr_stats_set(struct scr_stats *s, const struct stats *st);

/* The message line; error draws it as a problem. NULL clears. */
void scr_stats_message(struct scr_stats *s, const char *msg, bool error);

enum st_cmd scr_stats_key(const struct scr_stats *s, bool is_code, wint_t key);

/* Returns ST_REFRESH or ST_BACK for the app, else ST_NONE. */
enum st_cmd scr_stats_do(struct scr_stats *s, enum st_cmd cmd);

/* "HH:MM:SS" local time of a UTC "YYYY-MM-DDTHH:MM:SSZ" ("" when empty or
 * unreadable). */
char *scr_stats_clock(const char *utc, char *buf, size_t size);

void scr_stats_recalc(struct scr_stats *s, int height, int width);
void scr_stats_draw(const struct scr_stats *s, WINDOW *w);

#endif
