/* flow_setup: event set-up in the terminal (issue 6), for supervisors —
 * the app's side of ui/scr_setup.c: which events, their sections and tiers,
 * and every database call behind the screen (through src/setup.h). */
#ifndef BOXOFFICE_FLOW_SETUP_H
#define BOXOFFICE_FLOW_SETUP_H

#include "scr_setup.h"
#include "setup.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_setup {
	bool ready;                 /* scr is initialised and events read: the view can show */
	bool have_detail;           /* detail holds the event shown */
	bool have_venues;
	struct setup_events events;
	struct setup_venues venues;
	struct setup_detail detail;
	struct scr_setup scr;
};

/* E on the events screen: shows set-up (a->view = VIEW_SETUP) or says why not. */
void flow_setup_open(struct app *a);
void flow_setup_key(struct app *a, bool is_code, wint_t key);
/* NOTIFY for an event (payload: its id): re-read when it is the one shown. */
void flow_setup_sync(struct app *a, const char *event_id);
void flow_setup_draw(struct app *a);
void flow_setup_message(struct app *a, const char *msg, bool error);
/* Frees what set-up holds (quitting, leaving the view). */
void flow_setup_free(struct app *a);

#endif
