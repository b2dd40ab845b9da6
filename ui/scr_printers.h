/* scr_printers: where tickets print (issue 5). Lists the print server's
 * destinations with their description and state in words ("ready",
 * "stopped: Paper jam", "ready, not accepting jobs: closed"), marks the
 * printer tickets go to now, and Enter chooses one (the app remembers it in
 * the user's config). When the print server cannot be reached the screen says
 * so and r asks again. A pure screen (DESIGN §5): init; key → command through
 * a table; do; recalc; draw into any WINDOW *. The app lists the printers. */
#ifndef BOXOFFICE_SCR_PRINTERS_H
#define BOXOFFICE_SCR_PRINTERS_H

#include "draw.h"
#include "print.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum pr_cmd {
	PR_NONE,
	PR_UP, PR_DOWN, PR_HOME, PR_END,
	PR_HELP,   /* ? */
	PR_CANCEL, /* any key in help: close it */
	PR_CHOOSE, /* Enter: for the app — remember the printer under the cursor */
	PR_RELOAD, /* r, ^R, F5: for the app — ask the print server again */
	PR_BACK,   /* Esc, q: for the app — back where the screen was opened from */
};

struct scr_printers {
	const struct ui_style *style;   /* not owned */
	const struct print_dests *dests; /* not owned: the app keeps the list */
	char current[128];              /* where tickets print now, "" if nowhere */
	bool remembered;                /* current is the clerk's choice, not CUPS' default */
	char context[160];              /* a line under the title: why the screen is open */
	char down[400];                 /* the print server could not be asked: why */
	bool help;
	char status[256];
	bool status_error;
	size_t cursor;
	/* Computed by recalc: */
	size_t top;
	int rows;
	int state_w;                    /* the state column: as wide as the longest state fits */
};

void scr_printers_init(struct scr_printers *s, const struct ui_style *st);

/* The printers (NULL: none known yet) and where tickets print now (NULL or
 * "": nowhere). The cursor goes to the current printer. Clears the
 * "server down" state. */
void scr_printers_set(struct scr_printers *s, const struct print_dests *d, const char *current,
		      bool remembered);

/* The print server could not be asked: why, in words. Drops the list. */
void scr_printers_set_down(struct scr_printers *s, const char *why);

/* A line under the title ("Order 3F2A9C1B is not printed: choose a
 * printer to print it there."); NULL clears. */
void scr_printers_set_context(struct scr_printers *s, const char *text);

/* The message line; error draws it as a problem. NULL clears. */
void scr_printers_message(struct scr_printers *s, const char *msg, bool error);

/* The printer under the cursor, or NULL (none listed). */
const struct print_dest *scr_printers_selected(const struct scr_printers *s);

enum pr_cmd scr_printers_key(const struct scr_printers *s, bool is_code, wint_t key);

/* Returns PR_CHOOSE (a printer is under the cursor), PR_RELOAD or PR_BACK
 * for the app, else PR_NONE. */
enum pr_cmd scr_printers_do(struct scr_printers *s, enum pr_cmd cmd);

void scr_printers_recalc(struct scr_printers *s, int height, int width);
void scr_printers_draw(const struct scr_printers *s, WINDOW *w);

#endif
