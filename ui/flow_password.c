/* flow_password: the change behind the form (src/password.h), and the warning.
 * What was typed is wiped as soon as the form is left or the change is made. */
#include "app_int.h"

#include "password.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void flow_password_expiry(struct app *a)
{
	char msg[200];
	time_t until;
	struct err e;

	if (!password_expiry(a->db, &until, &e)) {
		app_lost(a, &e); /* otherwise no warning is better than a wrong one */
		return;
	}
	/* the warning takes the status line from a passing remark ("3 events."), not from an error */
	if (password_warning(until, time(NULL), msg, sizeof msg) && !a->ev.status_error)
		scr_events_message(&a->ev, NULL, false);
	scr_events_set_warning(&a->ev, msg);
}

void flow_password_open(struct app *a)
{
	struct flow_password *f = &a->password;
	char title[256], msg[200] = "";
	time_t until = 0;
	struct err e;

	flow_password_free(a);
	if (password_expiry(a->db, &until, &e))
		password_warning(until, time(NULL), msg, sizeof msg);
	else if (app_lost(a, &e))
		return;
	snprintf(title, sizeof title, "%s @ %s", a->session.login, a->session.org);
	scr_password_init(&f->scr, &a->style, title, a->session.login, msg);
	f->ready = true;
	a->view = VIEW_PASSWORD;
}

static void change_now(struct app *a)
{
	struct scr_password *s = &a->password.scr;
	char msg[300], day[64];
	time_t until;
	struct tm tm;
	struct err e;

	scr_password_message(s, a->style.ascii ? "Changing the password..." : "Changing the password…", false);
	app_redraw(a);
	if (!password_change(a->db, a->session.login, scr_password_current(s), scr_password_new(s), &until,
			     &e)) {
		if (e.code == ERR_CONNECT && app_lost(a, &e)) {
			scr_password_wipe(s);
			return;
		}
		/* a wrong current password: only that one is typed again */
		scr_password_failed(s, strstr(e.msg, "current password") != NULL, e.msg);
		return;
	}
	if (until != 0 && localtime_r(&until, &tm) != NULL &&
	    strftime(day, sizeof day, "%a %d %b %Y %H:%M", &tm) > 0)
		snprintf(msg, sizeof msg, "Password changed. The new one lasts until %s.", day);
	else
		snprintf(msg, sizeof msg, "Password changed.");
	scr_password_changed(s, msg);
	scr_events_set_warning(&a->ev, NULL);
}

void flow_password_key(struct app *a, bool is_code, wint_t key)
{
	struct flow_password *f = &a->password;

	if (!f->ready) {
		a->view = VIEW_EVENTS;
		return;
	}
	switch (scr_password_do(&f->scr, scr_password_key(&f->scr, is_code, key), is_code, key)) {
	case PW_SUBMIT:
		change_now(a);
		break;
	case PW_BACK: {
		bool changed = f->scr.changed;

		flow_password_free(a);
		a->view = VIEW_EVENTS;
		scr_events_message(&a->ev, changed ? "Password changed." : "Password not changed.", false);
		flow_password_expiry(a);
		break;
	}
	default:
		break;
	}
}

void flow_password_draw(struct app *a)
{
	if (!a->password.ready)
		return;
	scr_password_recalc(&a->password.scr, LINES, COLS);
	scr_password_draw(&a->password.scr, stdscr);
}

void flow_password_message(struct app *a, const char *msg, bool error)
{
	if (a->password.ready)
		scr_password_message(&a->password.scr, msg, error);
}

void flow_password_free(struct app *a)
{
	if (a->password.ready)
		scr_password_wipe(&a->password.scr);
	a->password.ready = false;
}
