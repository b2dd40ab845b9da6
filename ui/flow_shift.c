/* flow_shift: the shift screen's database calls (src/shift.h) and printing
 * (src/shift_pdf.h). What a login may do is read from its grants when the
 * screen opens; the database still decides, and its refusals are shown in
 * its own words (own shift, a variance without a note, a report not yet
 * signed off). */
#include "app_int.h"

#include "money.h"
#include "shift_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct flow_shift *fs(struct app *a)
{
	return &a->shift;
}

static void drop_report(struct app *a)
{
	scr_shift_set_report(&fs(a)->scr, NULL);
	free(fs(a)->report);
	fs(a)->report = NULL;
}

/* The login's own shift; false when the call failed (and was said). */
static bool read_mine(struct app *a)
{
	struct shift_mine m;
	struct err e;

	if (!fs(a)->can_drawer)
		return true;
	if (!shift_mine(a->db, &m, &e)) {
		flow_failed(a, "Cannot read your shift", &e);
		return false;
	}
	scr_shift_set_mine(&fs(a)->scr, &m);
	return true;
}

/* The organisation's shifts (supervisors); the old list stays when it fails. */
static bool read_list(struct app *a)
{
	struct shift_list fresh;
	struct err e;

	if (!fs(a)->supervisor)
		return true;
	if (!shift_list_load(a->db, true, &fresh, &e)) {
		flow_failed(a, "Cannot list the shifts", &e);
		return false;
	}
	scr_shift_set_list(&fs(a)->scr, NULL);
	shift_list_free(&fs(a)->list);
	fs(a)->list = fresh;
	scr_shift_set_list(&fs(a)->scr, &fs(a)->list);
	return true;
}

/* The report of shift id, shown; the one on screen stays when it fails. */
static bool read_report(struct app *a, const char *id)
{
	struct shift_report *r = malloc(sizeof *r);
	struct err e;

	if (r == NULL) {
		flow_say(a, "Out of memory.", true);
		return false;
	}
	if (!shift_report_load(a->db, id, r, &e)) {
		free(r);
		flow_failed(a, NULL, &e); /* the database's words say why, and fill the line */
		return false;
	}
	scr_shift_set_report(&fs(a)->scr, NULL);
	free(fs(a)->report);
	fs(a)->report = r;
	scr_shift_set_report(&fs(a)->scr, r);
	return true;
}

void flow_shift_open(struct app *a)
{
	struct flow_shift *f = fs(a);
	char title[256];
	struct err e;

	flow_shift_free(a);
	if (!session_may(a->db, "open_shift(numeric)", &f->can_drawer, &e) ||
	    !session_may(a->db, "sign_off_shift(uuid,text)", &f->supervisor, &e)) {
		flow_failed(a, "Cannot open the shift screen", &e);
		return;
	}
	snprintf(title, sizeof title, "%s @ %s", a->session.login, a->session.org);
	scr_shift_init(&f->scr, &a->style, title, f->can_drawer, f->supervisor);
	/* said on the events screen when it fails: the shift screen is not shown yet */
	if (!read_mine(a) || !read_list(a)) {
		flow_shift_free(a);
		return;
	}
	f->ready = true;
	a->view = VIEW_SHIFT;
}

static void open_now(struct app *a)
{
	struct flow_shift *f = fs(a);
	char id[SHIFT_ID_SIZE], v[32], msg[160];
	int64_t c = scr_shift_float(&f->scr);
	struct err e;

	if (!shift_open(a->db, c, id, &e)) {
		flow_failed(a, "The shift was not opened", &e);
		return;
	}
	if (!read_mine(a) || !read_list(a))
		return;
	snprintf(msg, sizeof msg, "Your shift is open with a float of %s.", money_show(c, v, sizeof v));
	scr_shift_message(&f->scr, msg, false);
}

