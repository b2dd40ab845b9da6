/* flow_setup: event set-up in the terminal (issue 6) — the database side of
 * ui/scr_setup.c. The screen checks what is typed and hands over SU_APP_*
 * commands; each is one call of src/setup.h here, then a re-read, so what
 * the screen shows is always what the database holds. A refusal leaves the
 * form open with the database's words under it, and nothing re-read: the
 * table shows what was there before. */
#include "app_int.h"

#include "money.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The database names events by id in its refusals ("event 3f2a… has no
 * price in any section on sale"); people know them by title. */
static void name_event(struct err *e, const char *id, const char *title)
{
	char out[sizeof e->msg + 256];
	const char *hit;

	if (id == NULL || id[0] == '\0' || title == NULL || (hit = strstr(e->msg, id)) == NULL)
		return;
	snprintf(out, sizeof out, "%.*s\"%.200s\"%s", (int)(hit - e->msg), e->msg, title,
		 hit + strlen(id));
	draw_copy(e->msg, sizeof e->msg, out);
}

static void failed(struct app *a, const char *what, const struct err *e)
{
	struct flow_setup *fs = &a->setup;
	struct err named = *e;

	if (fs->have_detail)
		name_event(&named, fs->detail.event.id, fs->detail.event.title);
	flow_failed(a, what, &named);
}

static void say(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct app *a, bool error, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	scr_setup_message(&a->setup.scr, msg, error);
}

/* ---- reading ---- */

/* The list again; the cursor goes to select (NULL: stays where it was). */
static bool read_events(struct app *a, const char *select)
{
	struct flow_setup *fs = &a->setup;
	struct setup_events fresh;
	struct err e;

	if (!setup_events_load(a->db, &fresh, &e)) {
		failed(a, "Cannot read the events", &e);
		return false;
	}
	setup_events_free(&fs->events);
	fs->events = fresh;
	scr_setup_set_events(&fs->scr, &fs->events, select);
	return true;
}

/* The event shown, again (after a change, a NOTIFY, r). */
static bool read_detail(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	struct setup_detail fresh;
	char id[SETUP_ID_SIZE];
	struct err e;

	if (!fs->have_detail)
		return false;
	snprintf(id, sizeof id, "%s", fs->detail.event.id);
	if (!setup_detail_load(a->db, id, &fresh, &e)) {
		failed(a, "Cannot read the event", &e);
		return false;
	}
	setup_detail_free(&fs->detail);
	fs->detail = fresh;
	scr_setup_set_detail(&fs->scr, &fs->detail);
	return true;
}

static bool open_event(struct app *a, const char *id)
{
	struct flow_setup *fs = &a->setup;
	struct setup_detail fresh;
	struct err e;

	if (!setup_detail_load(a->db, id, &fresh, &e)) {
		failed(a, "Cannot open the event", &e);
		return false;
	}
	if (fs->have_detail)
		setup_detail_free(&fs->detail);
	fs->detail = fresh;
	fs->have_detail = true;
	scr_setup_open_event(&fs->scr, &fs->detail);
	return true;
}

static void back_to_list(struct app *a)
{
	struct flow_setup *fs = &a->setup;

	scr_setup_to_list(&fs->scr);
	if (fs->have_detail)
		setup_detail_free(&fs->detail);
	fs->have_detail = false;
	if (read_events(a, NULL))
		say(a, false, "%zu event%s.", fs->events.n, fs->events.n == 1 ? "" : "s");
}

/* ---- the calls ---- */

static void new_event(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	struct setup_venues fresh;
	struct err e;

	if (!setup_venues_load(a->db, &fresh, &e)) {
		failed(a, "Cannot read the venues", &e);
		return;
	}
	setup_venues_free(&fs->venues);
	fs->venues = fresh;
	fs->have_venues = true;
	scr_setup_set_venues(&fs->scr, &fs->venues);
	scr_setup_new_form(&fs->scr);
}

static void create(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	const struct setup_venue *v;
	const char *title;
	char id[SETUP_ID_SIZE], venue[256];
	time_t start;
	struct err e;

	scr_setup_new_values(&fs->scr, &v, &title, &start);
	if (v == NULL)
		return;
	draw_copy(venue, sizeof venue, v->name);
	if (!setup_create(a->db, v->id, title, start, false, id, &e)) {
		failed(a, "The event was not created", &e);
		return;
	}
	scr_setup_form_done(&fs->scr);
	if (!read_events(a, id) || !open_event(a, id))
		return;
	say(a, false, "Draft created on %s: Space turns sections on or off, t sets prices, then "
	    "p publishes.", venue);
}

