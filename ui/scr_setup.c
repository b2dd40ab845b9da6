/* scr_setup: events for set-up, one event's sections and prices, their forms. */
#include "scr_setup.h"

#include "events.h"
#include "money.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

/* Rows around the list: title, headings; two message rows and the key bar. */
#define LIST_CHROME 5
/* The event: title, status line, section headings above; messages and keys below. */
#define SEC_Y 3

struct key_binding {
	bool is_code;
	wint_t key;
	enum su_cmd cmd;
};

static const struct key_binding keys_move[] = {
	{ true, KEY_UP, SU_UP }, { false, 'k', SU_UP }, { true, KEY_DOWN, SU_DOWN }, { false, 'j', SU_DOWN },
	{ true, KEY_PPAGE, SU_PGUP }, { true, KEY_NPAGE, SU_PGDN },
	{ true, KEY_HOME, SU_HOME }, { false, 'g', SU_HOME }, { true, KEY_END, SU_END }, { false, 'G', SU_END },
	{ true, KEY_ENTER, SU_ENTER }, { false, '\r', SU_ENTER }, { false, '\n', SU_ENTER },
	{ false, 'r', SU_RELOAD }, { false, CTRL('r'), SU_RELOAD }, { true, KEY_F(5), SU_RELOAD },
	{ false, 27, SU_BACK }, { false, 'q', SU_BACK },
	{ false, '?', SU_HELP }, { true, KEY_F(1), SU_HELP },
};

static const struct key_binding keys_list[] = {
	{ false, 'n', SU_NEW }, { false, 'N', SU_NEW },
};

static const struct key_binding keys_event[] = {
	{ false, '\t', SU_FOCUS }, { true, KEY_BTAB, SU_FOCUS },
	{ false, ' ', SU_TOGGLE }, { false, 'c', SU_CAPACITY }, { false, 't', SU_TIER },
	{ false, 'd', SU_DELETE }, { true, KEY_DC, SU_DELETE },
	{ false, 'p', SU_PUBLISH }, { false, 'x', SU_CLOSE },
};

static const struct key_binding keys_form[] = {
	{ false, '\t', SU_NEXT_FIELD }, { true, KEY_DOWN, SU_NEXT_FIELD },
	{ true, KEY_BTAB, SU_PREV_FIELD }, { true, KEY_UP, SU_PREV_FIELD },
	{ true, KEY_ENTER, SU_SUBMIT }, { false, '\r', SU_SUBMIT }, { false, '\n', SU_SUBMIT },
	{ false, 27, SU_CANCEL }, { true, KEY_F(1), SU_HELP },
};

static const struct key_binding keys_venue[] = {
	{ true, KEY_LEFT, SU_PICK_PREV }, { true, KEY_RIGHT, SU_PICK_NEXT }, { false, ' ', SU_PICK_NEXT },
};

static const struct key_binding keys_ask[] = {
	{ false, 'y', SU_YES }, { false, 'Y', SU_YES },
	{ false, 'n', SU_CANCEL }, { false, 'N', SU_CANCEL }, { false, 27, SU_CANCEL },
};

#define LOOKUP(t, c, k) lookup((t), sizeof(t) / sizeof((t)[0]), (c), (k))

static enum su_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return SU_NONE;
}

void scr_setup_init(struct scr_setup *s, const struct ui_style *st, const char *login,
		    const char *org)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->login, sizeof s->login, "%s", login != NULL ? login : "");
	draw_copy(s->org, sizeof s->org, org);
	s->req_capacity = -1;
}

