/* flow_gate: gate validation mode (issue 7) — the app's side of
 * ui/scr_gate.c: the gate's name (and the performance) chosen on entry, then
 * each scan (a USB scanner types the token and Enter) validated through
 * src/gate.h and shown large: admitted, already scanned, cancelled, wrong
 * event, unknown. */
#ifndef BOXOFFICE_FLOW_GATE_H
#define BOXOFFICE_FLOW_GATE_H

#include "events.h"
#include "gate.h"
#include "scr_gate.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_gate {
	bool ready;                   /* scr initialised: gate mode is open */
	struct scr_gate scr;
	char event_id[EVENT_ID_SIZE]; /* the event this gate admits to */
	char gate[GATE_NAME_MAX * 4 + 1];
};

/* G on the events screen: shows gate mode (a->view = VIEW_GATE) for the
 * event under the cursor; the gate's name is asked first (the last one is
 * remembered in the user's config as `gate`). */
void flow_gate_open(struct app *a);
void flow_gate_key(struct app *a, bool is_code, wint_t key);
void flow_gate_draw(struct app *a);
void flow_gate_message(struct app *a, const char *msg, bool error);
void flow_gate_free(struct app *a);

#endif