static void change_section(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	const struct setup_section *sec = scr_setup_current_section(&fs->scr);
	bool active, capacity_form = fs->scr.form == SU_FORM_CAPACITY;
	char id[SETUP_ID_SIZE], name[256];
	struct setup_section r;
	struct err e;
	int cap;

	if (sec == NULL || !fs->have_detail)
		return;
	snprintf(id, sizeof id, "%s", sec->id);
	draw_copy(name, sizeof name, sec->name);
	scr_setup_section_values(&fs->scr, &active, &cap);
	if (!setup_section(a->db, fs->detail.event.id, id, active, cap, &r, &e)) {
		failed(a, capacity_form ? "Capacity not changed" : active ? "Not put on sale"
		       : "Not taken off sale", &e);
		return;
	}
	scr_setup_form_done(&fs->scr);
	read_detail(a);
	if (capacity_form)
		say(a, false, "%s: capacity %d for this event%s.", name, r.capacity,
		    cap < 0 ? " (the venue's)" : "");
	else
		say(a, false, r.active ? "%s is on sale for this event." :
		    "%s is no longer on sale for this event.", name);
}

static void save_tier(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	const struct setup_section *sec = scr_setup_current_section(&fs->scr);
	const struct setup_tier *old = NULL;
	char sid[SETUP_ID_SIZE], tid[SETUP_ID_SIZE], sname[256], p[32], f[32], was[32];
	const char *name;
	int64_t price, fee, old_price = 0;
	int sold = 0;
	struct err e;

	if (sec == NULL || !fs->have_detail)
		return;
	scr_setup_tier_values(&fs->scr, &name, &price, &fee);
	/* the tier of that name, if any: set_tier changes it (its tickets keep their price) */
	for (size_t i = 0; i < fs->detail.ntiers; i++)
		if (strcmp(fs->detail.tiers[i].section_id, sec->id) == 0 &&
		    strcmp(fs->detail.tiers[i].name, name) == 0)
			old = &fs->detail.tiers[i];
	if (old != NULL) {
		old_price = old->price;
		sold = old->sold;
	}
	snprintf(sid, sizeof sid, "%s", sec->id);
	draw_copy(sname, sizeof sname, sec->name);
	if (!setup_tier(a->db, fs->detail.event.id, sid, name, price, fee, tid, &e)) {
		failed(a, "Price not saved", &e);
		return;
	}
	scr_setup_form_done(&fs->scr);
	money_show(price, p, sizeof p);
	money_show(fee, f, sizeof f);
	money_show(old_price, was, sizeof was);
	if (old != NULL && old_price != price && sold > 0)
		say(a, false, "%s in %s: now %s + fee %s. The %d ticket%s already sold keep%s the "
		    "price paid (%s).", name, sname, p, f, sold, sold == 1 ? "" : "s",
		    sold == 1 ? "s" : "", was);
	else if (old != NULL)
		say(a, false, "%s in %s: now %s + fee %s.", name, sname, p, f);
	else
		say(a, false, "%s in %s: %s + fee %s.", name, sname, p, f);
	if (read_detail(a))
		scr_setup_select_tier(&fs->scr, tid);
}

static void delete_tier(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	const struct setup_tier *t = scr_setup_current_tier(&fs->scr);
	const struct setup_section *sec = scr_setup_current_section(&fs->scr);
	char id[SETUP_ID_SIZE], name[256], sname[256];
	struct err e;

	if (t == NULL || sec == NULL)
		return;
	snprintf(id, sizeof id, "%s", t->id);
	draw_copy(name, sizeof name, t->name);
	draw_copy(sname, sizeof sname, sec->name);
	if (!setup_delete_tier(a->db, id, &e)) {
		failed(a, "Not deleted", &e);
		return;
	}
	if (read_detail(a))
		say(a, false, "The price tier %s of %s is deleted.", name, sname);
}

