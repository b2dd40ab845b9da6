/* flow_shift: the cash drawer and shifts in the terminal (issue 6) —
 * the app's side of ui/scr_shift.c: the login's shift (open with a float, close with a
 * blind count), shifts to sign off (supervisors), reports and their printing,
 * and every database call behind the screen (through src/shift.h). */
#ifndef BOXOFFICE_FLOW_SHIFT_H
#define BOXOFFICE_FLOW_SHIFT_H

#include "scr_shift.h"
#include "shift.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_shift {
	bool ready;                   /* scr initialised and the figures read */
	bool can_drawer;              /* open_shift is granted */
	bool supervisor;              /* sign_off_shift is granted: the list and reports */
	struct scr_shift scr;
	struct shift_list list;       /* owned (supervisors) */
	struct shift_report *report;  /* owned; the report on screen, or NULL */
};

/* C on the events screen: shows the shift screen (a->view = VIEW_SHIFT) or says why not. */
void flow_shift_open(struct app *a);
void flow_shift_key(struct app *a, bool is_code, wint_t key);
void flow_shift_draw(struct app *a);
void flow_shift_message(struct app *a, const char *msg, bool error);
/* Frees what the shift screen holds (quitting, leaving the view). */
void flow_shift_free(struct app *a);

#endif