void scr_setup_message(struct scr_setup *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

/* ---- what is under the cursors ---- */

const struct setup_event *scr_setup_current_event(const struct scr_setup *s)
{
	if (s->events == NULL || s->ev_cursor >= s->events->n)
		return NULL;
	return &s->events->items[s->ev_cursor];
}

const struct setup_section *scr_setup_current_section(const struct scr_setup *s)
{
	if (s->view != SU_VIEW_EVENT || s->detail == NULL || s->sec_cursor >= s->detail->nsections)
		return NULL;
	return &s->detail->sections[s->sec_cursor];
}

/* The tiers of the current section: how many, and the i-th. */
static size_t tiers_here(const struct scr_setup *s)
{
	const struct setup_section *sec = scr_setup_current_section(s);

	return sec != NULL ? setup_tiers_of(s->detail, sec->id, NULL, 0) : 0;
}

static const struct setup_tier *tier_at(const struct scr_setup *s, size_t i)
{
	const struct setup_section *sec = scr_setup_current_section(s);

	for (size_t k = 0, n = 0; sec != NULL && k < s->detail->ntiers; k++) {
		if (strcmp(s->detail->tiers[k].section_id, sec->id) != 0)
			continue;
		if (n++ == i)
			return &s->detail->tiers[k];
	}
	return NULL;
}

const struct setup_tier *scr_setup_current_tier(const struct scr_setup *s)
{
	return tier_at(s, s->tier_cursor);
}

/* Cursors are kept as ids, so a re-read (a NOTIFY, another change) leaves
 * them on the same event, section and tier. */
static void remember(struct scr_setup *s)
{
	const struct setup_event *ev = scr_setup_current_event(s);
	const struct setup_section *sec = scr_setup_current_section(s);
	const struct setup_tier *t = scr_setup_current_tier(s);

	snprintf(s->cur_event, sizeof s->cur_event, "%s", ev != NULL ? ev->id : "");
	snprintf(s->cur_section, sizeof s->cur_section, "%s", sec != NULL ? sec->id : "");
	snprintf(s->cur_tier, sizeof s->cur_tier, "%s", t != NULL ? t->id : "");
}

void scr_setup_set_events(struct scr_setup *s, const struct setup_events *l, const char *id)
{
	const struct setup_event *ev;
	char want[SETUP_ID_SIZE];

	snprintf(want, sizeof want, "%s", id != NULL ? id : s->cur_event);
	s->events = l;
	s->ev_cursor = 0;
	for (size_t i = 0; l != NULL && want[0] != '\0' && i < l->n; i++)
		if (strcmp(l->items[i].id, want) == 0)
			s->ev_cursor = i;
	ev = scr_setup_current_event(s);
	snprintf(s->cur_event, sizeof s->cur_event, "%s", ev != NULL ? ev->id : "");
}

void scr_setup_set_venues(struct scr_setup *s, const struct setup_venues *l)
{
	s->venues = l;
	if (l == NULL || s->venue >= l->n)
		s->venue = 0;
}

void scr_setup_open_event(struct scr_setup *s, const struct setup_detail *d)
{
	s->view = SU_VIEW_EVENT;
	s->detail = d;
	s->form = SU_FORM_NONE;
	s->sec_cursor = s->sec_top = s->tier_cursor = 0;
	s->tiers_focus = false;
	remember(s);
}

void scr_setup_set_detail(struct scr_setup *s, const struct setup_detail *d)
{
	size_t nt;

	s->detail = d;
	s->sec_cursor = 0;
	s->tier_cursor = 0;
	for (size_t i = 0; d != NULL && i < d->nsections; i++)
		if (strcmp(d->sections[i].id, s->cur_section) == 0)
			s->sec_cursor = i;
	nt = tiers_here(s);
	for (size_t i = 0; i < nt; i++)
		if (strcmp(tier_at(s, i)->id, s->cur_tier) == 0)
			s->tier_cursor = i;
	if (nt == 0)
		s->tiers_focus = false;
	remember(s);
}

void scr_setup_select_tier(struct scr_setup *s, const char *tier_id)
{
	size_t nt = tiers_here(s);

	for (size_t i = 0; tier_id != NULL && i < nt; i++)
		if (strcmp(tier_at(s, i)->id, tier_id) == 0) {
			s->tier_cursor = i;
			s->tiers_focus = true;
			remember(s);
		}
}

void scr_setup_to_list(struct scr_setup *s)
{
	s->view = SU_VIEW_LIST;
	s->detail = NULL;
	s->form = SU_FORM_NONE;
	s->tiers_focus = false;
}

void scr_setup_form_done(struct scr_setup *s)
{
	s->form = SU_FORM_NONE;
}

/* ---- forms ---- */

static int form_fields(const struct scr_setup *s)
{
	switch (s->form) {
	case SU_FORM_NEW: case SU_FORM_TIER: return 3;
	case SU_FORM_CAPACITY: return 1;
	default: return 0;
	}
}

/* The field being typed into, or NULL (the venue of a new event). */
static struct field *focused(struct scr_setup *s)
{
	if (s->form == SU_FORM_NEW)
		return s->focus > 0 ? &s->f[s->focus] : NULL;
	return form_fields(s) > 0 ? &s->f[s->focus] : NULL;
}

void scr_setup_new_form(struct scr_setup *s)
{
	if (s->venues == NULL || s->venues->n == 0) {
		scr_setup_message(s, "There is no venue to put an event on: import one first "
				  "(boxoffice venue import).", true);
		return;
	}
	s->form = SU_FORM_NEW;
	s->focus = 1;
	field_init(&s->f[1], FIELD_SIZE - 1, FIELD_TEXT, s->style->ascii);
	field_init(&s->f[2], 20, FIELD_TEXT, s->style->ascii);
	scr_setup_message(s, NULL, false);
}

static void open_capacity(struct scr_setup *s)
{
	const struct setup_section *sec = scr_setup_current_section(s);
	char v[16], msg[200];

	if (sec == NULL)
		return;
	if (!sec->general) {
		snprintf(msg, sizeof msg, "%s has numbered seats: its seats are its capacity. Take seats "
			 "off sale instead (kill).", sec->name);
		scr_setup_message(s, msg, true);
		return;
	}
	s->form = SU_FORM_CAPACITY;
	s->focus = 0;
	field_init(&s->f[0], 10, FIELD_TEXT, s->style->ascii);
	snprintf(v, sizeof v, "%d", sec->override);
	field_set(&s->f[0], sec->override >= 0 ? v : "", true);
}

static void open_tier(struct scr_setup *s, const struct setup_tier *t)
{
	char p[32], f[32];

	if (scr_setup_current_section(s) == NULL)
		return;
	s->form = SU_FORM_TIER;
	field_init(&s->f[0], FIELD_SIZE - 1, FIELD_TEXT, s->style->ascii);
	field_init(&s->f[1], 16, FIELD_AMOUNT, s->style->ascii);
	field_init(&s->f[2], 16, FIELD_AMOUNT, s->style->ascii);
	if (t != NULL) {
		field_set(&s->f[0], t->name, false);
		field_set(&s->f[1], money_text(t->price, p, sizeof p), true);
		field_set(&s->f[2], money_text(t->fee, f, sizeof f), true);
	}
	s->focus = t != NULL ? 1 : 0; /* a change is usually of the price */
}

/* Copies text without the spaces around it. */
static void trimmed(char *dst, size_t size, const char *src)
{
	size_t n;

	while (*src == ' ')
		src++;
	n = strlen(src);
	while (n > 0 && src[n - 1] == ' ')
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static enum su_cmd refuse(struct scr_setup *s, int focus, const char *msg)
{
	s->focus = focus;
	scr_setup_message(s, msg, true);
	return SU_NONE;
}

static enum su_cmd submit_new(struct scr_setup *s)
{
	char msg[320], when[EVENTS_TIME_SIZE];
	struct err e;
	size_t n;

	if (s->venues == NULL || s->venue >= s->venues->n)
		return refuse(s, 0, "Pick a venue (Left, Right).");
	trimmed(s->req_text, sizeof s->req_text, field_text(&s->f[1]));
	if (s->req_text[0] == '\0')
		return refuse(s, 1, "Type the event's title.");
	if ((n = setup_chars(s->req_text)) > SETUP_TITLE_MAX) {
		snprintf(msg, sizeof msg, "A title has at most %d characters; this one has %zu.",
			 SETUP_TITLE_MAX, n);
		return refuse(s, 1, msg);
	}
	if (!setup_parse_start(field_text(&s->f[2]), &s->req_start, &e))
		return refuse(s, 2, e.msg);
	if (s->req_start <= time(NULL)) {
		snprintf(msg, sizeof msg, "%s is in the past: the start must be later than now.",
			 events_format_time(s->req_start, when, sizeof when));
		return refuse(s, 2, msg);
	}
	return SU_APP_CREATE;
}

static enum su_cmd submit_capacity(struct scr_setup *s)
{
	const struct setup_section *sec = scr_setup_current_section(s);
	char t[32], msg[200], *end;
	long long v;

	if (sec == NULL)
		return SU_NONE;
	trimmed(t, sizeof t, field_text(&s->f[0]));
	s->req_active = sec->active;
	if (t[0] == '\0') {
		s->req_capacity = -1;
		return SU_APP_SECTION;
	}
	v = strtoll(t, &end, 10);
	if (t[0] < '0' || t[0] > '9' || *end != '\0' || v > INT_MAX) {
		snprintf(msg, sizeof msg, "Type the capacity as a whole number (e.g. 150), or leave it "
			 "empty for the venue's %d.", sec->venue_capacity);
		return refuse(s, 0, msg);
	}
	s->req_capacity = (int)v;
	return SU_APP_SECTION;
}

static enum su_cmd submit_tier(struct scr_setup *s)
{
	char t[32], msg[300];
	struct err e;

	if (scr_setup_current_section(s) == NULL)
		return SU_NONE;
	trimmed(s->req_text, sizeof s->req_text, field_text(&s->f[0]));
	if (s->req_text[0] == '\0')
		return refuse(s, 0, "Type the tier's name (e.g. Standard, Concession).");
	if (setup_chars(s->req_text) > SETUP_TIER_NAME_MAX) {
		snprintf(msg, sizeof msg, "A tier's name has at most %d characters.", SETUP_TIER_NAME_MAX);
		return refuse(s, 0, msg);
	}
	trimmed(t, sizeof t, field_text(&s->f[1]));
	if (t[0] == '\0')
		return refuse(s, 1, "Type the price (e.g. 42.50).");
	if (!money_parse(t, &s->req_price, &e)) {
		snprintf(msg, sizeof msg, "Price: %s", e.msg);
		return refuse(s, 1, msg);
	}
	trimmed(t, sizeof t, field_text(&s->f[2]));
	s->req_fee = 0;
	if (t[0] != '\0' && !money_parse(t, &s->req_fee, &e)) {
		snprintf(msg, sizeof msg, "Fee: %s", e.msg);
		return refuse(s, 2, msg);
	}
	return SU_APP_TIER;
}

void scr_setup_new_values(const struct scr_setup *s, const struct setup_venue **venue,
			  const char **title, time_t *start)
{
	*venue = s->venues != NULL && s->venue < s->venues->n ? &s->venues->items[s->venue] : NULL;
	*title = s->req_text;
	*start = s->req_start;
}

void scr_setup_section_values(const struct scr_setup *s, bool *active, int *capacity)
{
	*active = s->req_active;
	*capacity = s->req_capacity;
}

void scr_setup_tier_values(const struct scr_setup *s, const char **name, int64_t *price,
			   int64_t *fee)
{
	*name = s->req_text;
	*price = s->req_price;
	*fee = s->req_fee;
}

/* ---- keys ---- */

enum su_cmd scr_setup_key(const struct scr_setup *s, bool is_code, wint_t key)
{
	enum su_cmd c;

	if (s->help)
		return SU_CANCEL;
	switch (s->form) {
	case SU_ASK_DELETE: case SU_ASK_CLOSE:
		return LOOKUP(keys_ask, is_code, key);
	case SU_FORM_NEW: case SU_FORM_CAPACITY: case SU_FORM_TIER:
		if ((c = LOOKUP(keys_form, is_code, key)) != SU_NONE)
			return c;
		if (s->form == SU_FORM_NEW && s->focus == 0)
			return LOOKUP(keys_venue, is_code, key);
		return field_key(is_code, key) != FIELD_OP_NONE ? SU_EDIT : SU_NONE;
	case SU_FORM_NONE:
		break;
	}
	if ((c = LOOKUP(keys_move, is_code, key)) != SU_NONE)
		return c;
	if (s->view == SU_VIEW_LIST)
		return LOOKUP(keys_list, is_code, key);
	return LOOKUP(keys_event, is_code, key);
}

static void step_cursor(size_t *cur, size_t n, enum su_cmd cmd, size_t page)
{
	if (n == 0) {
		*cur = 0;
		return;
	}
	switch (cmd) {
	case SU_UP: if (*cur > 0) (*cur)--; break;
	case SU_DOWN: if (*cur + 1 < n) (*cur)++; break;
	case SU_PGUP: *cur = *cur > page ? *cur - page : 0; break;
	case SU_PGDN: *cur = *cur + page < n ? *cur + page : n - 1; break;
	case SU_HOME: *cur = 0; break;
	case SU_END: *cur = n - 1; break;
	default: break;
	}
}

static void move_cursor(struct scr_setup *s, enum su_cmd cmd)
{
	size_t before;

	if (s->view == SU_VIEW_LIST) {
		step_cursor(&s->ev_cursor, s->events != NULL ? s->events->n : 0, cmd,
		     s->rows > 1 ? (size_t)s->rows - 1 : 1);
	} else if (s->tiers_focus) {
		step_cursor(&s->tier_cursor, tiers_here(s), cmd, s->tier_rows > 1 ? (size_t)s->tier_rows - 1 : 1);
	} else if (s->detail != NULL) {
		before = s->sec_cursor;
		step_cursor(&s->sec_cursor, s->detail->nsections, cmd,
		     s->sec_rows > 1 ? (size_t)s->sec_rows - 1 : 1);
		if (s->sec_cursor != before)
			s->tier_cursor = 0;
	}
}

static void no_prices(struct scr_setup *s)
{
	const struct setup_section *sec = scr_setup_current_section(s);
	char msg[200];

	snprintf(msg, sizeof msg, "No price in %s yet: t adds one.", sec != NULL ? sec->name : "");
	scr_setup_message(s, msg, false);
}

static enum su_cmd event_enter(struct scr_setup *s)
{
	if (s->tiers_focus && scr_setup_current_tier(s) != NULL)
		open_tier(s, scr_setup_current_tier(s));
	else if (tiers_here(s) > 0)
		s->tiers_focus = true;
	else
		open_tier(s, NULL);
	return SU_NONE;
}

static enum su_cmd toggle(struct scr_setup *s)
{
	const struct setup_section *sec = scr_setup_current_section(s);

	if (sec == NULL)
		return SU_NONE;
	s->req_active = !sec->active;
	s->req_capacity = sec->override;
	return SU_APP_SECTION;
}

static enum su_cmd ask_delete(struct scr_setup *s)
{
	if (scr_setup_current_tier(s) == NULL) {
		no_prices(s);
		return SU_NONE;
	}
	s->form = SU_ASK_DELETE;
	return SU_NONE;
}

static enum su_cmd ask_close(struct scr_setup *s)
{
	if (s->detail == NULL)
		return SU_NONE;
	if (s->detail->event.status == SETUP_DRAFT)
		scr_setup_message(s, "A draft is not on sale: there are no sales to close.", true);
	else if (s->detail->event.status == SETUP_CLOSED)
		scr_setup_message(s, "Sales are already closed for this event.", false);
	else
		s->form = SU_ASK_CLOSE;
	return SU_NONE;
}

static enum su_cmd submit(struct scr_setup *s)
{
	switch (s->form) {
	case SU_FORM_NEW: return submit_new(s);
	case SU_FORM_CAPACITY: return submit_capacity(s);
	case SU_FORM_TIER: return submit_tier(s);
	default: return SU_NONE;
	}
}

static enum su_cmd yes(struct scr_setup *s)
{
	enum su_form f = s->form;

	s->form = SU_FORM_NONE;
	return f == SU_ASK_DELETE ? SU_APP_DELETE : f == SU_ASK_CLOSE ? SU_APP_CLOSE : SU_NONE;
}

static void pick(struct scr_setup *s, int step)
{
	size_t n = s->venues != NULL ? s->venues->n : 0;

	if (n > 0)
		s->venue = (s->venue + n + (size_t)(step < 0 ? n - 1 : 1)) % n;
}

static enum su_cmd act(struct scr_setup *s, enum su_cmd cmd, bool is_code, wint_t key)
{
	struct field *f;
	bool list = s->view == SU_VIEW_LIST;

	switch (cmd) {
	case SU_UP: case SU_DOWN: case SU_PGUP: case SU_PGDN: case SU_HOME: case SU_END:
		move_cursor(s, cmd);
		return SU_NONE;
	case SU_ENTER:
		if (!list)
			return event_enter(s);
		if (scr_setup_current_event(s) != NULL)
			return SU_APP_OPEN;
		scr_setup_message(s, "No event here: n makes one.", false);
		return SU_NONE;
	case SU_NEW: return list ? SU_APP_VENUES : SU_NONE;
	case SU_FOCUS:
		if (tiers_here(s) > 0 || s->tiers_focus)
			s->tiers_focus = !s->tiers_focus;
		else
			no_prices(s);
		return SU_NONE;
	case SU_TOGGLE: return toggle(s);
	case SU_CAPACITY: open_capacity(s); return SU_NONE;
	case SU_TIER: open_tier(s, s->tiers_focus ? scr_setup_current_tier(s) : NULL); return SU_NONE;
	case SU_DELETE: return ask_delete(s);
	case SU_PUBLISH: return SU_APP_PUBLISH;
	case SU_CLOSE: return ask_close(s);
	case SU_NEXT_FIELD: case SU_PREV_FIELD:
		if (form_fields(s) > 0)
			s->focus = (s->focus + (cmd == SU_NEXT_FIELD ? 1 : form_fields(s) - 1)) %
				   form_fields(s);
		return SU_NONE;
	case SU_PICK_PREV: pick(s, -1); return SU_NONE;
	case SU_PICK_NEXT: pick(s, 1); return SU_NONE;
	case SU_EDIT:
		if ((f = focused(s)) != NULL)
			field_edit(f, field_key(is_code, key), key);
		return SU_NONE;
	case SU_SUBMIT: return submit(s);
	case SU_YES: return yes(s);
	case SU_CANCEL:
		if (s->help)
			s->help = false;
		else
			s->form = SU_FORM_NONE;
		return SU_NONE;
	case SU_HELP: s->help = true; return SU_NONE;
	case SU_BACK: return list ? SU_APP_LEAVE : SU_APP_LIST;
	case SU_RELOAD: return SU_APP_RELOAD;
	default: return SU_NONE;
	}
}

enum su_cmd scr_setup_do(struct scr_setup *s, enum su_cmd cmd, bool is_code, wint_t key)
{
	enum su_cmd r;

	/* A message answers the last action; the next one makes it stale. */
	if (cmd != SU_NONE && cmd != SU_HELP && cmd != SU_CANCEL && cmd != SU_EDIT)
		scr_setup_message(s, NULL, false);
	r = act(s, cmd, is_code, key);
	remember(s);
	return r;
}

/* ---- layout ---- */

static size_t top_row(size_t top, size_t cur, size_t n, int rows)
{
	if (rows <= 0)
		return 0;
	if (cur < top)
		top = cur;
	if (cur >= top + (size_t)rows)
		top = cur - (size_t)rows + 1;
	if (top + (size_t)rows > n)
		top = n > (size_t)rows ? n - (size_t)rows : 0;
	return top;
}

void scr_setup_recalc(struct scr_setup *s, int height, int width)
{
	size_t nsec = s->detail != NULL ? s->detail->nsections : 0, nt = tiers_here(s);
	int avail, want_sec, want_tiers;

	(void)width;
	s->rows = height - LIST_CHROME > 0 ? height - LIST_CHROME : 0;
	if (s->events != NULL && s->ev_cursor >= s->events->n)
		s->ev_cursor = s->events->n > 0 ? s->events->n - 1 : 0;
	s->ev_top = top_row(s->ev_top, s->ev_cursor, s->events != NULL ? s->events->n : 0, s->rows);
	if (nsec > 0 && s->sec_cursor >= nsec)
		s->sec_cursor = nsec - 1;
	if (s->tier_cursor >= nt)
		s->tier_cursor = nt > 0 ? nt - 1 : 0;
	/* rows SEC_Y .. height-4: the sections, a blank, the prices' heading, the prices */
	avail = height - 3 - SEC_Y;
	want_sec = nsec > 0 ? (int)nsec : 1;
	want_tiers = nt > 0 ? (int)nt : 1;
	if (want_tiers > 3)
		want_tiers = 3;
	s->sec_rows = avail - 2 - want_tiers;
	if (s->sec_rows > want_sec)
		s->sec_rows = want_sec;
	if (s->sec_rows < 1)
		s->sec_rows = 1;
	s->tier_y = SEC_Y + s->sec_rows + 1;
	s->tier_rows = height - 3 - (s->tier_y + 1);
	if (s->tier_rows < 0)
		s->tier_rows = 0;
	s->sec_top = top_row(s->sec_top, s->sec_cursor, nsec, s->sec_rows);
}

/* ---- drawing ---- */

static const char *dash(const struct scr_setup *s)
{
	return s->style->ascii ? "-" : "—";
}

static void title_bar(const struct scr_setup *s, WINDOW *w, int width, const char *left,
		      const char *right)
{
	bool a = s->style->ascii;
	int rw = right != NULL ? draw_width(right, a) : 0;

	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width - rw, left, a);
	if (rw > 0)
		draw_text(w, 0, width - rw, rw, right, a);
	wattrset(w, A_NORMAL);
}

struct list_cols {
	int date_x, title_x, title_w, venue_x, venue_w, status_x;
};

static struct list_cols list_layout(int width)
{
	struct list_cols c;
	int rest = width - (1 + 16 + 2 + 2 + 2 + 9 + 1);

	c.date_x = 1;
	c.venue_w = rest / 3 > 26 ? 26 : rest / 3;
	c.title_w = rest - c.venue_w;
	c.title_x = c.date_x + 16 + 2;
	c.venue_x = c.title_x + c.title_w + 2;
	c.status_x = c.venue_x + c.venue_w + 2;
	return c;
}

static void draw_list(const struct scr_setup *s, WINDOW *w, int width)
{
	struct list_cols c = list_layout(width);
	bool a = s->style->ascii;
	char t[320], when[EVENTS_TIME_SIZE];
	size_t n = s->events != NULL ? s->events->n : 0;

	snprintf(t, sizeof t, " Event set-up %s %s @ %s", dash(s), s->login, s->org);
	title_bar(s, w, width, t, NULL);
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 1, c.date_x, 16, "Date", a);
	draw_text(w, 1, c.title_x, c.title_w, "Event", a);
	draw_text(w, 1, c.venue_x, c.venue_w, "Venue", a);
	draw_text(w, 1, c.status_x, 9, "Status", a);
	wattrset(w, A_NORMAL);
	if (n == 0) {
		snprintf(t, sizeof t, "No events from the last %d days on: n makes one.", SETUP_PAST_DAYS);
		draw_text(w, 3, 2, width - 4, s->events != NULL ? t : "Reading the events…", a);
		return;
	}
	for (int r = 0; r < s->rows && s->ev_top + (size_t)r < n; r++) {
		size_t i = s->ev_top + (size_t)r;
		const struct setup_event *ev = &s->events->items[i];
		int y = 2 + r;

		wattrset(w, i == s->ev_cursor ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, c.date_x, 16, events_format_time(ev->start, when, sizeof when), a);
		draw_text(w, y, c.title_x, c.title_w, ev->title, a);
		draw_text(w, y, c.venue_x, c.venue_w, ev->venue, a);
		if (i != s->ev_cursor && ev->status == SETUP_DRAFT)
			wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text(w, y, c.status_x, 9, setup_status_text(ev->status), a);
		wattrset(w, A_NORMAL);
	}
}

