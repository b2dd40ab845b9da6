/* flow_monitor: the monitoring screen's database calls (src/health.h). Whether M is
 * offered comes from the grants (app.c); the database still decides, and a refusal
 * or a lost connection is said in words on the screen in front. */
#include "app_int.h"

#include "scr_stats.h"

#include <stdio.h>
#include <string.h>

static struct flow_monitor *fm(struct app *a)
{
	return &a->monitor;
}

/* Reads the figures; those on screen stay when it fails (said by flow_failed). */
static bool read_health(struct app *a, const char *what)
{
	struct health fresh;
	struct err e;

	if (!health_load(a->db, &fresh, &e)) {
		flow_failed(a, what, &e);
		return false;
	}
	scr_monitor_set(&fm(a)->scr, NULL);
	if (fm(a)->ready)
		health_free(&fm(a)->h);
	fm(a)->h = fresh;
	fm(a)->ready = true;
	scr_monitor_set(&fm(a)->scr, &fm(a)->h);
	return true;
}

static void say_read(struct app *a, const char *how)
{
	char clock[32], msg[200];

	snprintf(msg, sizeof msg, "%s at %s.%s", how,
		 scr_stats_clock(fm(a)->h.as_of, clock, sizeof clock),
		 fm(a)->h.conn.alert ? " The connections are over 80%." : "");
	scr_monitor_message(&fm(a)->scr, msg, fm(a)->h.conn.alert);
}

void flow_monitor_open(struct app *a)
{
	if (!a->can_monitor) {
		flow_say(a, "Monitoring is for supervisors.", true);
		return;
	}
	flow_monitor_free(a);
	scr_monitor_init(&fm(a)->scr, &a->style);
	if (!read_health(a, "Cannot read the database's health"))
		return;
	a->view = VIEW_MONITOR;
	say_read(a, "Read");
}

void flow_monitor_key(struct app *a, bool is_code, wint_t key)
{
	switch (scr_monitor_do(&fm(a)->scr, scr_monitor_key(&fm(a)->scr, is_code, key))) {
	case MON_REFRESH:
		if (read_health(a, "Cannot read the figures again"))
			say_read(a, "Read again");
		break;
	case MON_BACK:
		flow_monitor_free(a);
		a->view = VIEW_EVENTS;
		break;
	default: break;
	}
}

void flow_monitor_draw(struct app *a)
{
	scr_monitor_recalc(&fm(a)->scr, LINES, COLS);
	scr_monitor_draw(&fm(a)->scr, stdscr);
}

void flow_monitor_message(struct app *a, const char *msg, bool error)
{
	scr_monitor_message(&fm(a)->scr, msg, error);
}

void flow_monitor_recovered(struct app *a)
{
	if (read_health(a, "Reconnected, but the figures could not be read") && !a->lost)
		say_read(a, "Reconnected; read again");
}

void flow_monitor_free(struct app *a)
{
	scr_monitor_set(&fm(a)->scr, NULL);
	if (fm(a)->ready)
		health_free(&fm(a)->h);
	fm(a)->ready = false;
}
