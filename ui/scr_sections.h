/* scr_sections: the section overview of an event. A list of the sections
 * on sale (numbered: free/total seats; standing: places left) beside the
 * venue drawn from its seats' positions, each section shaded by how full
 * it is and marked with its number. Enter opens the section (the app
 * loads its seat map, or asks a quantity for standing); 'w' opens the
 * whole venue's seat map when it is small enough to be usable.
 *
 * Needs a map loaded for the whole venue (seatmap_load with no section).
 * init; key → command through a table; do; recalc; draw into any WINDOW *. */
#ifndef BOXOFFICE_SCR_SECTIONS_H
#define BOXOFFICE_SCR_SECTIONS_H

#include "draw.h"
#include "seatmap.h"
#include "seatview.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Above this many seats the whole venue is offered section by section. */
#define SEC_WHOLE_MAX 20000

enum sec_cmd {
	SEC_NONE,
	SEC_UP, SEC_DOWN, SEC_HOME, SEC_END,
	SEC_CANCEL,     /* Esc: close help; else back */
	SEC_HELP,
	/* Returned to the app by do(): */
	SEC_OPEN,       /* open scr_sections_current() */
	SEC_WHOLE,      /* open the whole venue's seat map */
	SEC_RELOAD,     /* ^R: re-read the map */
	SEC_BACK,
};

struct scr_sections {
	const struct seatmap *map;      /* not owned; whole venue */
	const struct ui_style *style;   /* not owned */
	char title[256];
	int *offered;                   /* owned: active section indices, plan order */
	size_t noffered;
	size_t cursor;                  /* index into offered */
	bool help;
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	struct seatview view;
	bool view_ready;
	struct seatview_cell *cells;    /* owned */
	size_t ncells;
	int list_w;                     /* columns of the list at the left */
};

/* false on out of memory. */
bool scr_sections_init(struct scr_sections *s, const struct ui_style *st,
		       const struct seatmap *map, const char *title);
void scr_sections_free(struct scr_sections *s);

/* After the map was re-read (NOTIFY): keeps the cursor on its section. */
bool scr_sections_changed(struct scr_sections *s);

void scr_sections_message(struct scr_sections *s, const char *msg, bool error);
enum sec_cmd scr_sections_key(const struct scr_sections *s, bool is_code, wint_t key);
enum sec_cmd scr_sections_do(struct scr_sections *s, enum sec_cmd cmd, wint_t key);

/* The section under the cursor (index into map->sections), -1 when none. */
int scr_sections_current(const struct scr_sections *s);

/* Free and total of a section: seats (numbered) or places (standing). */
void scr_sections_counts(const struct seatmap *m, int section, int *free_, int *total);

bool scr_sections_recalc(struct scr_sections *s, int height, int width);
void scr_sections_draw(const struct scr_sections *s, WINDOW *w);

#endif