struct sec_cols {
	int name_w, type_x, on_x, cap_x, sold_x, held_x, free_x;
};

static struct sec_cols sec_layout(int width)
{
	struct sec_cols c;

	c.free_x = width - 8;
	c.held_x = c.free_x - 8;
	c.sold_x = c.held_x - 8;
	c.cap_x = c.sold_x - 18;
	c.on_x = c.cap_x - 9;
	c.type_x = c.on_x - 7;
	c.name_w = c.type_x - 2;
	return c;
}

static void draw_event_head(const struct scr_setup *s, WINDOW *w, int width)
{
	const struct setup_event *ev = &s->detail->event;
	char t[400], right[32], when[EVENTS_TIME_SIZE];
	const char *hint;

	snprintf(t, sizeof t, " Set-up %s %s %s %s", dash(s), ev->title, s->style->ascii ? "-" : "·",
		 events_format_time(ev->start, when, sizeof when));
	snprintf(right, sizeof right, " %s ", setup_status_text(ev->status));
	title_bar(s, w, width, t, right);
	switch (ev->status) {
	case SETUP_DRAFT:
		hint = "Draft, not on sale: set the sections and prices, then p publishes it.";
		break;
	case SETUP_PUBLISHED:
		hint = "On sale. x closes sales (orders waiting for payment can still be paid).";
		break;
	case SETUP_CLOSED:
		hint = "Sales closed: nothing more is sold.";
		break;
	default:
		hint = "Cancelled.";
		break;
	}
	snprintf(t, sizeof t, "%s %s %s", ev->venue, dash(s), hint);
	draw_text(w, 1, 1, width - 2, t, s->style->ascii);
}

