/* scr_shift: the cash drawer and shifts (issue 6, C on the events screen).
 *
 * Every login with a drawer sees their own shift: none open → a float field,
 * Enter opens it; open → since when and the float, c closes it with a blind
 * count (counted cash, card slips total) and a confirmation; once closed it
 * says that a supervisor signs it off — what was expected is never shown
 * here. A login without a drawer (help desk) is told so in words.
 * Supervisors also get the organisation's recent shifts (open, closed
 * awaiting sign-off, signed off; the variance once closed, marked when not
 * zero); Enter shows a report (expected against counted per method, the
 * variance, comps, tickets cancelled since), s signs it off with a note, p
 * prints it.
 *
 * A pure screen (DESIGN §5): init; key → command through a table; do;
 * recalc; draw into any WINDOW *. The app (ui/flow_shift.c) reads and writes
 * through src/shift.h and acts on SH_OPEN, SH_CLOSE, SH_REPORT, SH_SIGN,
 * SH_PRINT, SH_RELOAD and SH_BACK. */
#ifndef BOXOFFICE_SCR_SHIFT_H
#define BOXOFFICE_SCR_SHIFT_H

#include "draw.h"
#include "field.h"
#include "shift.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

enum sh_cmd {
	SH_NONE,
	SH_UP, SH_DOWN,      /* the list's cursor (Down from the float field: the list) */
	SH_PAGE_UP, SH_PAGE_DOWN,
	SH_HOME, SH_END,     /* g, Home / G, End: the newest / the oldest shift */
	SH_FOCUS,            /* Tab: the float field <-> the list (supervisors) */
	SH_EDIT,             /* an editing key for the field in front */
	SH_ENTER,            /* Enter: what it means where the focus is */
	SH_COUNT,            /* c: the blind count form (a shift is open) */
	SH_NEXT_FIELD,       /* Tab, Down in the count form */
	SH_PREV_FIELD,       /* Shift-Tab, Up */
	SH_YES,              /* y to "Close your shift ...?" */
	SH_CANCEL,           /* Esc in a form, question, report or help; n to the question */
	SH_HELP,             /* ? outside fields, F1 anywhere */
	SH_NOTE,             /* s in a report: the sign-off note form */
	/* for the app: */
	SH_OPEN,             /* a valid float: open_shift(scr_shift_float()) */
	SH_CLOSE,            /* confirmed: close_shift(scr_shift_count()) */
	SH_REPORT,           /* the report of scr_shift_selected() */
	SH_SIGN,             /* sign_off_shift(the report's shift, scr_shift_note()) */
	SH_PRINT,            /* p in a report: print it */
	SH_RELOAD,           /* r, F5: read everything again */
	SH_BACK,             /* Esc, q on the main view: back to the events */
};

enum sh_mode {
	SHM_MAIN,            /* the login's shift (and the list) */
	SHM_COUNT,           /* the blind count form */
	SHM_CONFIRM,         /* "Close your shift with …?" */
	SHM_REPORT,          /* one shift's report */
	SHM_NOTE,            /* the sign-off note over the report */
};

enum sh_focus { SHF_MINE, SHF_LIST };

struct scr_shift {
	const struct ui_style *style;    /* not owned */
	char title[256];                 /* "clerk_a @ Lyric Theatre Company" */
	bool can_drawer;                 /* the grants allow open_shift */
	bool supervisor;                 /* the grants allow sign_off_shift: the list */
	struct shift_mine mine;
	bool closed_shown;               /* closed in this visit: say what happens next */
	struct shift_closed closed;
	const struct shift_list *list;   /* not owned; NULL: none */
	const struct shift_report *report; /* not owned; shown in SHM_REPORT/SHM_NOTE */
	enum sh_mode mode;
	enum sh_focus focus;             /* preferred, when the field and the list are both there */
	struct field fl;                 /* the float */
	struct field cash, card;         /* the count */
	int count_focus;                 /* 0: cash, 1: card */
	int64_t float_cents, cash_cents, card_cents; /* checked amounts for the app */
	struct field note;
	bool help;
	char status[320];
	bool status_error;
	/* Computed by recalc: */
	size_t cursor, top;
	int list_y, rows;
};

/* title: who and where, for the title bar. can_drawer: the login has a cash
 * drawer (open_shift is granted); supervisor: sign_off_shift is granted. */
void scr_shift_init(struct scr_shift *s, const struct ui_style *st, const char *title,
		    bool can_drawer, bool supervisor);

/* ---- setters (the app) ---- */

/* The login's own shift as read (copied). */
void scr_shift_set_mine(struct scr_shift *s, const struct shift_mine *m);

/* The shift just closed (copied): its count and the word that a supervisor
 * signs it off; back to the main view. */
void scr_shift_set_closed(struct scr_shift *s, const struct shift_closed *c);

/* The organisation's shifts (not owned; NULL: none). The cursor stays on
 * the same shift when it is still listed. */
void scr_shift_set_list(struct scr_shift *s, const struct shift_list *l);

/* A report to show (not owned): SHM_REPORT; NULL goes back to the list. */
void scr_shift_set_report(struct scr_shift *s, const struct shift_report *r);

/* After the sign-off: the note form closes, the report (set again) stays. */
void scr_shift_signed(struct scr_shift *s);

/* The message line; error draws it as a problem. NULL clears. */
void scr_shift_message(struct scr_shift *s, const char *msg, bool error);

/* ---- keys ---- */

enum sh_cmd scr_shift_key(const struct scr_shift *s, bool is_code, wint_t key);

/* Applies a command; returns what the app must act on (SH_OPEN … SH_BACK)
 * or SH_NONE. */
enum sh_cmd scr_shift_do(struct scr_shift *s, enum sh_cmd cmd, bool is_code, wint_t key);

void scr_shift_recalc(struct scr_shift *s, int height, int width);
void scr_shift_draw(const struct scr_shift *s, WINDOW *w);

/* ---- getters ---- */

/* The float typed, checked (SH_OPEN). */
int64_t scr_shift_float(const struct scr_shift *s);

/* The count typed, checked (SH_CLOSE). */
void scr_shift_count(const struct scr_shift *s, int64_t *cash, int64_t *card);

/* The list's shift under the cursor, or NULL. */
const struct shift_row *scr_shift_selected(const struct scr_shift *s);

/* The note typed, without spaces around it ("" for none). Points into s. */
const char *scr_shift_note(struct scr_shift *s);

/* "Fri 27 Nov 19:30"-like local time for the list: "27 Nov 19:30", or just
 * "19:30" when same_day as ref. */
char *scr_shift_time(time_t t, time_t ref, char *buf, size_t size);

#endif
