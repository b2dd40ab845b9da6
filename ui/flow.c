/* flow: the clerk's sale as a state machine of screens (issue 4).
 *
 *   events --Enter--> sections --Enter--> seat map --Enter--> order --Enter--> pay --Enter--> done
 *                        |  'w' whole venue  ^                  ^                  |Esc,y         |
 *                        +--GA: "How many places?"--------------+     abandon, new sale <+  Enter: next
 *
 * The done screen prints the tickets at once (printing); p there and P on the
 * events screen open the printer screen, U on the events screen prints the
 * unprinted list.
 *
 * Screens turn keys into commands; this file carries the commands out through
 * the src/ modules (sale, seatmap, events, printing, print), gives the screens the answers, and
 * moves between screens. A call that fails with a lost connection hands over
 * to app.c (app_lost), which reconnects and calls flow_recovered. */
#include "app_int.h"

#include "attendee.h"

#include "config.h"
#include "money.h"
#include "printing.h"
#include "unprinted.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- messages ---- */

void flow_say(struct app *a, const char *msg, bool error)
{
	switch (a->view) {
	case VIEW_EVENTS: scr_events_message(&a->ev, msg, error); break;
	case VIEW_SECTIONS: scr_sections_message(&a->sec, msg, error); break;
	case VIEW_SEATMAP: scr_seatmap_message(&a->sm, msg, error); break;
	case VIEW_ORDER: scr_order_message(&a->order, msg, error); break;
	case VIEW_PAY: scr_pay_message(&a->pay, msg, error); break;
	case VIEW_DONE: scr_done_message(&a->done, msg, error); break;
	case VIEW_PRINTERS: scr_printers_message(&a->pr, msg, error); break;
	case VIEW_STATS: scr_stats_message(&a->stv, msg, error); break;
	case VIEW_SETUP: flow_setup_message(a, msg, error); break;
	case VIEW_SHIFT: flow_shift_message(a, msg, error); break;
	case VIEW_LOOKUP: flow_lookup_message(a, msg, error); break;
	case VIEW_GATE: flow_gate_message(a, msg, error); break;
	case VIEW_MONITOR: flow_monitor_message(a, msg, error); break;
	case VIEW_PASSWORD: flow_password_message(a, msg, error); break;
	}
}

/* A failed call: reconnect when the connection is gone, else say why on
 * the screen in front. */
void flow_failed(struct app *a, const char *what, const struct err *e)
{
	char msg[400];

	if (app_lost(a, e))
		return;
	if (what != NULL)
		snprintf(msg, sizeof msg, "%s: %s", what, e->msg);
	else
		snprintf(msg, sizeof msg, "%s", e->msg);
	flow_say(a, msg, true);
}

/* ---- printing (issue 5) ----
 * Tokens exist only right after a sale: the done screen prints them at once
 * (printing_print). Anything later — r after a failure, another printer, the
 * unprinted list — is a reprint: new codes, the old ones die, so a cancelled
 * job that somehow comes out later can never get anyone in. */

/* The print server's ERR_CONNECT is not the database's: only a dead
 * database connection hands over to the reconnecting. */
bool flow_print_lost_db(struct app *a, const struct err *e)
{
	return e->code == ERR_CONNECT && !db_connected(a->db) && app_lost(a, e);
}

void flow_print_why(const struct err *e, char *out, size_t size)
{
	struct print_dests d = { NULL, 0 };
	struct err le;

	if (e->code == ERR_INPUT && print_list(&d, &le) && d.n == 0)
		snprintf(out, size, "there is no printer at all: the print server has none set up. "
			 "Ask whoever looks after the printers to add one.");
	else
		snprintf(out, size, "%s", e->msg);
	print_dests_free(&d);
}


/* Prints n tickets on the printer wanted (NULL: the remembered one, else the
 * CUPS default): with tokens (fresh from the sale) as they are, without as a
 * reprint for reason. busy(a, "Printing 2 tickets on "pdf"…") shows before
 * the call blocks. A printer that cannot be picked is recorded as a failed
 * attempt, so the tickets are listed as unprinted with the reason. */
static bool print_tickets(struct app *a, const char *const *ids, const char *const *tokens,
			  size_t n, const char *wanted, const char *reason,
			  void (*busy)(struct app *, const char *), struct print_result *r,
			  struct err *e)
{
	char printer[128], msg[256];
	struct print_opts o = { NULL, NULL, PRINT_FORMAT_AUTO, APP_PRINT_WAIT_MS };
	struct err le;

	memset(r, 0, sizeof *r);
	err_clear(e);
	if (!printing_pick_printer(wanted, printer, sizeof printer, e)) {
		unprinted_mark(a->db, ids, n, wanted, e->msg, &le);
		return false;
	}
	snprintf(msg, sizeof msg, "Printing %zu ticket%s on \"%s\"%s", n, n == 1 ? "" : "s", printer,
		 a->style.ascii ? "..." : "…");
	busy(a, msg);
	app_redraw(a);
	o.printer = printer;
	/* about 10 s for a sale; a long unprinted list gets time to go through */
	if (n > 2)
		o.wait_ms = n > 222 ? 120000 : APP_PRINT_WAIT_MS + 500 * (int)(n - 2);
	if (tokens != NULL)
		return printing_print(a->db, ids, tokens, n, false, &o, r, e);
	return printing_reprint(a->db, ids, n, reason, &o, r, e);
}

static void done_busy(struct app *a, const char *msg)
{
	scr_done_set_print(&a->done, DONE_PRINT_BUSY, msg);
	scr_done_message(&a->done, NULL, false);
}

static void events_busy(struct app *a, const char *msg)
{
	scr_events_message(&a->ev, msg, false);
}

static void done_printed(struct app *a, bool ok, const struct print_result *r, const struct err *e)
{
	char msg[480];

	if (ok) {
		snprintf(msg, sizeof msg, "Printed on \"%s\" (job %d).", r->printer, r->job);
		scr_done_set_print(&a->done, DONE_PRINT_OK, msg);
		return;
	}
	if (flow_print_lost_db(a, e)) {
		scr_done_set_print(&a->done, DONE_PRINT_NOT_TRIED,
				   "the connection to the database was lost");
		return;
	}
	flow_print_why(e, msg, sizeof msg);
	scr_done_set_print(&a->done, DONE_PRINT_FAILED, msg);
}

/* Keeps the done screen's ticket ids (from the sale, or looked up by the
 * order after a reconnect), for r and p. */