static void draw_sections(const struct scr_setup *s, WINDOW *w, int width)
{
	const struct setup_detail *d = s->detail;
	struct sec_cols c = sec_layout(width);
	bool a = s->style->ascii;
	char t[64];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 2, 1, c.name_w, "Section", a);
	draw_text(w, 2, c.type_x, 6, "Type", a);
	draw_text(w, 2, c.on_x, 8, "On sale", a);
	draw_text_right(w, 2, c.cap_x, 17, "Capacity", a);
	draw_text_right(w, 2, c.sold_x, 7, "Sold", a);
	draw_text_right(w, 2, c.held_x, 7, "Held", a);
	draw_text_right(w, 2, c.free_x, 7, "Free", a);
	wattrset(w, A_NORMAL);
	if (d->nsections == 0) {
		draw_text(w, SEC_Y, 2, width - 4, "The venue has no sections.", a);
		return;
	}
	for (int r = 0; r < s->sec_rows && s->sec_top + (size_t)r < d->nsections; r++) {
		size_t i = s->sec_top + (size_t)r;
		const struct setup_section *x = &d->sections[i];
		int y = SEC_Y + r, free = x->capacity - x->sold - x->held - x->killed;
		attr_t at = A_NORMAL;

		if (i == s->sec_cursor)
			at = s->tiers_focus ? A_BOLD : draw_attr(s->style, ROLE_CURSOR);
		wattrset(w, at);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, 1, c.name_w, x->name, a);
		draw_text(w, y, c.type_x, 6, x->general ? "GA" : "seats", a);
		draw_text(w, y, c.on_x, 8, x->active ? "yes" : "no", a);
		if (x->general && x->override >= 0)
			snprintf(t, sizeof t, "%d (venue %d)", x->capacity, x->venue_capacity);
		else
			snprintf(t, sizeof t, "%d", x->capacity);
		draw_text_right(w, y, c.cap_x, 17, t, a);
		snprintf(t, sizeof t, "%d", x->sold);
		draw_text_right(w, y, c.sold_x, 7, t, a);
		snprintf(t, sizeof t, "%d", x->held);
		draw_text_right(w, y, c.held_x, 7, t, a);
		snprintf(t, sizeof t, "%d", free > 0 ? free : 0);
		draw_text_right(w, y, c.free_x, 7, t, a);
		wattrset(w, A_NORMAL);
	}
	if (s->sec_top + (size_t)s->sec_rows < d->nsections) {
		snprintf(t, sizeof t, "+%zu more", d->nsections - s->sec_top - (size_t)s->sec_rows);
		draw_text_right(w, SEC_Y + s->sec_rows, width - 16, 15, t, a);
	}
}

