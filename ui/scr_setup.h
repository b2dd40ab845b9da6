/* scr_setup: event set-up for supervisors (issue 6; E on the events screen).
 *
 *   the list of events (DRAFT / ON SALE / CLOSED, date, venue)
 *     n: a new event (venue, title, start "YYYY-MM-DD HH:MM" local time)
 *     Enter: the event — its sections (on sale yes/no, capacity, sold, held,
 *       free) and the price tiers of the section under the cursor;
 *       Space on/off sale, c a standing section's capacity, t a tier (name,
 *       price, fee), d delete a tier (asks), p publish, x close sales (asks)
 *
 * A pure screen (DESIGN §5): init; key → command through a table; do;
 * recalc; draw into any WINDOW *. It checks what is typed (in words) and
 * returns SU_APP_* commands; the app (ui/flow_setup.c) makes the database
 * calls (src/setup.h) with the values from the getters below, gives the
 * screen what it read, and closes the form when the call succeeded. */
#ifndef BOXOFFICE_SCR_SETUP_H
#define BOXOFFICE_SCR_SETUP_H

#include "draw.h"
#include "field.h"
#include "setup.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

enum su_cmd {
	SU_NONE,
	SU_UP, SU_DOWN, SU_PGUP, SU_PGDN, SU_HOME, SU_END,
	SU_ENTER,       /* list: open the event; event: prices / change the tier */
	SU_NEW,         /* n (list): a new event */
	SU_FOCUS,       /* Tab (event): sections <-> the section's prices */
	SU_TOGGLE,      /* Space (event): the section on or off sale */
	SU_CAPACITY,    /* c (event): a standing section's capacity */
	SU_TIER,        /* t (event): add a tier (or change the one under the cursor) */
	SU_DELETE,      /* d, Delete (event): delete the tier under the cursor (asks) */
	SU_PUBLISH,     /* p (event) */
	SU_CLOSE,       /* x (event): close sales (asks) */
	SU_NEXT_FIELD,  /* Tab, Down in a form */
	SU_PREV_FIELD,  /* Shift-Tab, Up */
	SU_PICK_PREV,   /* Left on the venue of a new event */
	SU_PICK_NEXT,   /* Right, Space on the venue */
	SU_EDIT,        /* an editing key for the focused field */
	SU_SUBMIT,      /* Enter in a form */
	SU_YES,         /* y to a question */
	SU_CANCEL,      /* Esc in a form or question, n; any key in help */
	SU_HELP,        /* ?, F1 */
	SU_BACK,        /* Esc, q outside forms */
	SU_RELOAD,      /* r, Ctrl-R, F5 */
	/* What scr_setup_do hands to the app: */
	SU_APP_LEAVE,   /* back to the events screen */
	SU_APP_OPEN,    /* read scr_setup_current_event() and scr_setup_open_event */
	SU_APP_LIST,    /* back to the list: read it again, scr_setup_to_list */
	SU_APP_VENUES,  /* read the venues, scr_setup_set_venues, scr_setup_new_form */
	SU_APP_CREATE,  /* scr_setup_new_values → create the event */
	SU_APP_SECTION, /* scr_setup_section_values → set_event_section */
	SU_APP_TIER,    /* scr_setup_tier_values → set_tier */
	SU_APP_DELETE,  /* delete scr_setup_current_tier() */
	SU_APP_PUBLISH,
	SU_APP_CLOSE,
	SU_APP_RELOAD,  /* read again what is shown */
};

enum su_view { SU_VIEW_LIST, SU_VIEW_EVENT };

enum su_form {
	SU_FORM_NONE,
	SU_FORM_NEW,       /* venue, title, start */
	SU_FORM_CAPACITY,  /* one field: the capacity, empty for the venue's */
	SU_FORM_TIER,      /* name, price, fee */
	SU_ASK_DELETE,     /* "Delete the price tier …? (y/n)" */
	SU_ASK_CLOSE,      /* "Close sales of …? (y/n)" */
};

