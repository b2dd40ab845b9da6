/* scr_seatmap: the seat map of a section (or the whole venue) for one
 * event: seats drawn from their x/y, zoom, pan, cursor by geometry,
 * selection by Space, range ("A12-A15") and best available.
 *
 * The screen never talks to the database. Selecting produces SM_CHANGE:
 * the app reads scr_seatmap_request() (seat ids to hold, then ids to
 * release), carries it out through the sale module, updates the map
 * (seatmap_refresh, or scr_seatmap_set_state per seat), then calls
 * scr_seatmap_changed() and, if it wants, scr_seatmap_message() and
 * scr_seatmap_countdown().
 *
 * Supervisors (scr_seatmap_set_kills): 'x' asks why and produces SM_KILL,
 * 'X' produces SM_UNKILL (the seats in scr_seatmap_request()->seats), and
 * Space on a seat off sale asks to take it into the sale (request->killed).
 *
 * Per DESIGN §5: init; key → command through a table; do (change state);
 * recalc (compute the view, no drawing); draw into any WINDOW *. */
#ifndef BOXOFFICE_SCR_SEATMAP_H
#define BOXOFFICE_SCR_SEATMAP_H

#include "draw.h"
#include "field.h"
#include "kills.h"
#include "seatmap.h"
#include "seatview.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum sm_cmd {
	SM_NONE,
	SM_UP, SM_DOWN, SM_LEFT, SM_RIGHT, SM_HOME, SM_END,
	SM_ZOOM_IN, SM_ZOOM_OUT,
	SM_TOGGLE,      /* Space: select / deselect the seat under the cursor */
	SM_RANGE,       /* 'r': type seats, "A12-A15" */
	SM_BEST,        /* 'b': how many? best available together */
	SM_GOTO,        /* 'g': type a seat label to move the cursor there */
	SM_CLEAR,       /* 'c': let all my seats go */
	SM_TYPE, SM_BACKSPACE,
	SM_ENTER,       /* Enter: finish typing; or go on to the order */
	SM_CANCEL,      /* Esc: close help / prompt; else back */
	SM_HELP,
	SM_MOUSE,       /* KEY_MOUSE: do() reads the event with getmouse() */
	SM_OFF_SALE,    /* 'x' (supervisors): ask why, then SM_KILL */
	SM_ON_SALE,     /* 'X' (supervisors): SM_UNKILL */
	/* Returned to the app by do(): */
	SM_CHANGE,      /* hold/release: see scr_seatmap_request() */
	SM_ORDER,       /* go on to the order with my selected seats */
	SM_RELOAD,      /* ^R: re-read the map */
	SM_BACK,        /* leave the seat map */
	SM_KILL,        /* take request->seats off sale for request->reason */
	SM_UNKILL,      /* put request->seats back on sale */
};

/* What the app must do after SM_CHANGE: hold these, release those; after
 * SM_KILL / SM_UNKILL: the seats to take off / put back on sale. The
 * strings point into the map (reason into the screen); valid until the next
 * scr_seatmap_do. */
struct sm_request {
	const char **hold;
	size_t nhold;
	const char **release;
	size_t nrelease;
	const char **killed;   /* SM_CHANGE: seats off sale to take into the sale */
	size_t nkilled;
	const char **seats;    /* SM_KILL, SM_UNKILL */
	size_t nseats;
	const char *reason;    /* SM_KILL: why */
};

enum sm_prompt { SM_PROMPT_NONE, SM_PROMPT_RANGE, SM_PROMPT_BEST, SM_PROMPT_GOTO,
		 SM_PROMPT_KILL };

struct scr_seatmap {
	struct seatmap *map;            /* not owned: the app keeps it */
	const struct ui_style *style;   /* not owned */
	int section;                    /* -1: the whole venue */
	char title[256];
	int cursor;                     /* seat index, -1 when no seats */
	bool help;
	enum sm_prompt prompt;
	char input[64];
	char status[512];
	bool status_error;
	char countdown[64];
	char **prices;                  /* owned: per section, NULL or text */
	size_t nprices;
	struct sm_request req;          /* owned arrays */
	/* Seats off sale (supervisors): */
	bool can_kill;                  /* x, X and selling seats off sale offered */
	const struct kills *kills;      /* not owned: reasons by seat, or NULL */
	struct field reason;            /* the answer to "why off sale?" */
	char why[160];                  /* that question */
	/* Computed by recalc: */
	struct seatview view;
	bool view_ready;
	int want_level;                 /* -1: keep */
	struct seatview_cell *cells;    /* owned: view.w * view.h */
	size_t ncells;
	int map_y;                      /* first map row on the screen */
};

/* Chrome rows around the map: title, legend, seat info, status, keys. */
#define SM_CHROME_ROWS 5

void scr_seatmap_init(struct scr_seatmap *s, const struct ui_style *st, struct seatmap *map,
		      int section, const char *title);
void scr_seatmap_free(struct scr_seatmap *s);

/* Colour pairs of the seat states; call once after draw_colors_init. */
void scr_seatmap_colors_init(const struct ui_style *st);

/* A key from wget_wch (is_code: KEY_* code). No state changes. */
enum sm_cmd scr_seatmap_key(const struct scr_seatmap *s, bool is_code, wint_t key);

/* Applies a command; returns what the app must do (SM_CHANGE, SM_ORDER,
 * SM_RELOAD, SM_BACK) or SM_NONE. */
enum sm_cmd scr_seatmap_do(struct scr_seatmap *s, enum sm_cmd cmd, wint_t key);

/* A mouse click at screen cell (y, x): moves the cursor to the nearest seat
 * and toggles it (SM_CHANGE) when it is free or mine. */
enum sm_cmd scr_seatmap_click(struct scr_seatmap *s, int y, int x);

const struct sm_request *scr_seatmap_request(const struct scr_seatmap *s);

/* After the app changed seat states in the map (refresh, hold, release). */
void scr_seatmap_changed(struct scr_seatmap *s);
/* One seat's new state by id; false when the id is not on the map. */
bool scr_seatmap_set_state(struct scr_seatmap *s, const char *seat_id, enum seat_state st,
			   const char *held_by);
void scr_seatmap_message(struct scr_seatmap *s, const char *msg, bool error);
/* Shown at the right of the seat line, e.g. "hold 9:41". NULL clears. */
void scr_seatmap_countdown(struct scr_seatmap *s, const char *text);
/* Price tiers of a section for the seat line, e.g. "Standard 42.50". */
bool scr_seatmap_set_prices(struct scr_seatmap *s, int section, const char *text);
/* Whether the login may take seats off sale (x, X, Space on a seat off
 * sale), and the reasons seats are off sale (shown on the seat line; NULL:
 * none known). kills must outlive the screen or the next call. */
void scr_seatmap_set_kills(struct scr_seatmap *s, bool can_kill, const struct kills *kills);
/* Zoom level to use at the next recalc (0 = all fits; large = nearest). */
void scr_seatmap_set_level(struct scr_seatmap *s, int level);

/* Computes the view for a window of height × width. false on out of
 * memory. */
bool scr_seatmap_recalc(struct scr_seatmap *s, int height, int width);
void scr_seatmap_draw(const struct scr_seatmap *s, WINDOW *w);

#endif