static void done_keep_ids(struct app *a, const struct issued *t)
{
	struct err e;

	free(a->done_ids);
	a->done_ids = NULL;
	a->done_nids = 0;
	if (t == NULL) {
		if (!printing_find(a->db, a->sale.id, &a->done_ids, &a->done_nids, &e))
			app_lost(a, &e);
		return;
	}
	if (t->n == 0 || (a->done_ids = calloc(t->n, sizeof *a->done_ids)) == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		snprintf(a->done_ids[i], sizeof a->done_ids[i], "%s", t->items[i].ticket_id);
	a->done_nids = t->n;
}

/* Right after the sale: the issued tokens, on the picked printer. */
static void done_print_sale(struct app *a, const struct issued *t)
{
	const char **ids = calloc(t->n + 1, sizeof *ids), **tok = calloc(t->n + 1, sizeof *tok);
	struct print_result r;
	struct err e;
	bool ok;

	if (ids == NULL || tok == NULL) {
		free(ids);
		free(tok);
		scr_done_set_print(&a->done, DONE_PRINT_FAILED, "out of memory");
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		ids[i] = t->items[i].ticket_id;
		tok[i] = t->items[i].token;
	}
	ok = print_tickets(a, ids, tok, t->n, NULL, NULL, done_busy, &r, &e);
	done_printed(a, ok, &r, &e);
	free(ids);
	free(tok);
}

/* r, or a printer chosen on the printer screen: a reprint (the failed job
 * was cancelled, and a second copy of a code must never exist). */
static void done_reprint(struct app *a, const char *wanted)
{
	const char **ids;
	struct print_result r;
	struct err e;
	bool ok;

	if (a->done_nids == 0) {
		scr_done_message(&a->done, "The ticket ids of this order are not known here; the help "
				 "desk prints it by its reference.", true);
		return;
	}
	if ((ids = calloc(a->done_nids, sizeof *ids)) == NULL) {
		scr_done_message(&a->done, "Out of memory.", true);
		return;
	}
	for (size_t i = 0; i < a->done_nids; i++)
		ids[i] = a->done_ids[i];
	ok = print_tickets(a, ids, NULL, a->done_nids, wanted, "retry after a failed print", done_busy,
			   &r, &e);
	free(ids);
	done_printed(a, ok, &r, &e);
}

/* The events screen's notice: tickets waiting to be printed. */
static void refresh_unprinted(struct app *a)
{
	char msg[160];
	struct err e;
	long n = 0;

	if (!unprinted_count(a->db, &n, &e) && app_lost(a, &e))
		return;
	snprintf(msg, sizeof msg, "%ld ticket%s not printed %s press U to print %s", n,
		 n == 1 ? "" : "s", a->style.ascii ? "-" : "—", n == 1 ? "it" : "them");
	scr_events_set_notice(&a->ev, n > 0 ? msg : NULL);
}

/* U: every ticket waiting, reprinted in one job. */
static void print_unprinted(struct app *a)
{
	char (*list)[37] = NULL, msg[480], why[400];
	const char **ids = NULL;
	size_t n = 0;
	struct print_result r;
	struct err e;
	bool ok;

	if (!unprinted_ids(a->db, &list, &n, &e)) {
		flow_failed(a, "Cannot list the unprinted tickets", &e);
		return;
	}
	if (n == 0) {
		scr_events_message(&a->ev, "Nothing to print: every valid ticket has been printed.", false);
		refresh_unprinted(a);
		return;
	}
	if ((ids = calloc(n, sizeof *ids)) == NULL) {
		free(list);
		scr_events_message(&a->ev, "Out of memory.", true);
		return;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = list[i];
	ok = print_tickets(a, ids, NULL, n, NULL, "printed from the unprinted list", events_busy, &r, &e);
	free(ids);
	free(list);
	if (ok) {
		snprintf(msg, sizeof msg, "Printed %zu ticket%s on \"%s\" (job %d).", r.tickets,
			 r.tickets == 1 ? "" : "s", r.printer, r.job);
		scr_events_message(&a->ev, msg, false);
	} else if (flow_print_lost_db(a, &e)) {
		return;
	} else {
		flow_print_why(&e, why, sizeof why);
		snprintf(msg, sizeof msg, "Not printed: %s", why);
		scr_events_message(&a->ev, msg, true);
	}
	refresh_unprinted(a);
}

/* The printer screen: what the print server lists, and the current choice. */
static void load_printers(struct app *a)
{
	char current[128] = "";
	bool remembered = false;
	struct err e;
	char *c;

	struct err le;
	bool up;

	print_dests_free(&a->dests);
	up = print_list(&a->dests, &le);
	err_clear(&e);
	if ((c = config_get("printer", &e)) != NULL) {
		snprintf(current, sizeof current, "%s", c);
		remembered = true;
		free(c);
	}
	if (!up) {
		scr_printers_set(&a->pr, NULL, current, remembered);
		scr_printers_set_down(&a->pr, le.msg);
		return;
	}
	for (size_t i = 0; !remembered && i < a->dests.n; i++)
		if (a->dests.v[i].is_default)
			snprintf(current, sizeof current, "%s", a->dests.v[i].name);
	scr_printers_set(&a->pr, &a->dests, current, remembered);
	if (e.code != ERR_NONE)
		scr_printers_message(&a->pr, e.msg, true);
}

static void open_printers(struct app *a, const char *context)
{
	scr_printers_init(&a->pr, &a->style);
	scr_printers_set_context(&a->pr, context);
	a->pr_back = a->view;
	a->view = VIEW_PRINTERS;
	load_printers(a);
}

/* Enter on the printer screen: remember it, go back; on a done screen whose
 * tickets are not printed, print them there. */
static void choose_printer(struct app *a)
{
	const struct print_dest *d = scr_printers_selected(&a->pr);
	char name[128], msg[400];
	struct err e;

	if (d == NULL)
		return;
	snprintf(name, sizeof name, "%s", d->name);
	if (!config_set("printer", name, &e)) {
		snprintf(msg, sizeof msg, "Could not remember the printer: %s", e.msg);
		scr_printers_message(&a->pr, msg, true);
		return;
	}
	a->view = a->pr_back;
	if (a->view == VIEW_DONE && a->done_ready && a->done.print != DONE_PRINT_OK) {
		done_reprint(a, name);
		return;
	}
	snprintf(msg, sizeof msg, "Tickets print on \"%s\" from now on.", name);
	flow_say(a, msg, false);
}

static void printers_key(struct app *a, bool code, wint_t key)
{
	switch (scr_printers_do(&a->pr, scr_printers_key(&a->pr, code, key))) {
	case PR_CHOOSE: choose_printer(a); break;
	case PR_RELOAD: load_printers(a); break;
	case PR_BACK: a->view = a->pr_back; break;
	default: break;
	}
}

/* ---- statistics (issue 6) ----
 * S on the events screen: one event's figures (stats_load). Sections are
 * live: a NOTIFY for the event re-reads them, at most once a second (the loop
 * wakes each second while a re-read waits). R refreshes the materialized
 * views first when the login may (stats_refresh, debounced in the database). */

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void stats_drop(struct app *a)
{
	scr_stats_set(&a->stv, NULL);
	if (a->stats_ready)
		stats_free(&a->stats);
	a->stats_ready = false;
	a->stats_dirty = false;
}

/* Reads the figures again; the old ones stay when that fails. */
static bool stats_read(struct app *a)
{
	struct stats fresh;
	struct err e;

	a->stats_dirty = false;
	clock_gettime(CLOCK_MONOTONIC, &a->stats_read);
	if (!stats_load(a->db, a->stats_event, &fresh, &e)) {
		flow_failed(a, "Cannot read the statistics", &e);
		return false;
	}
	stats_drop(a);
	a->stats = fresh;
	a->stats_ready = true;
	scr_stats_set(&a->stv, &a->stats);
	return true;
}

static void open_stats(struct app *a)
{
	const struct event *ev = scr_events_current(&a->ev);
	char title[256], when[EVENTS_TIME_SIZE];

	if (ev == NULL)
		return;
	stats_drop(a);
	snprintf(a->stats_event, sizeof a->stats_event, "%s", ev->id);
	snprintf(title, sizeof title, "%s %s %s", ev->title, a->style.ascii ? "-" : "·",
		 events_format_time(ev->start, when, sizeof when));
	scr_stats_init(&a->stv, &a->style, title, a->can_refresh);
	if (!stats_read(a))
		return; /* the events screen says why */
	a->view = VIEW_STATS;
}

static void refresh_stats_now(struct app *a)
{
	char as_of[STATS_TIME_SIZE], clock[32], msg[160];
	struct err e;

	if (a->can_refresh && !stats_refresh(a->db, 1, as_of, &e)) {
		flow_failed(a, "Cannot refresh the figures", &e);
		return;
	}
	if (!stats_read(a))
		return;
	scr_stats_clock(a->stats.as_of, clock, sizeof clock);
	if (a->can_refresh)
		snprintf(msg, sizeof msg, "Figures refreshed: as of %s.", clock[0] ? clock : "now");
	else
		snprintf(msg, sizeof msg, "Read again. Totals are as of %s; a supervisor refreshes them.",
			 clock[0] ? clock : "never");
	scr_stats_message(&a->stv, msg, false);
}

static void stats_key(struct app *a, bool code, wint_t key)
{
	switch (scr_stats_do(&a->stv, scr_stats_key(&a->stv, code, key))) {
	case ST_REFRESH: refresh_stats_now(a); break;
	case ST_BACK:
		stats_drop(a);
		a->view = VIEW_EVENTS;
		break;
	default: break;
	}
}

static int mine_count(const struct app *a)
{
	int n = 0;

	for (size_t i = 0; a->open && i < a->map.nsections; i++)
		n += a->map.sections[i].count[SEAT_MINE];
	return n;
}

/* ---- events ---- */

static void load_events(struct app *a)
{
	struct err e;
	struct event_list fresh;
	char msg[320];

	if (!events_load(a->db, &fresh, &e)) {
		if (!app_lost(a, &e)) {
			snprintf(msg, sizeof msg, "Could not load events: %s", e.msg);
			scr_events_message(&a->ev, msg, true);
		}
		return;
	}
	/* Swap only after success, so a failed reload keeps the old list. */
	scr_events_set_events(&a->ev, NULL);
	events_free(&a->events);
	a->events = fresh;
	scr_events_set_events(&a->ev, &a->events);
	snprintf(msg, sizeof msg, "%zu event%s.", a->events.n, a->events.n == 1 ? "" : "s");
	scr_events_message(&a->ev, msg, false);
	refresh_unprinted(a);
}

void flow_start(struct app *a)
{
	scr_events_init(&a->ev, &a->style, a->session.login, a->session.org);
	scr_events_set_roles(&a->ev, a->can_sell, a->can_setup);
	scr_events_set_monitor(&a->ev, a->can_monitor);
	a->view = VIEW_EVENTS;
	load_events(a);
	flow_password_expiry(a);
}

void flow_to_events(struct app *a, const char *msg)
{
	a->view = VIEW_EVENTS;
	load_events(a);
	if (msg != NULL)
		scr_events_message(&a->ev, msg, false);
}

/* ---- the open event ---- */

static void free_event(struct app *a)
{
	if (!a->open)
		return;
	scr_sections_free(&a->sec);
	if (a->sm_ready)
		scr_seatmap_free(&a->sm);
	if (a->order_ready)
		scr_order_free(&a->order);
	if (a->done_ready)
		scr_done_free(&a->done);
	seatmap_free(&a->map);
	flow_kill_free(a);
	sale_tiers_free(&a->tiers);
	free(a->ga);
	a->ga = NULL;
	free(a->done_ids);
	a->done_ids = NULL;
	a->done_nids = 0;
	a->sm_ready = a->order_ready = a->done_ready = false;
	a->open = false;
	a->ask = ASK_NONE;
}

static void close_event(struct app *a, const char *msg)
{
	free_event(a);
	a->view = VIEW_EVENTS;
	load_events(a); /* seats left have changed */
	if (msg != NULL && !a->lost)
		scr_events_message(&a->ev, msg, false);
}

/* The price tiers of a section as the seat line shows them. */
static void tier_text(const struct app *a, int section, char *buf, size_t size)
{
	const struct tier *t[ORDER_TIERS_MAX];
	size_t n = sale_tiers_of(&a->tiers, a->map.sections[section].id, t, ORDER_TIERS_MAX);
	size_t len = 0;
	char money[32];

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s %s", i > 0 ? ", " : "", t[i]->name,
					money_show(t[i]->price, money, sizeof money));
}

static void open_event(struct app *a)
{
	const struct event *ev = scr_events_current(&a->ev);
	char when[EVENTS_TIME_SIZE];
	struct err e;

	if (ev == NULL)
		return;
	if (!a->can_sell) {
		scr_events_message(&a->ev, "Your login may not sell tickets (selling is for clerks and "
				   "supervisors).", true);
		return;
	}
	snprintf(a->event_id, sizeof a->event_id, "%s", ev->id);
	snprintf(a->title, sizeof a->title, "%s %s %s", ev->title, a->style.ascii ? "-" : "·",
		 events_format_time(ev->start, when, sizeof when));
	if (!sale_start(&a->sale, ev->id, &e)) {
		flow_failed(a, "Cannot start a sale", &e);
		return;
	}
	if (!sale_tiers_load(a->db, ev->id, &a->tiers, &e)) {
		flow_failed(a, "Cannot load the prices", &e);
		return;
	}
	if (!seatmap_load(a->db, ev->id, NULL, a->sale.id, &a->map, &e)) {
		sale_tiers_free(&a->tiers);
		flow_failed(a, "Cannot load the seat map", &e);
		return;
	}
	a->ga = calloc(a->map.nsections + 1, sizeof *a->ga);
	if (a->ga == NULL || !scr_sections_init(&a->sec, &a->style, &a->map, a->title)) {
		free(a->ga);
		a->ga = NULL;
		seatmap_free(&a->map);
		sale_tiers_free(&a->tiers);
		scr_events_message(&a->ev, "Out of memory.", true);
		return;
	}
	a->open = true;
	a->sm_ready = a->order_ready = a->done_ready = false;
	a->hold_expired_seen = false;
	a->view = VIEW_SECTIONS;
	scr_sections_message(&a->sec, "Enter opens a section; w the whole venue.", false);
}

/* Re-reads seat states and GA counters; the screens follow. */
static void refresh_map(struct app *a)
{
	struct err e;

	a->dirty = false;
	if (!a->open)
		return;
	if (!seatmap_refresh(a->db, &a->map, a->sale.id, &e)) {
		flow_failed(a, "Cannot re-read the seat map", &e);
		return;
	}
	scr_sections_changed(&a->sec);
	flow_kill_reasons(a);
	if (a->sm_ready)
		scr_seatmap_changed(&a->sm);
}

static void open_seatmap(struct app *a, int section)
{
	char title[400], prices[256];

	if (a->sm_ready)
		scr_seatmap_free(&a->sm);
	snprintf(title, sizeof title, "%s %s %s", a->title, a->style.ascii ? "-" : "·",
		 section >= 0 ? a->map.sections[section].name : "whole venue");
	scr_seatmap_init(&a->sm, &a->style, &a->map, section, title);
	a->sm_ready = true;
	flow_kill_open(a);
	for (size_t i = 0; i < a->map.nsections; i++) {
		tier_text(a, (int)i, prices, sizeof prices);
		if (prices[0] != '\0' && !scr_seatmap_set_prices(&a->sm, (int)i, prices))
			scr_seatmap_message(&a->sm, "Out of memory.", true);
	}
	a->view = VIEW_SEATMAP;
}

static void ask(struct app *a, enum app_ask what, int section, const char *msg)
{
	a->ask = what;
	a->ask_section = section;
	a->ask_input[0] = '\0';
	a->ask_error = false;
	snprintf(a->ask_msg, sizeof a->ask_msg, "%s", msg);
}

static void leave_event(struct app *a)
{
	int n = mine_count(a);
	char q[160];

	if (n == 0 && a->sale.state != SALE_ORDERED) {
		close_event(a, NULL);
		return;
	}
	snprintf(q, sizeof q, "Release your %d held seat%s? y/n", n, n == 1 ? "" : "s");
	ask(a, ASK_LEAVE, -1, q);
}

static void places_left(const struct app *a, int section, int *left)
{
	int total;

	scr_sections_counts(&a->map, section, left, &total);
}

static void sections_key(struct app *a, bool code, wint_t key)
{
	int cur, left;
	char q[200];

	switch (scr_sections_do(&a->sec, scr_sections_key(&a->sec, code, key), key)) {
	case SEC_OPEN:
		cur = scr_sections_current(&a->sec);
		if (!a->map.sections[cur].general) {
			open_seatmap(a, cur);
			break;
		}
		places_left(a, cur, &left);
		if (left <= 0) {
			scr_sections_message(&a->sec, "Sold out: no places left in this section.", true);
			break;
		}
		snprintf(q, sizeof q, "How many places in %s? (1%s%d)", a->map.sections[cur].name,
			 a->style.ascii ? "-" : "–", left < ORDER_GA_MAX ? left : ORDER_GA_MAX);
		ask(a, ASK_PLACES, cur, q);
		break;
	case SEC_WHOLE: open_seatmap(a, -1); break;
	case SEC_RELOAD: a->dirty = true; break;
	case SEC_BACK: leave_event(a); break;
	default: break;
	}
}

/* ---- holds ---- */

static void hold_message(struct app *a, bool held, int released)
{
	char msg[200];
	int mine = mine_count(a);

	if (held)
		snprintf(msg, sizeof msg, "%d seat%s held for %d minutes.", mine, mine == 1 ? "" : "s",
			 a->hold_minutes);
	else
		snprintf(msg, sizeof msg, "%d seat%s let go; %d held.", released,
			 released == 1 ? "" : "s", mine);
	scr_seatmap_message(&a->sm, msg, false);
}

/* SM_CHANGE: let go what the screen asks, then hold the new seats together
 * with the ones kept, so every held seat has the same (fresh) expiry and the
 * countdown tells the truth. All or nothing: a refused hold leaves the
 * earlier holds as they were. */
static void change_seats(struct app *a)
{
	const struct sm_request *r = scr_seatmap_request(&a->sm);
	const char **ids = NULL;
	size_t n = 0;
	int released = 0;
	struct err e;
	bool ok = true;

	if (r->nrelease > 0)
		ok = sale_release(a->db, &a->sale, r->release, r->nrelease, &released, &e);
	/* seats off sale (a supervisor's Space) come into the sale first, then
	 * are held again with the rest for one expiry */
	if (ok && r->nkilled > 0)
		ok = kills_hold(a->db, &a->sale, r->killed, r->nkilled, a->hold_minutes, &e);
	if (ok && r->nhold + r->nkilled > 0) {
		ids = malloc((a->map.nseats + r->nhold + r->nkilled) * sizeof *ids);
		if (ids == NULL) {
			scr_seatmap_message(&a->sm, "Out of memory.", true);
			return;
		}
		for (size_t i = 0; i < r->nhold; i++)
			ids[n++] = r->hold[i];
		for (size_t i = 0; i < r->nkilled; i++)
			ids[n++] = r->killed[i];
		for (size_t i = 0; i < a->map.nseats; i++) {
			bool going = false;
			if (a->map.seats[i].state != SEAT_MINE)
				continue;
			for (size_t k = 0; k < r->nrelease && !going; k++)
				going = strcmp(r->release[k], a->map.seats[i].id) == 0;
			if (!going)
				ids[n++] = a->map.seats[i].id;
		}
		ok = sale_hold(a->db, &a->sale, ids, n, a->hold_minutes, &e);
	}
	free(ids);
	if (!ok && app_lost(a, &e))
		return;
	refresh_map(a); /* either way: the clerk sees what the database has */
	if (!ok) {
		scr_seatmap_message(&a->sm, e.msg, true);
		return;
	}
	a->hold_expired_seen = false;
	hold_message(a, r->nhold + r->nkilled > 0, released);
}

/* ---- the order ---- */

static bool add_seat_lines(struct app *a, struct err *e)
{
	const struct tier *t[ORDER_TIERS_MAX];

	/* In plan order: section, row, position in the row. */
	for (size_t r = 0; r < a->map.nrows; r++) {
		const struct seatmap_row *row = &a->map.rows[r];
		for (int k = 0; k < row->n; k++) {
			const struct seatmap_seat *s = &a->map.seats[row->seats[k]];
			const struct seatmap_section *sec = &a->map.sections[s->section];
			size_t nt;

			if (s->state != SEAT_MINE)
				continue;
			nt = sale_tiers_of(&a->tiers, sec->id, t, ORDER_TIERS_MAX);
			if (nt == 0)
				return err_set(e, ERR_INPUT, "%s has no price for this event.", sec->name);
			if (!scr_order_add_seat(&a->order, s->id, sec->name, row->label, s->number,
						s->accessible, t, nt, e))
				return false;
		}
	}
	return true;
}

static bool add_ga_lines(struct app *a, struct err *e)
{
	const struct tier *t[ORDER_TIERS_MAX];

	for (size_t i = 0; i < a->map.nsections; i++) {
		const struct seatmap_section *sec = &a->map.sections[i];
		int left;
		size_t nt;

		if (a->ga[i] <= 0)
			continue;
		nt = sale_tiers_of(&a->tiers, sec->id, t, ORDER_TIERS_MAX);
		if (nt == 0)
			return err_set(e, ERR_INPUT, "%s has no price for this event.", sec->name);
		places_left(a, (int)i, &left);
		if (left > ORDER_GA_MAX)
			left = ORDER_GA_MAX;
		if (!scr_order_add_ga(&a->order, sec->name, a->ga[i], left, t, nt, e))
			return false;
	}
	return true;
}

static void to_order(struct app *a, enum app_view from)
{
	struct err e;

	if (!a->order_ready) {
		scr_order_init(&a->order, &a->style, a->title);
		a->order_ready = true;
	}
	scr_order_clear_lines(&a->order);
	if (!add_seat_lines(a, &e) || !add_ga_lines(a, &e)) {
		flow_say(a, e.msg, true);
		return;
	}
	if (a->order.nlines == 0) {
		flow_say(a, "Nothing selected yet.", true);
		return;
	}
	scr_order_message(&a->order, NULL, false);
	a->order_back = from;
	a->view = VIEW_ORDER;
}

/* Esc on the order: what it says about GA places is what the clerk wants. */
static void order_back(struct app *a)
{
	for (size_t i = 0; i < a->map.nsections; i++)
		a->ga[i] = 0;
	for (size_t k = 0; k < a->order.nlines; k++) {
		const struct order_line *l = &a->order.lines[k];
		if (l->seat_id[0] != '\0')
			continue;
		for (size_t i = 0; i < a->map.nsections; i++)
			if (a->map.sections[i].general && strcmp(a->map.sections[i].name, l->section) == 0)
				a->ga[i] += l->quantity;
	}
	a->view = a->order_back == VIEW_SEATMAP && a->sm_ready ? VIEW_SEATMAP : VIEW_SECTIONS;
}

static void to_pay(struct app *a)
{
	scr_pay_init(&a->pay, &a->style, a->title);
	scr_pay_set_order(&a->pay, a->sale.total, a->sale.fees);
	scr_pay_set_can_comp(&a->pay, a->can_comp);
	a->view = VIEW_PAY;
}

static void exchange_place(struct app *a);

static void place_order(struct app *a)
{
	if (a->exch.on) {
		exchange_place(a);
		return;
	}
	size_t n = scr_order_items(&a->order, NULL, 0);
	struct sale_item *items = calloc(n + 1, sizeof *items);
	struct customer c;
	struct err e;
	bool ok;

	if (items == NULL) {
		scr_order_message(&a->order, "Out of memory.", true);
		return;
	}
	scr_order_items(&a->order, items, n);
	scr_order_customer(&a->order, &c);
	ok = sale_order(a->db, &a->sale, items, n, &c, a->pay_minutes, &e);
	free(items);
	a->dirty = true; /* GA counters and held seats changed (or were refused) */
	if (!ok) {
		flow_failed(a, "The order was not made", &e);
		return;
	}
	if (a->sale.state != SALE_ORDERED) {
		scr_order_message(&a->order, "This order is already closed; start again.", true);
		return;
	}
	to_pay(a);
}

/* ---- exchanges (issue 7) ----
 * Started from the lookup (x on tickets): the clerk picks the new performance and
 * seats as for a sale; at "order" nothing is ordered yet — what is due (the new
 * tickets less the old ones' worth) is taken on the pay screen, or what is owed
 * back is refunded at a question; then exchange_tickets() does it all in one
 * transaction (old tickets cancelled, new order paid and issued). */

void flow_exchange_drop(struct app *a)
{
	free(a->exch.ids);
	memset(&a->exch, 0, sizeof a->exch);
}

void flow_exchange_start(struct app *a, const char *const *ids, size_t n, const char *reason)
{
	char msg[300], m[32];
	bool known;
	struct err e;

	flow_exchange_drop(a);
	if (n == 0)
		return;
	if (!attendee_worth(a->db, ids, n, &known, &a->exch.worth, &e)) {
		flow_failed(a, "Cannot read what the tickets are worth", &e);
		return;
	}
	if (!known) {
		flow_say(a, "Only valid tickets of one order can be exchanged.", true);
		return;
	}
	if ((a->exch.ids = calloc(n, sizeof *a->exch.ids)) == NULL) {
		flow_say(a, "Out of memory.", true);
		return;
	}
	for (size_t i = 0; i < n; i++)
		snprintf(a->exch.ids[i], UUID_LEN, "%s", ids[i]);
	a->exch.n = n;
	a->exch.on = true;
	draw_copy(a->exch.reason, sizeof a->exch.reason, reason);
	flow_to_events(a, NULL);
	snprintf(msg, sizeof msg, "Exchanging %zu ticket%s worth %s: open the new performance and "
		 "pick the seats (F cancels the exchange).", n, n == 1 ? "" : "s",
		 money_show(a->exch.worth, m, sizeof m));
	scr_events_set_notice(&a->ev, msg);
}

static void exchange_place(struct app *a)
{
	int64_t total, fees;
	int tickets;
	char m1[32], m2[32], m3[32];

	scr_order_totals(&a->order, &total, &fees, &tickets);
	a->exch.due = total - a->exch.worth;
	if (a->exch.due > 0) {
		a->sale.total = a->exch.due;
		a->sale.fees = 0;
		to_pay(a);
		snprintf(a->ask_msg, sizeof a->ask_msg, "Exchange: new tickets %s less %s the old ones "
			 "are worth: %s to pay.", money_show(total, m1, sizeof m1),
			 money_show(a->exch.worth, m2, sizeof m2), money_show(a->exch.due, m3, sizeof m3));
		scr_pay_message(&a->pay, a->ask_msg, false);
		return;
	}
	if (a->exch.due == 0)
		snprintf(a->ask_msg, sizeof a->ask_msg, "Exchange at the same price: nothing to pay.");
	else
		snprintf(a->ask_msg, sizeof a->ask_msg, "Exchange: %s back (new %s, old worth %s).",
			 money_show(-a->exch.due, m1, sizeof m1), money_show(total, m2, sizeof m2),
			 money_show(a->exch.worth, m3, sizeof m3));
	a->ask = ASK_EXCHANGE;
	a->ask_error = false;
}

static void show_done(struct app *a, const struct issued *t, int64_t change);

static void exchange_finish(struct app *a, const struct payment *p, size_t n, const char *refund)
{
	size_t ni = scr_order_items(&a->order, NULL, 0);
	struct sale_item *items = calloc(ni + 1, sizeof *items);
	const char **ids = calloc(a->exch.n + 1, sizeof *ids);
	struct exchange_result res;
	struct issued t;
	struct err e;
	char msg[300], m1[32], m2[32];
	bool ok;

	if (items == NULL || ids == NULL) {
		free(items);
		free(ids);
		flow_say(a, "Out of memory.", true);
		return;
	}
	scr_order_items(&a->order, items, ni);
	for (size_t i = 0; i < a->exch.n; i++)
		ids[i] = a->exch.ids[i];
	ok = sale_exchange(a->db, &a->sale, ids, a->exch.n, a->exch.reason, items, ni, p, n, refund,
			   &res, &t, &e);
	free(items);
	free(ids);
	a->dirty = true;
	if (!ok) {
		flow_failed(a, "Not exchanged", &e);
		return;
	}
	flow_exchange_drop(a);
	show_done(a, &t, sale_change_due(p, n));
	sale_issued_free(&t);
	if (res.refunded > 0)
		snprintf(msg, sizeof msg, "Exchanged: the old tickets no longer work. Hand back %s (%s).",
			 money_show(res.refunded, m1, sizeof m1), refund != NULL ? refund : "");
	else
		snprintf(msg, sizeof msg, "Exchanged: the old tickets no longer work. Paid %s on top of %s.",
			 money_show(res.paid, m1, sizeof m1), money_show(res.worth, m2, sizeof m2));
	scr_done_message(&a->done, msg, false);
}

/* ---- a new customer ---- */

static void new_sale(struct app *a, const char *msg)
{
	struct err e;

	if (!sale_start(&a->sale, a->event_id, &e)) {
		flow_failed(a, NULL, &e);
		return;
	}
	for (size_t i = 0; i < a->map.nsections; i++)
		a->ga[i] = 0;
	if (a->order_ready)
		scr_order_clear_lines(&a->order);
	a->hold_expired_seen = false;
	a->view = a->sm_ready ? VIEW_SEATMAP : VIEW_SECTIONS;
	refresh_map(a);
	if (!a->lost && msg != NULL)
		flow_say(a, msg, false);
}

static void show_done(struct app *a, const struct issued *t, int64_t change)
{
	struct err e;

	if (a->done_ready)
		scr_done_free(&a->done);
	scr_done_init(&a->done, &a->style, a->title);
	a->done_ready = true;
	scr_done_set_order(&a->done, a->sale.id, a->sale.total, change);
	if (!scr_done_fill(&a->done, &a->order, t, &e))
		scr_done_message(&a->done, e.msg, true);
	a->view = VIEW_DONE;
	a->dirty = true;
	done_keep_ids(a, t);
	if (t != NULL && t->n > 0)
		done_print_sale(a, t);
	else
		scr_done_set_print(&a->done, DONE_PRINT_NOT_TRIED,
				   t == NULL ? "the codes were issued as the connection was lost"
					     : "");
}

static void exchange_finish(struct app *a, const struct payment *p, size_t n, const char *refund);

static void pay_order(struct app *a)
{
	if (a->exch.on) {
		size_t np = scr_pay_payments(&a->pay, NULL, 0);
		struct payment *pp = calloc(np + 1, sizeof *pp);

		if (pp == NULL) {
			scr_pay_message(&a->pay, "Out of memory.", true);
			return;
		}
		scr_pay_payments(&a->pay, pp, np);
		exchange_finish(a, pp, np, NULL);
		free(pp);
		return;
	}
	size_t n = scr_pay_payments(&a->pay, NULL, 0);
	struct payment *p = calloc(n + 1, sizeof *p);
	struct issued t;
	struct err e;
	int64_t change;
	bool ok;

	if (p == NULL) {
		scr_pay_message(&a->pay, "Out of memory.", true);
		return;
	}
	scr_pay_payments(&a->pay, p, n);
	change = sale_change_due(p, n);
	ok = sale_pay(a->db, &a->sale, p, n, &t, &e);
	free(p);
	if (!ok) {
		flow_failed(a, "Not paid", &e);
		return;
	}
	show_done(a, &t, change);
	sale_issued_free(&t);
}

static void abandon_order(struct app *a)
{
	struct err e;

	if (!sale_abandon(a->db, &a->sale, &e)) {
		flow_failed(a, "Cannot abandon the order", &e);
		return;
	}
	new_sale(a, "Order abandoned; its seats are on sale again.");
}

/* ---- keys ---- */

static void seatmap_key(struct app *a, bool code, wint_t key)
{
	switch (scr_seatmap_do(&a->sm, scr_seatmap_key(&a->sm, code, key), key)) {
	case SM_CHANGE: change_seats(a); break;
	case SM_ORDER: to_order(a, VIEW_SEATMAP); break;
	case SM_RELOAD: a->dirty = true; break;
	case SM_BACK: a->view = VIEW_SECTIONS; break;
	case SM_KILL: flow_kill_take(a); break;
	case SM_UNKILL: flow_kill_release(a); break;
	default: break;
	}
}

static void order_key(struct app *a, bool code, wint_t key)
{
	switch (scr_order_do(&a->order, scr_order_key(&a->order, code, key), code, key)) {
	case ORDER_CONFIRM: place_order(a); break;
	case ORDER_BACK: order_back(a); break;
	default: break;
	}
}

static void pay_key(struct app *a, bool code, wint_t key)
{
	switch (scr_pay_do(&a->pay, scr_pay_key(&a->pay, code, key), code, key)) {
	case PAY_CONFIRM: pay_order(a); break;
	case PAY_ABANDON: abandon_order(a); break;
	default: break;
	}
}

static void done_key(struct app *a, bool code, wint_t key)
{
	switch (scr_done_do(&a->done, scr_done_key(&a->done, code, key))) {
	case DONE_NEXT:
		new_sale(a, a->done.print == DONE_PRINT_OK ? "Next customer."
			 : "Next customer. The last order is not printed: U on the events screen "
			   "prints it.");
		break;
	case DONE_QUIT: close_event(a, NULL); break;
	case DONE_RETRY: done_reprint(a, NULL); break;
	case DONE_PRINTERS:
		open_printers(a, a->done.print == DONE_PRINT_OK ? NULL
			      : "This order is not printed: choose a printer to print it there.");
		break;
	default: break;
	}
}

static void events_key(struct app *a, bool code, wint_t key)
{
	switch (scr_events_do(&a->ev, scr_events_key(&a->ev, code, key), key)) {
	case EV_OPEN: open_event(a); break;
	case EV_RELOAD: load_events(a); break;
	case EV_QUIT: a->quit = true; break;
	case EV_PRINTERS: open_printers(a, NULL); break;
	case EV_UNPRINTED: print_unprinted(a); break;
	case EV_STATS: open_stats(a); break;
	case EV_SETUP: flow_setup_open(a); break;
	case EV_SHIFT: flow_shift_open(a); break;
	case EV_FIND: flow_lookup_open(a); break;
	case EV_GATE: flow_gate_open(a); break;
	case EV_MONITOR: flow_monitor_open(a); break;
	case EV_PASSWORD: flow_password_open(a); break;
	default: break;
	}
}

static void ask_places_done(struct app *a)
{
	char *end;
	long n = strtol(a->ask_input, &end, 10);
	int left, most;

	places_left(a, a->ask_section, &left);
	most = left < ORDER_GA_MAX ? left : ORDER_GA_MAX;
	if (end == a->ask_input || *end != '\0' || n < 1 || n > most) {
		snprintf(a->ask_msg, sizeof a->ask_msg, "Type a number from 1 to %d.", most);
		a->ask_error = true;
		return;
	}
	a->ask = ASK_NONE;
	a->ga[a->ask_section] = (int)n;
	to_order(a, VIEW_SECTIONS);
}

static void ask_leave_yes(struct app *a)
{
	struct err e;

	a->ask = ASK_NONE;
	if (!sale_abandon(a->db, &a->sale, &e)) {
		flow_failed(a, "Cannot release the seats", &e);
		return;
	}
	close_event(a, "Seats released.");
}

static void ask_key(struct app *a, bool code, wint_t key)
{
	size_t len = strlen(a->ask_input);
	bool enter = (code && key == KEY_ENTER) || (!code && (key == '\r' || key == '\n'));

	if (!code && key == 27) {
		a->ask = ASK_NONE;
		return;
	}
	if (a->ask == ASK_EXCHANGE) {
		if (a->exch.due == 0 && enter) {
			a->ask = ASK_NONE;
			exchange_finish(a, NULL, 0, NULL);
		} else if (a->exch.due < 0 && !code && (key == 'c' || key == 'k')) {
			a->ask = ASK_NONE;
			exchange_finish(a, NULL, 0, key == 'c' ? "CASH" : "CARD");
		}
		return;
	}
	if (a->ask == ASK_LEAVE) {
		if (!code && (key == 'y' || key == 'Y'))
			ask_leave_yes(a);
		else if (!code && (key == 'n' || key == 'N'))
			a->ask = ASK_NONE;
		return;
	}
	if (enter)
		ask_places_done(a);
	else if (!code && key >= '0' && key <= '9' && len + 1 < 4) {
		a->ask_input[len] = (char)key;
		a->ask_input[len + 1] = '\0';
	} else if ((code && key == KEY_BACKSPACE) || (!code && (key == 127 || key == 8))) {
		if (len > 0)
			a->ask_input[len - 1] = '\0';
	}
}

void flow_key(struct app *a, bool code, wint_t key)
{
	if (a->ask != ASK_NONE) {
		ask_key(a, code, key);
		return;
	}
	switch (a->view) {
	case VIEW_EVENTS: events_key(a, code, key); break;
	case VIEW_SECTIONS: sections_key(a, code, key); break;
	case VIEW_SEATMAP: seatmap_key(a, code, key); break;
	case VIEW_ORDER: order_key(a, code, key); break;
	case VIEW_PAY: pay_key(a, code, key); break;
	case VIEW_DONE: done_key(a, code, key); break;
	case VIEW_PRINTERS: printers_key(a, code, key); break;
	case VIEW_STATS: stats_key(a, code, key); break;
	case VIEW_SETUP: flow_setup_key(a, code, key); break;
	case VIEW_SHIFT: flow_shift_key(a, code, key); break;
	case VIEW_LOOKUP: flow_lookup_key(a, code, key); break;
	case VIEW_GATE: flow_gate_key(a, code, key); break;
	case VIEW_MONITOR: flow_monitor_key(a, code, key); break;
	case VIEW_PASSWORD: flow_password_key(a, code, key); break;
	}
}

/* ---- live, countdowns, recovery ---- */

void flow_sync(struct app *a)
{
	char payload[DB_PAYLOAD_MAX];
	int r;

	/* Drain always, so the queue never fills while no event is open. */
	while ((r = db_notification(a->db, payload, sizeof payload)) != 0) {
		if (r < 0 || (a->open && strcmp(payload, a->event_id) == 0))
			a->dirty = true;
		if (a->stats_ready && (r < 0 || strcmp(payload, a->stats_event) == 0))
			a->stats_dirty = true;
		if (a->view == VIEW_SETUP)
			flow_setup_sync(a, r < 0 ? NULL : payload);
		if (a->view == VIEW_LOOKUP)
			flow_lookup_sync(a, r < 0 ? NULL : payload);
	}
	/* debounced: at most one re-read a second; flow_tick wakes the loop */
	if (a->stats_dirty && a->view == VIEW_STATS && ms_since(&a->stats_read) >= 1000)
		stats_read(a);
	if (a->dirty && a->open)
		refresh_map(a);
	a->dirty = false;
}

static void clock_text(long s, char *buf, size_t size)
{
	snprintf(buf, size, "hold %ld:%02ld", s / 60, s % 60);
}

bool flow_tick(struct app *a)
{
	time_t now = time(NULL);
	int mine = mine_count(a);
	long left = a->sale.hold_expires > 0 ? (long)(a->sale.hold_expires - now) : -1;
	char text[32];

	if (a->view == VIEW_STATS)
		return a->stats_dirty; /* a re-read waits for its second */
	if (!a->open)
		return false;
	if (a->sale.state == SALE_SELECTING && mine > 0 && left <= 0 && !a->hold_expired_seen) {
		/* Expired holds read as free: show it. No NOTIFY announces this. */
		a->hold_expired_seen = true;
		refresh_map(a);
		mine = mine_count(a);
	}
	if (a->sm_ready) {
		if (a->sale.state == SALE_SELECTING && mine > 0 && left > 0)
			clock_text(left, text, sizeof text);
		else
			snprintf(text, sizeof text, "%s", left <= 0 && a->hold_expired_seen ? "hold expired" : "");
		scr_seatmap_countdown(&a->sm, text[0] != '\0' ? text : NULL);
	}
	if (a->order_ready)
		scr_order_set_countdown(&a->order, mine > 0 ? (left > 0 ? left : 0) : -1);
	if (a->view == VIEW_PAY) {
		long pl = a->sale.order_expires > 0 ? (long)(a->sale.order_expires - now) : -1;
		scr_pay_set_countdown(&a->pay, pl < 0 && a->sale.order_expires > 0 ? 0 : pl);
		return pl > 0;
	}
	return (a->view == VIEW_SEATMAP || a->view == VIEW_ORDER) && mine > 0 && left > 0;
}

void flow_recovered(struct app *a)
{
	struct err e;

	db_listen(a->db, "boxoffice_event", &e); /* db_reconnect did; harmless twice */
	if (a->view == VIEW_STATS) {
		if (stats_read(a) && !a->lost)
			flow_say(a, "Reconnected.", false);
		return;
	}
	if (a->view == VIEW_MONITOR) {
		flow_monitor_recovered(a);
		return;
	}
	if (!a->open) {
		load_events(a);
		if (!a->lost)
			flow_say(a, "Reconnected.", false);
		return;
	}
	if (!sale_recover(a->db, &a->sale, &e)) {
		flow_failed(a, "Reconnected, but the sale could not be checked", &e);
		return;
	}
	refresh_map(a);
	if (a->lost)
		return;
	if (a->sale.state == SALE_PAID && a->view != VIEW_DONE &&
	    !(a->view == VIEW_PRINTERS && a->pr_back == VIEW_DONE)) {
		/* Paid just before the line went: the tickets exist, their
		 * tokens were not received (reprint them at the help desk). */
		show_done(a, NULL, scr_pay_change_due(&a->pay));
		scr_done_message(&a->done, "Reconnected: the order was paid and its tickets issued; "
				 "r prints them.", false);
		return;
	}
	if (a->sale.state == SALE_ORDERED && a->view == VIEW_ORDER) {
		to_pay(a); /* the order was made before the line went */
	} else if (a->sale.state == SALE_CLOSED) {
		new_sale(a, "Reconnected: the order had expired or was abandoned; start again.");
		return;
	}
	flow_say(a, "Reconnected; carry on.", false);
}

void flow_close(struct app *a)
{
	struct err e;

	if (a->open && !a->lost && (a->sale.state == SALE_ORDERED || mine_count(a) > 0 ||
				    a->sale.held > 0))
		sale_abandon(a->db, &a->sale, &e); /* best effort: holds expire anyway */
	free_event(a);
	stats_drop(a);
	flow_setup_free(a);
	flow_shift_free(a);
	flow_lookup_free(a);
	flow_password_free(a);
	flow_gate_free(a);
	flow_monitor_free(a);
	flow_exchange_drop(a);
	scr_events_free(&a->ev);
	events_free(&a->events);
	print_dests_free(&a->dests);
}

/* ---- drawing ---- */

static void draw_ask(struct app *a)
{
	int bw = 56, bh = 6, y = (LINES - bh) / 2, x = (COLS - bw) / 2;
	char line[64];

	if (a->ask == ASK_NONE || LINES < DRAW_MIN_LINES || COLS < DRAW_MIN_COLS)
		return;
	draw_box(stdscr, &a->style, y, x, bh, bw);
	wattrset(stdscr, A_BOLD);
	draw_text(stdscr, y + 1, x + 2, bw - 4,
		  a->ask == ASK_PLACES && a->ask_error ? "How many places?" : a->ask_msg, a->style.ascii);
	wattrset(stdscr, A_NORMAL);
	if (a->ask == ASK_PLACES) {
		snprintf(line, sizeof line, "> %s_", a->ask_input);
		draw_text(stdscr, y + 2, x + 2, bw - 4, line, a->style.ascii);
		if (a->ask_error)
			wattrset(stdscr, draw_attr(&a->style, ROLE_ERROR));
		draw_text(stdscr, y + 3, x + 2, bw - 4, a->ask_error ? a->ask_msg : "", a->style.ascii);
		wattrset(stdscr, A_NORMAL);
	}
	draw_text(stdscr, y + 4, x + 2, bw - 4,
		  a->ask == ASK_PLACES ? "Enter: confirm   Esc: cancel"
		  : a->ask == ASK_EXCHANGE ? (a->exch.due < 0 ? "c: in cash   k: to the card   Esc: back"
							     : "Enter: exchange   Esc: back")
		  : "y: yes   n, Esc: no",
		  a->style.ascii);
}

bool flow_draw(struct app *a)
{
	switch (a->view) {
	case VIEW_EVENTS:
		if (!scr_events_recalc(&a->ev, LINES, COLS))
			return false;
		scr_events_draw(&a->ev, stdscr);
		break;
	case VIEW_SECTIONS:
		if (!scr_sections_recalc(&a->sec, LINES, COLS))
			return false;
		scr_sections_draw(&a->sec, stdscr);
		break;
	case VIEW_SEATMAP:
		if (!scr_seatmap_recalc(&a->sm, LINES, COLS))
			return false;
		scr_seatmap_draw(&a->sm, stdscr);
		break;
	case VIEW_ORDER:
		scr_order_recalc(&a->order, LINES, COLS);
		scr_order_draw(&a->order, stdscr);
		break;
	case VIEW_PAY:
		scr_pay_recalc(&a->pay, LINES, COLS);
		scr_pay_draw(&a->pay, stdscr);
		break;
	case VIEW_DONE:
		scr_done_recalc(&a->done, LINES, COLS);
		scr_done_draw(&a->done, stdscr);
		break;
	case VIEW_PRINTERS:
		scr_printers_recalc(&a->pr, LINES, COLS);
		scr_printers_draw(&a->pr, stdscr);
		break;
	case VIEW_STATS:
		scr_stats_recalc(&a->stv, LINES, COLS);
		scr_stats_draw(&a->stv, stdscr);
		break;
	case VIEW_SETUP: flow_setup_draw(a); break;
	case VIEW_SHIFT: flow_shift_draw(a); break;
	case VIEW_LOOKUP: flow_lookup_draw(a); break;
	case VIEW_GATE: flow_gate_draw(a); break;
	case VIEW_MONITOR: flow_monitor_draw(a); break;
	case VIEW_PASSWORD: flow_password_draw(a); break;
	}
	draw_ask(a);
	return true;
}