static void draw_tiers(const struct scr_setup *s, WINDOW *w, int width)
{
	const struct setup_section *sec = scr_setup_current_section(s);
	size_t n = tiers_here(s), top;
	bool a = s->style->ascii;
	char t[320], v[32];
	int y = s->tier_y;

	if (sec == NULL || s->tier_rows <= 0)
		return;
	snprintf(t, sizeof t, "Prices in %s%s", sec->name, sec->active ? "" : " (not on sale)");
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, y, 1, 44, t, a);
	draw_text_right(w, y, 46, 10, "Price", a);
	draw_text_right(w, y, 57, 8, "Fee", a);
	draw_text_right(w, y, 66, 12, "Sold", a);
	wattrset(w, A_NORMAL);
	if (n == 0) {
		snprintf(t, sizeof t, "No price yet: t adds one (a tier: name, price, fee).");
		draw_text(w, y + 1, 3, width - 4, t, a);
		return;
	}
	top = top_row(0, s->tier_cursor, n, s->tier_rows);
	for (int r = 0; r < s->tier_rows && top + (size_t)r < n; r++) {
		const struct setup_tier *x = tier_at(s, top + (size_t)r);
		bool cur = s->tiers_focus && top + (size_t)r == s->tier_cursor;

		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y + 1 + r, 0, ' ', width);
		draw_text(w, y + 1 + r, 3, 42, x->name, a);
		draw_text_right(w, y + 1 + r, 46, 10, money_show(x->price, v, sizeof v), a);
		draw_text_right(w, y + 1 + r, 57, 8, money_show(x->fee, v, sizeof v), a);
		snprintf(t, sizeof t, "%d", x->sold);
		draw_text_right(w, y + 1 + r, 66, 12, t, a);
		wattrset(w, A_NORMAL);
	}
}

