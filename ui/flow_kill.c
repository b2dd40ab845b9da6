/* flow_kill: seats off sale on the seat map (issue 6, supervisors). x asks why
 * and takes the selected seats (or the one under the cursor) off sale, X puts
 * them back, Space on a seat off sale takes it into the sale (change_seats in
 * flow.c, through kills_hold), after which the order and payment screens sell
 * it like any held seat. Every call goes through src/kills.c; the map is read
 * again by the loop (a->dirty), and with it the reasons. */
#include "app_int.h"

#include <stdio.h>

void flow_kill_open(struct app *a)
{
	flow_kill_reasons(a);
	scr_seatmap_set_kills(&a->sm, a->can_kill, a->can_kill ? &a->kills : NULL);
}

void flow_kill_reasons(struct app *a)
{
	struct kills fresh;
	struct err e;

	if (!a->can_kill || !a->open || !a->sm_ready)
		return;
	if (!kills_load(a->db, a->event_id, &fresh, &e)) {
		flow_failed(a, "Cannot read why seats are off sale", &e);
		return;
	}
	/* same address: the screen keeps pointing at a->kills */
	kills_free(&a->kills);
	a->kills = fresh;
}

void flow_kill_take(struct app *a)
{
	const struct sm_request *r = scr_seatmap_request(&a->sm);
	char why[FIELD_SIZE], msg[FIELD_SIZE + 64];
	struct err e;
	int n;

	draw_copy(why, sizeof why, r->reason);
	a->dirty = true; /* done or refused, the map shows what the database has */
	if (!kills_kill(a->db, a->event_id, r->seats, r->nseats, why, &a->sale, &n, &e)) {
		flow_failed(a, "Not taken off sale", &e);
		return;
	}
	snprintf(msg, sizeof msg, "%d seat%s taken off sale: %s.", n, n == 1 ? "" : "s", why);
	scr_seatmap_message(&a->sm, msg, false);
}

void flow_kill_release(struct app *a)
{
	const struct sm_request *r = scr_seatmap_request(&a->sm);
	char msg[120];
	struct err e;
	int n;

	a->dirty = true;
	if (!kills_release(a->db, a->event_id, r->seats, r->nseats, &a->sale, &n, &e)) {
		flow_failed(a, "Not put back on sale", &e);
		return;
	}
	if (n == 0)
		snprintf(msg, sizeof msg, "Nothing put back on sale: those seats were not off sale.");
	else
		snprintf(msg, sizeof msg, "%d seat%s back on sale.", n, n == 1 ? "" : "s");
	scr_seatmap_message(&a->sm, msg, n == 0);
}

void flow_kill_free(struct app *a)
{
	kills_free(&a->kills);
}
