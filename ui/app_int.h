/* app_int: the terminal UI's state, shared by app.c (curses, the main loop,
 * signals, the lost connection) and flow.c (the clerk's sale: which screen
 * shows, and every database call behind it). Screens never call the
 * database; these two files do, through src/ modules only. */
#ifndef BOXOFFICE_APP_INT_H
#define BOXOFFICE_APP_INT_H

#include "db.h"
#include "draw.h"
#include "err.h"
#include "events.h"
#include "flow_gate.h"
#include "flow_lookup.h"
#include "flow_monitor.h"
#include "flow_password.h"
#include "flow_setup.h"
#include "flow_shift.h"
#include "kills.h"
#include "print.h"
#include "sale.h"
#include "scr_done.h"
#include "scr_events.h"
#include "scr_order.h"
#include "scr_pay.h"
#include "scr_printers.h"
#include "scr_seatmap.h"
#include "scr_sections.h"
#include "scr_stats.h"
#include "seatmap.h"
#include "session.h"
#include "stats.h"

#include <stdbool.h>
#include <time.h>
#include <wchar.h>

/* Defaults; BOXOFFICE_HOLD_MINUTES and BOXOFFICE_PAY_MINUTES (1-120) change them. */
#define APP_HOLD_MINUTES 10
#define APP_PAY_MINUTES 10
/* Reconnect attempts after a lost connection before asking the clerk. */
#define APP_RECONNECT_TRIES 5

enum app_view { VIEW_EVENTS, VIEW_SECTIONS, VIEW_SEATMAP, VIEW_ORDER, VIEW_PAY, VIEW_DONE,
		VIEW_PRINTERS, VIEW_STATS, VIEW_SETUP, VIEW_SHIFT,
		VIEW_LOOKUP, VIEW_GATE, VIEW_PASSWORD, VIEW_MONITOR };

/* How long the done screen follows a print job before giving up (ms). */
#define APP_PRINT_WAIT_MS 10000

/* A question drawn over the screen; keys go to it while it is open. */
enum app_ask { ASK_NONE, ASK_PLACES, ASK_LEAVE, ASK_EXCHANGE };

struct app {
	struct db *db;
	struct ui_style style;
	struct session session;
	bool can_comp;                /* a supervisor: comp tenders offered */
	bool can_sell;                /* the grants allow holding seats (not help desk) */
	bool can_setup;               /* the grants allow event set-up (supervisors) */
	bool can_kill;                /* the grants allow taking seats off sale (supervisors) */
	bool can_monitor;             /* the grants allow the monitoring functions (supervisors) */
	int hold_minutes, pay_minutes;
	enum app_view view;
	struct event_list events;
	struct scr_events ev;
	/* The open event (open is true): */
	bool open;
	char event_id[EVENT_ID_SIZE];
	char title[256];              /* "The Tempest · Fri 27 Nov 19:30" */
	struct tier_list tiers;
	struct seatmap map;           /* the whole venue, states seen from sale.id */
	struct kills kills;           /* why seats are off sale (read for supervisors only) */
	struct scr_sections sec;
	struct scr_seatmap sm;
	bool sm_ready;                /* sm initialised: a seat map was opened */
	int *ga;                      /* owned: GA places wanted, per map section */
	enum app_view order_back;     /* where Esc on the order screen goes */
	struct sale sale;
	struct scr_order order;
	bool order_ready;
	struct scr_pay pay;
	struct scr_done done;
	bool done_ready;
	char (*done_ids)[37];         /* owned: the done screen's ticket ids, for r and p */
	size_t done_nids;
	/* The printer screen (any view can open it; Esc goes back): */
	struct scr_printers pr;
	struct print_dests dests;     /* what the print server listed */
	enum app_view pr_back;
	bool hold_expired_seen;       /* the countdown reached 0 and the map was re-read */
	/* The statistics screen (S on the events screen; Esc goes back): */
	bool can_refresh;             /* the login may call refresh_stats (supervisors) */
	bool stats_ready;             /* stats holds figures of stats_event */
	char stats_event[EVENT_ID_SIZE];
	struct stats stats;
	struct scr_stats stv;
	bool stats_dirty;             /* a NOTIFY for stats_event: re-read (at most once a second) */
	struct timespec stats_read;   /* CLOCK_MONOTONIC of the last read */
	/* Event set-up (E on the events screen; ui/flow_setup.c): */
	struct flow_setup setup;
	/* The login's shift and cash drawer (C on the events screen; ui/flow_shift.c): */
	struct flow_shift shift;
	/* Finding attendees: tickets, reprints, cancellations (F; ui/flow_lookup.c): */
	struct flow_lookup lookup;
	/* An exchange under way (x on a ticket in the lookup): the next sale's seats
	 * replace these tickets, paid partly with their worth (ui/flow.c). */
	struct {
		bool on;
		char (*ids)[UUID_LEN];        /* owned: the tickets given back */
		size_t n;
		int64_t worth;                /* cents, refund_worth() */
		char reason[256];
		int64_t due;                  /* cents: > 0 to pay, < 0 to hand back */
	} exch;
	/* Gate validation mode (G; ui/flow_gate.c): */
	struct flow_gate gate;
	/* The database's health (M, supervisors; ui/flow_monitor.c): */
	struct flow_monitor monitor;
	/* The login's own password (W; ui/flow_password.c): */
	struct flow_password password;
	/* The question over the screen: */
	enum app_ask ask;
	int ask_section;
	char ask_input[8];
	char ask_msg[200];
	bool ask_error;
	/* Live updates and the connection: */
	bool dirty;                   /* re-read the map before the next draw */
	bool lost;                    /* the connection is gone: reconnecting */
	int tries;                    /* reconnect attempts made */
	struct timespec next_try;     /* when to try again; tv_sec 0: wait for 'r' */
	char lost_msg[320];
	bool quit;
	SCREEN *screen;
};

