/* flow_gate: gate mode — the gate's name, then each scan validated
 * (src/gate.h) and handed to the screen. A scan whose call fails is shown as
 * NOT CHECKED and must be scanned again: nothing at the door is lost
 * silently, not even when the connection goes in the middle of a check. */
#include "app_int.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The user's config key for the gate's name (never a secret). */
#define GATE_CONFIG_KEY "gate"

void flow_gate_open(struct app *a)
{
	struct flow_gate *g = &a->gate;
	const struct event *ev = scr_events_current(&a->ev);
	char title[512], when[EVENTS_TIME_SIZE], *remembered;
	struct err e;

	if (ev == NULL) {
		flow_say(a, "No event to scan tickets for.", true);
		return;
	}
	flow_gate_free(a);
	remembered = config_get(GATE_CONFIG_KEY, &e); /* unreadable: simply not prefilled */
	snprintf(g->event_id, sizeof g->event_id, "%s", ev->id);
	snprintf(title, sizeof title, "%s %s %s", ev->title, a->style.ascii ? "-" : "·",
		 events_format_time(ev->start, when, sizeof when));
	scr_gate_colors_init(&a->style);
	scr_gate_init(&g->scr, &a->style, title, ev->title, remembered);
	free(remembered);
	g->ready = true;
	a->view = VIEW_GATE;
}

static void start(struct app *a)
{
	struct flow_gate *g = &a->gate;
	char gate[sizeof g->gate], msg[800];
	struct err e;
	int n;

	if (!gate_name(scr_gate_name_text(&g->scr), gate, sizeof gate, &e)) {
		scr_gate_message(&g->scr, e.msg, true);
		return;
	}
	if (!gate_admitted_count(a->db, gate, g->event_id, &n, &e)) {
		flow_failed(a, "Cannot start scanning", &e);
		return;
	}
	snprintf(g->gate, sizeof g->gate, "%s", gate);
	scr_gate_start(&g->scr, gate, n);
	if (!config_set(GATE_CONFIG_KEY, gate, &e)) {
		snprintf(msg, sizeof msg, "Scanning at gate %s. The name is not remembered for next "
			 "time: %s", gate, e.msg);
		scr_gate_message(&g->scr, msg, true);
		return;
	}
	snprintf(msg, sizeof msg, "Scanning at gate %s.", gate);
	scr_gate_message(&g->scr, msg, false);
}

static void scan(struct app *a)
{
	struct flow_gate *g = &a->gate;
	char code[GATE_TOKEN_MAX + 1], why[600];
	struct gate_scan s;
	struct err e;

	snprintf(code, sizeof code, "%s", scr_gate_code(&g->scr));
	if (gate_validate(a->db, code, g->gate, g->event_id, &s, &e)) {
		scr_gate_result(&g->scr, &s, time(NULL));
		scr_gate_message(&g->scr, NULL, false);
		return;
	}
	if (e.code == ERR_INPUT) /* only blanks: no scan at all */
		return;
	if (e.code == ERR_CONNECT)
		snprintf(why, sizeof why, "The connection to the database was lost before the answer "
			 "came. Once it is back, scan again: ALREADY SCANNED at this gate a moment ago "
			 "means this scan let them in.");
	else
		snprintf(why, sizeof why, "The database did not answer: %s", e.msg);
	scr_gate_not_checked(&g->scr, code, why, time(NULL));
	flow_failed(a, "NOT CHECKED, scan again", &e);
}

void flow_gate_key(struct app *a, bool is_code, wint_t key)
{
	struct flow_gate *g = &a->gate;

	if (!g->ready) {
		a->view = VIEW_EVENTS;
		return;
	}
	switch (scr_gate_do(&g->scr, scr_gate_key(&g->scr, is_code, key), is_code, key)) {
	case GT_NAMED: start(a); break;
	case GT_SCAN: scan(a); break;
	case GT_BACK:
	case GT_LEAVE:
		flow_gate_free(a);
		a->view = VIEW_EVENTS;
		break;
	default: break;
	}
}

void flow_gate_draw(struct app *a)
{
	struct flow_gate *g = &a->gate;

	if (!g->ready)
		return;
	scr_gate_set_offline(&g->scr, a->lost);
	scr_gate_recalc(&g->scr, LINES, COLS);
	scr_gate_draw(&g->scr, stdscr);
}

void flow_gate_message(struct app *a, const char *msg, bool error)
{
	if (a->gate.ready)
		scr_gate_message(&a->gate.scr, msg, error);
}

void flow_gate_free(struct app *a)
{
	memset(&a->gate, 0, sizeof a->gate);
}