/* A form in a box above the message rows: heading, fields, a hint. */
struct form_box {
	int y, x, h, wd, field_x, field_w;
};

static struct form_box form_box(const struct scr_setup *s, int height, int width)
{
	struct form_box b;

	b.h = form_fields(s) + 6;
	b.wd = width - 4 < 72 ? width - 4 : 72;
	b.y = height - 3 - b.h;
	b.x = (width - b.wd) / 2;
	b.field_x = b.x + 14;
	b.field_w = b.wd - 17;
	return b;
}

static const char *const labels_new[] = { "Venue", "Title", "Starts" };
static const char *const labels_tier[] = { "Name", "Price", "Fee" };
static const char *const labels_capacity[] = { "Capacity" };

static const char *const *form_labels(const struct scr_setup *s)
{
	return s->form == SU_FORM_NEW ? labels_new : s->form == SU_FORM_TIER ? labels_tier
	       : labels_capacity;
}

static int field_width(const struct scr_setup *s, const struct form_box *b, int i)
{
	if (s->form == SU_FORM_CAPACITY || (s->form == SU_FORM_NEW && i == 2))
		return 18;
	if (s->form == SU_FORM_TIER && i > 0)
		return 12;
	return b->field_w;
}

static void venue_text(const struct scr_setup *s, char *buf, size_t size)
{
	const struct setup_venue *v = s->venues != NULL && s->venue < s->venues->n
				      ? &s->venues->items[s->venue] : NULL;
	char seats[32];

	if (v == NULL) {
		snprintf(buf, size, "(no venue)");
		return;
	}
	money_show((int64_t)v->seats * 100, seats, sizeof seats);
	seats[strlen(seats) - 3] = '\0'; /* whole seats: "1,040" */
	if (v->ga_capacity > 0)
		snprintf(buf, size, "< %s > %d sections, %s seats, %d standing", v->name, v->sections,
			 seats, v->ga_capacity);
	else
		snprintf(buf, size, "< %s > %d sections, %s seats", v->name, v->sections, seats);
}