/* ---- app.c ---- */

/* A call failed with e: when the connection is gone (ERR_CONNECT), starts
 * reconnecting and returns true; the caller stops what it was doing. */
bool app_lost(struct app *a, const struct err *e);
/* Draws the screen now, before a call that blocks (printing). */
void app_redraw(struct app *a);

/* ---- flow.c ---- */

/* After curses started: the events screen with the events loaded. */
void flow_start(struct app *a);
/* One key for the screen (or the question) in front. */
void flow_key(struct app *a, bool is_code, wint_t key);
/* Takes what LISTEN delivered; re-reads the map when this event changed. */
void flow_sync(struct app *a);
/* Updates the visible countdown; true while one is visible (the loop then
 * wakes each second). */
bool flow_tick(struct app *a);
/* Recalc and draw the screen in front (and the question) into stdscr. */
bool flow_draw(struct app *a);
/* After a reconnect: where the sale stands, a fresh map, carry on. */
void flow_recovered(struct app *a);
/* Quitting: lets held seats go and abandons a pending order (best effort,
 * when connected), then frees everything. */
void flow_close(struct app *a);
/* The message line of the screen in front. */
void flow_say(struct app *a, const char *msg, bool error);
/* A failed call: reconnects when the connection is gone (and returns), else
 * says "what: why" on the screen in front. */
void flow_failed(struct app *a, const char *what, const struct err *e);
/* Starts an exchange of valid tickets of one order (reason given): the
 * clerk then picks the new performance and seats as for a sale. */
void flow_exchange_start(struct app *a, const char *const *ids, size_t n, const char *reason);
/* Drops an exchange under way (nothing was changed in the database yet). */
void flow_exchange_drop(struct app *a);
/* Back to the events screen, the list read again (after set-up changed it). */
void flow_to_events(struct app *a, const char *msg);
/* Why nothing printed, in words ("no printer at all" said plainly). */
void flow_print_why(const struct err *e, char *out, size_t size);
/* A printing call failed with ERR_CONNECT: true (and reconnecting) when it was
 * the database that went, not the print server. */
bool flow_print_lost_db(struct app *a, const struct err *e);

/* ---- flow_kill.c: seats off sale on the seat map (supervisors) ---- */

/* The seat map opens: x, X and selling seats off sale offered by the grants,
 * and the reasons read. */
void flow_kill_open(struct app *a);
/* Reads why seats are off sale again (supervisors with a seat map open);
 * the old list stays when that fails. */
void flow_kill_reasons(struct app *a);
/* SM_KILL: the request's seats off sale for its reason (the sale's own
 * seats among them let go in the same transaction). */
void flow_kill_take(struct app *a);
/* SM_UNKILL: the request's seats back on sale. */
void flow_kill_release(struct app *a);
/* The event closes. */
void flow_kill_free(struct app *a);

#endif