struct scr_setup {
	const struct ui_style *style;       /* not owned */
	char login[64], org[128];
	/* What the app read (not owned; NULL: nothing yet): */
	const struct setup_events *events;
	const struct setup_venues *venues;
	const struct setup_detail *detail;
	enum su_view view;
	enum su_form form;
	struct field f[3];                  /* the open form's fields */
	int focus;                          /* the focused field (new event: 0 is the venue) */
	size_t venue;                       /* new event: index into venues */
	bool tiers_focus;                   /* event: the cursor is on the prices */
	/* Cursors, kept by id across re-reads: */
	size_t ev_cursor, ev_top;
	size_t sec_cursor, sec_top;
	size_t tier_cursor;
	char cur_event[SETUP_ID_SIZE], cur_section[SETUP_ID_SIZE], cur_tier[SETUP_ID_SIZE];
	/* The checked values of the last SU_APP_* form command: */
	bool req_active;
	int req_capacity;                   /* -1: the venue's */
	time_t req_start;
	int64_t req_price, req_fee;
	char req_text[4 * SETUP_TITLE_MAX + 1]; /* title or tier name, trimmed */
	bool help;
	char status[320];
	bool status_error;
	/* Computed by recalc: */
	int rows;                           /* list rows */
	int sec_rows, tier_y, tier_rows;
};

void scr_setup_init(struct scr_setup *s, const struct ui_style *st, const char *login,
		    const char *org);

/* ---- setters (the app) ---- */

/* The events list; the cursor stays on the same event when it is still
 * there (or goes to id when id is not NULL). */
void scr_setup_set_events(struct scr_setup *s, const struct setup_events *l, const char *id);
void scr_setup_set_venues(struct scr_setup *s, const struct setup_venues *l);
/* Shows the event d (cursors at the top). */
void scr_setup_open_event(struct scr_setup *s, const struct setup_detail *d);
/* The same event read again: cursors stay on the same section and tier. */
void scr_setup_set_detail(struct scr_setup *s, const struct setup_detail *d);
/* Puts the cursor on the tier of the current section with this id (a tier
 * just saved); nothing when it is not there. */
void scr_setup_select_tier(struct scr_setup *s, const char *tier_id);
/* Back to the list (the detail is no longer shown). */
void scr_setup_to_list(struct scr_setup *s);
/* Opens the new-event form (venues set; says so when there are none). */
void scr_setup_new_form(struct scr_setup *s);
/* The app's call for the form succeeded: close it. */
void scr_setup_form_done(struct scr_setup *s);
/* The message lines; error draws them as a problem. NULL clears. */
void scr_setup_message(struct scr_setup *s, const char *msg, bool error);

/* ---- keys ---- */

enum su_cmd scr_setup_key(const struct scr_setup *s, bool is_code, wint_t key);
/* Applies a command (is_code, key: the key that made it); returns an
 * SU_APP_* command for the app, or SU_NONE. */
enum su_cmd scr_setup_do(struct scr_setup *s, enum su_cmd cmd, bool is_code, wint_t key);

/* ---- getters ---- */

const struct setup_event *scr_setup_current_event(const struct scr_setup *s);
const struct setup_section *scr_setup_current_section(const struct scr_setup *s);
const struct setup_tier *scr_setup_current_tier(const struct scr_setup *s);
/* SU_APP_CREATE: the venue, the title (trimmed) and the start. */
void scr_setup_new_values(const struct scr_setup *s, const struct setup_venue **venue,
			  const char **title, time_t *start);
/* SU_APP_SECTION: the current section's wanted state. */
void scr_setup_section_values(const struct scr_setup *s, bool *active, int *capacity);
/* SU_APP_TIER: for the current section. */
void scr_setup_tier_values(const struct scr_setup *s, const char **name, int64_t *price,
			   int64_t *fee);

/* ---- drawing ---- */

void scr_setup_recalc(struct scr_setup *s, int height, int width);
void scr_setup_draw(const struct scr_setup *s, WINDOW *w);

#endif