static void close_now(struct app *a)
{
	struct flow_shift *f = fs(a);
	struct shift_closed c;
	int64_t cash, card;
	struct err e;

	scr_shift_count(&f->scr, &cash, &card);
	if (!shift_close(a->db, cash, card, &c, &e)) {
		flow_failed(a, "The shift was not closed", &e);
		return;
	}
	scr_shift_set_closed(&f->scr, &c);
	if (!read_mine(a) || !read_list(a))
		return;
	scr_shift_message(&f->scr, "Shift closed. A supervisor signs it off.", false);
}

static void sign_now(struct app *a)
{
	struct flow_shift *f = fs(a);
	char at[SHIFT_TIME_SIZE], id[SHIFT_ID_SIZE];
	struct err e;

	if (f->report == NULL)
		return;
	snprintf(id, sizeof id, "%s", f->report->id);
	if (!shift_sign_off(a->db, id, scr_shift_note(&f->scr), at, &e)) {
		flow_failed(a, "Not signed off", &e);
		return;
	}
	scr_shift_signed(&f->scr);
	if (!read_report(a, id) || !read_list(a))
		return;
	scr_shift_message(&f->scr, "Signed off.", false);
}

static void print_now(struct app *a)
{
	struct flow_shift *f = fs(a);
	char printer[128], msg[480], why[400];
	int job = 0;
	struct err e;

	if (f->report == NULL)
		return;
	scr_shift_message(&f->scr, a->style.ascii ? "Printing the report..." : "Printing the report…",
			  false);
	app_redraw(a);
	err_clear(&e);
	if (shift_pdf_print(f->report, a->session.org, NULL, APP_PRINT_WAIT_MS, printer, sizeof printer,
			    &job, &e)) {
		snprintf(msg, sizeof msg, "Report printed on \"%s\" (job %d).", printer, job);
		scr_shift_message(&f->scr, msg, false);
		return;
	}
	flow_print_why(&e, why, sizeof why);
	snprintf(msg, sizeof msg, "Not printed: %s", why);
	scr_shift_message(&f->scr, msg, true);
}

static void reload(struct app *a)
{
	struct flow_shift *f = fs(a);
	char id[SHIFT_ID_SIZE] = "";

	if (f->report != NULL)
		snprintf(id, sizeof id, "%s", f->report->id);
	if (!read_mine(a) || !read_list(a) || (id[0] != '\0' && !read_report(a, id)))
		return;
	scr_shift_message(&f->scr, "Read again.", false);
}

void flow_shift_key(struct app *a, bool is_code, wint_t key)
{
	struct flow_shift *f = fs(a);
	const struct shift_row *row;

	if (!f->ready) {
		a->view = VIEW_EVENTS;
		return;
	}
	switch (scr_shift_do(&f->scr, scr_shift_key(&f->scr, is_code, key), is_code, key)) {
	case SH_OPEN: open_now(a); break;
	case SH_CLOSE: close_now(a); break;
	case SH_REPORT:
		if ((row = scr_shift_selected(&f->scr)) != NULL) {
			char id[SHIFT_ID_SIZE];

			snprintf(id, sizeof id, "%s", row->id);
			read_report(a, id);
		}
		break;
	case SH_SIGN: sign_now(a); break;
	case SH_PRINT: print_now(a); break;
	case SH_RELOAD: reload(a); break;
	case SH_BACK:
		flow_shift_free(a);
		a->view = VIEW_EVENTS;
		break;
	default:
		/* Esc on a report: the screen let it go */
		if (f->report != NULL && f->scr.report == NULL)
			drop_report(a);
		break;
	}
}

void flow_shift_draw(struct app *a)
{
	if (!fs(a)->ready)
		return;
	scr_shift_recalc(&fs(a)->scr, LINES, COLS);
	scr_shift_draw(&fs(a)->scr, stdscr);
}

void flow_shift_message(struct app *a, const char *msg, bool error)
{
	if (fs(a)->ready)
		scr_shift_message(&fs(a)->scr, msg, error);
}

void flow_shift_free(struct app *a)
{
	struct flow_shift *f = fs(a);

	free(f->report);
	f->report = NULL;
	shift_list_free(&f->list);
	if (f->ready) {
		scr_shift_set_report(&f->scr, NULL);
		scr_shift_set_list(&f->scr, NULL);
	}
	f->ready = false;
}