static void change_status(struct app *a, bool publish)
{
	struct flow_setup *fs = &a->setup;
	enum setup_status before, after;
	char title[256];
	struct err e;
	bool ok;

	if (!fs->have_detail)
		return;
	before = fs->detail.event.status;
	draw_copy(title, sizeof title, fs->detail.event.title);
	ok = publish ? setup_publish(a->db, fs->detail.event.id, &after, &e)
		     : setup_close(a->db, fs->detail.event.id, &after, &e);
	if (!ok) {
		failed(a, publish ? "Not published" : "Sales not closed", &e);
		return;
	}
	if (!read_detail(a))
		return;
	if (publish && before == SETUP_PUBLISHED)
		say(a, false, "%s is already on sale.", title);
	else if (publish)
		say(a, false, "Published: %s is on sale now. Esc, Esc: the events screen lists it "
		    "for selling.", title);
	else
		say(a, false, "Sales closed for %s: nothing more is sold.", title);
}

static void reload(struct app *a)
{
	struct flow_setup *fs = &a->setup;

	if (fs->have_detail ? read_detail(a) : read_events(a, NULL))
		say(a, false, "Read again.");
}

/* ---- the app's side ---- */

void flow_setup_open(struct app *a)
{
	struct flow_setup *fs = &a->setup;
	const struct event *ev = scr_events_current(&a->ev);
	struct err e;

	if (!a->can_setup) {
		flow_say(a, "Event set-up is for supervisors: your login may not change events.", true);
		return;
	}
	flow_setup_free(a);
	scr_setup_init(&fs->scr, &a->style, a->session.login, a->session.org);
	if (!setup_events_load(a->db, &fs->events, &e)) {
		flow_failed(a, "Cannot open event set-up", &e); /* said on the events screen */
		return;
	}
	fs->ready = true;
	scr_setup_set_events(&fs->scr, &fs->events, ev != NULL ? ev->id : NULL);
	a->view = VIEW_SETUP;
	say(a, false, "%zu event%s: Enter opens one, n makes a new one.", fs->events.n,
	    fs->events.n == 1 ? "" : "s");
}

void flow_setup_key(struct app *a, bool is_code, wint_t key)
{
	struct flow_setup *fs = &a->setup;

	if (!fs->ready) {
		flow_to_events(a, NULL);
		return;
	}
	switch (scr_setup_do(&fs->scr, scr_setup_key(&fs->scr, is_code, key), is_code, key)) {
	case SU_APP_LEAVE:
		flow_setup_free(a);
		flow_to_events(a, NULL); /* read again: an event published here is listed */
		break;
	case SU_APP_OPEN: {
		const struct setup_event *ev = scr_setup_current_event(&fs->scr);
		char id[SETUP_ID_SIZE];

		if (ev != NULL) {
			snprintf(id, sizeof id, "%s", ev->id);
			open_event(a, id);
		}
		break;
	}
	case SU_APP_LIST: back_to_list(a); break;
	case SU_APP_VENUES: new_event(a); break;
	case SU_APP_CREATE: create(a); break;
	case SU_APP_SECTION: change_section(a); break;
	case SU_APP_TIER: save_tier(a); break;
	case SU_APP_DELETE: delete_tier(a); break;
	case SU_APP_PUBLISH: change_status(a, true); break;
	case SU_APP_CLOSE: change_status(a, false); break;
	case SU_APP_RELOAD: reload(a); break;
	default: break;
	}
}

void flow_setup_sync(struct app *a, const char *event_id)
{
	struct flow_setup *fs = &a->setup;

	/* sold and held follow the clerks' sales; NULL: notifications were lost */
	if (fs->ready && fs->have_detail &&
	    (event_id == NULL || strcmp(event_id, fs->detail.event.id) == 0))
		read_detail(a);
}

void flow_setup_draw(struct app *a)
{
	struct flow_setup *fs = &a->setup;

	if (!fs->ready)
		return;
	scr_setup_recalc(&fs->scr, LINES, COLS);
	scr_setup_draw(&fs->scr, stdscr);
}

void flow_setup_message(struct app *a, const char *msg, bool error)
{
	if (a->setup.ready)
		scr_setup_message(&a->setup.scr, msg, error);
}

void flow_setup_free(struct app *a)
{
	struct flow_setup *fs = &a->setup;

	setup_events_free(&fs->events);
	setup_venues_free(&fs->venues);
	if (fs->have_detail)
		setup_detail_free(&fs->detail);
	fs->have_detail = fs->have_venues = false;
	fs->ready = false;
}
