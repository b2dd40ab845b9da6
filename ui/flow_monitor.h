/* flow_monitor: the app's side of ui/scr_monitor.c — M on the events screen (offered
 * when the grants allow monitor_connections(), i.e. supervisors): the database's
 * health read through src/health.h, read again on r, dropped on Esc. */
#ifndef BOXOFFICE_FLOW_MONITOR_H
#define BOXOFFICE_FLOW_MONITOR_H

#include "health.h"
#include "scr_monitor.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_monitor {
	bool ready;                   /* scr initialised and h read */
	struct scr_monitor scr;
	struct health h;              /* owned while ready */
};

/* M on the events screen: shows the monitoring screen (a->view = VIEW_MONITOR) or
 * says why not on the events screen. */
void flow_monitor_open(struct app *a);
void flow_monitor_key(struct app *a, bool is_code, wint_t key);
void flow_monitor_draw(struct app *a);
void flow_monitor_message(struct app *a, const char *msg, bool error);
/* After a reconnect while the screen shows: the figures read again. */
void flow_monitor_recovered(struct app *a);
/* Frees what the screen holds (quitting, leaving the view). */
void flow_monitor_free(struct app *a);

#endif