static void form_heading(const struct scr_setup *s, char *buf, size_t size, char *hint,
			 size_t hsize)
{
	const struct setup_section *sec = scr_setup_current_section(s);
	const char *name = sec != NULL ? sec->name : "";

	switch (s->form) {
	case SU_FORM_NEW:
		snprintf(buf, size, "New event (a draft until published)");
		snprintf(hint, hsize, "Starts: YYYY-MM-DD HH:MM, local time. %s on Venue: another.",
			 s->style->ascii ? "Left/Right" : "←→");
		break;
	case SU_FORM_CAPACITY:
		snprintf(buf, size, "Capacity of %s for this event", name);
		snprintf(hint, hsize, "Empty: the venue's %d. Sold or held now: %d.",
			 sec != NULL ? sec->venue_capacity : 0, sec != NULL ? sec->sold + sec->held : 0);
		break;
	default:
		snprintf(buf, size, "Price tier in %s", name);
		snprintf(hint, hsize, "An existing name changes that tier; tickets sold keep their price.");
		break;
	}
}

static void draw_form(const struct scr_setup *s, WINDOW *w, int height, int width)
{
	struct form_box b = form_box(s, height, width);
	const char *const *labels = form_labels(s);
	bool a = s->style->ascii;
	char head[200], hint[200], v[320];
	int n = form_fields(s);

	draw_box(w, s->style, b.y, b.x, b.h, b.wd);
	form_heading(s, head, sizeof head, hint, sizeof hint);
	wattrset(w, A_BOLD);
	draw_text(w, b.y + 1, b.x + 2, b.wd - 4, head, a);
	wattrset(w, A_NORMAL);
	for (int i = 0; i < n; i++) {
		int y = b.y + 3 + i;

		draw_text(w, y, b.x + 3, 10, labels[i], a);
		if (s->form == SU_FORM_NEW && i == 0) {
			venue_text(s, v, sizeof v);
			wattrset(w, s->focus == 0 ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
			draw_text(w, y, b.field_x, b.field_w, v, a);
			wattrset(w, A_NORMAL);
			continue;
		}
		field_draw(&s->f[i], w, y, b.field_x, field_width(s, &b, i), false);
	}
	draw_text(w, b.y + b.h - 2, b.x + 2, b.wd - 4, hint, a);
	/* the focused field last, so the window's cursor ends on it */
	if (!(s->form == SU_FORM_NEW && s->focus == 0))
		field_draw(&s->f[s->focus], w, b.y + 3 + s->focus, b.field_x,
			   field_width(s, &b, s->focus), true);
}

static void draw_ask(const struct scr_setup *s, WINDOW *w, int height, int width)
{
	const struct setup_tier *t = scr_setup_current_tier(s);
	const struct setup_section *sec = scr_setup_current_section(s);
	char l1[320], l2[200], p[32], f[32];
	const char *lines[3] = { l1, l2, "y: yes   n, Esc: no" };

	if (s->form == SU_ASK_DELETE && t != NULL && sec != NULL) {
		snprintf(l1, sizeof l1, "Delete the price tier \"%s\" of %s?", t->name, sec->name);
		snprintf(l2, sizeof l2, "(%s + fee %s; refused while tickets use it)",
			 money_show(t->price, p, sizeof p), money_show(t->fee, f, sizeof f));
	} else {
		snprintf(l1, sizeof l1, "Close sales of %s?", s->detail != NULL ? s->detail->event.title : "");
		snprintf(l2, sizeof l2, "Nothing more is sold; orders waiting for payment can be paid.");
	}
	draw_panel(w, s->style, height, width, NULL, lines, 3, width - 8 < 68 ? width - 8 : 68);
}

static void draw_help(const struct scr_setup *s, WINDOW *w, int height, int width)
{
	static const char *const list[] = {
		"Up, Down, j, k    move",
		"Enter             the event: sections and prices",
		"n                 a new event (a draft)",
		"r, Ctrl-R, F5     read again",
		"Esc, q            back to the events screen",
		"? or F1           this help",
		"",
		"Any key closes this help.",
	};
	static const char *const event[] = {
		"Up, Down, j, k    move over sections (or prices)",
		"Tab               sections <-> the section's prices",
		"Space             the section on or off sale",
		"c                 a standing section's capacity",
		"t                 a price tier: name, price, fee",
		"Enter             on a price: change it",
		"d, Delete         delete the price (asks first)",
		"p                 publish: put the event on sale",
		"x                 close sales (asks first)",
		"r, Ctrl-R, F5     read again",
		"Esc, q            back to the list of events",
		"",
		"Any key closes this help.",
	};
	static const char *const form[] = {
		"Tab, Down         the next field",
		"Shift-Tab, Up     the field before",
		"Left, Right       another venue (new event)",
		"Ctrl-U            empty the field",
		"Enter             save",
		"Esc               cancel",
		"",
		"Any key closes this help.",
	};

	if (s->form == SU_FORM_NEW || s->form == SU_FORM_CAPACITY || s->form == SU_FORM_TIER)
		draw_panel(w, s->style, height, width, "Keys: form", form,
			   (int)(sizeof form / sizeof form[0]), 56);
	else if (s->view == SU_VIEW_LIST)
		draw_panel(w, s->style, height, width, "Keys: event set-up", list,
			   (int)(sizeof list / sizeof list[0]), 56);
	else
		draw_panel(w, s->style, height, width, "Keys: an event's set-up", event,
			   (int)(sizeof event / sizeof event[0]), 56);
}

static const char *keys_text(const struct scr_setup *s)
{
	bool a = s->style->ascii;

	switch (s->form) {
	case SU_ASK_DELETE: case SU_ASK_CLOSE:
		return " y yes  n no";
	case SU_FORM_NEW:
		return a ? " Tab/Up/Down field  Left/Right venue  Enter create  Esc cancel  F1 help"
			 : " Tab/↑↓ field  ←→ venue  Enter create  Esc cancel  F1 help";
	case SU_FORM_CAPACITY: case SU_FORM_TIER:
		return a ? " type  Tab/Up/Down field  ^U clear  Enter save  Esc cancel  F1 help"
			 : " type  Tab/↑↓ field  ^U clear  Enter save  Esc cancel  F1 help";
	case SU_FORM_NONE:
		break;
	}
	if (s->view == SU_VIEW_LIST)
		return a ? " Up/Down move  Enter open  n new event  r read again  Esc back  ? help"
			 : " ↑↓ move  Enter open  n new event  r read again  Esc back  ? help";
	if (s->tiers_focus)
		return a ? " Up/Dn  Enter/t change  d delete  Tab sections  p publish  x close  Esc  ? help"
			 : " ↑↓  Enter/t change  d delete  Tab sections  p publish  x close  Esc  ? help";
	return a ? " Up/Dn  Space on/off  c capacity  t price  Tab prices  p publish  x close  Esc ?"
		 : " ↑↓  Space on/off  c capacity  t price  Tab prices  p publish  x close  Esc  ?";
}

void scr_setup_draw(const struct scr_setup *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	if (s->view == SU_VIEW_EVENT && s->detail != NULL) {
		draw_event_head(s, w, width);
		draw_sections(s, w, width);
		draw_tiers(s, w, width);
	} else {
		draw_list(s, w, width);
	}
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_wrap(w, height - 3, 1, width - 2, 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys_text(s), a);
	wattrset(w, A_NORMAL);
	if (s->form == SU_FORM_NEW || s->form == SU_FORM_CAPACITY || s->form == SU_FORM_TIER) {
		if (!s->help)
			draw_form(s, w, height, width);
	} else if (s->form != SU_FORM_NONE) {
		draw_ask(s, w, height, width);
	}
	if (s->help)
		draw_help(s, w, height, width);
}
