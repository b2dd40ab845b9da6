/* scr_events: list, filter, cursor. */
#include "scr_events.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows around the list: title, column heads, status line, key bar. */
#define CHROME_ROWS 4

struct key_binding {
	bool is_code;
	wint_t key;
	enum ev_cmd cmd;
};

#define CTRL(c) ((c) & 0x1f)

/* Keys that work whether or not the filter is being typed. */
static const struct key_binding keys_always[] = {
	{ true, KEY_UP, EV_UP }, { true, KEY_DOWN, EV_DOWN },
	{ true, KEY_PPAGE, EV_PGUP }, { true, KEY_NPAGE, EV_PGDN },
	{ true, KEY_HOME, EV_HOME }, { true, KEY_END, EV_END },
	{ true, KEY_ENTER, EV_OPEN }, { false, '\n', EV_OPEN }, { false, '\r', EV_OPEN },
	{ true, KEY_BACKSPACE, EV_BACKSPACE }, { false, 127, EV_BACKSPACE },
	{ false, CTRL('h'), EV_BACKSPACE }, { false, 27, EV_CANCEL },
	{ false, CTRL('r'), EV_RELOAD }, { true, KEY_F(5), EV_RELOAD },
	{ true, KEY_F(1), EV_HELP },
};

/* Single letters act only while not typing a filter. */
static const struct key_binding keys_browse[] = {
	{ false, 'k', EV_UP }, { false, 'j', EV_DOWN },
	{ false, 'g', EV_HOME }, /* G is the gate; End goes to the last event */
	{ false, '/', EV_SEARCH }, { false, '?', EV_HELP }, { false, 'q', EV_QUIT },
	{ false, 'P', EV_PRINTERS }, { false, 'U', EV_UNPRINTED },
	{ false, 'S', EV_STATS }, { false, 'E', EV_SETUP }, { false, 'C', EV_SHIFT },
	{ false, 'F', EV_FIND }, { false, 'G', EV_GATE }, { false, 'W', EV_PASSWORD },
	{ false, 'M', EV_MONITOR },
};

static enum ev_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return EV_NONE;
}

void scr_events_init(struct scr_events *s, const struct ui_style *st, const char *login,
		     const char *org)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->login, sizeof s->login, "%s", login != NULL ? login : "");
	snprintf(s->org, sizeof s->org, "%s", org != NULL ? org : "");
}

void scr_events_set_roles(struct scr_events *s, bool can_sell, bool can_setup)
{
	s->can_sell = can_sell;
	s->can_setup = can_setup;
}

void scr_events_set_monitor(struct scr_events *s, bool can_monitor)
{
	s->can_monitor = can_monitor;
}

void scr_events_free(struct scr_events *s)
{
	free(s->shown);
	s->shown = NULL;
	s->nshown = 0;
}

const struct event *scr_events_current(const struct scr_events *s)
{
	if (s->events == NULL || s->cursor >= s->nshown)
		return NULL;
	return &s->events->items[s->shown[s->cursor]];
}

void scr_events_set_events(struct scr_events *s, const struct event_list *l)
{
	const struct event *cur = scr_events_current(s);
	char keep[EVENT_ID_SIZE] = "";

	if (cur != NULL)
		snprintf(keep, sizeof keep, "%s", cur->id);
	s->events = l;
	s->cursor = 0;
	/* shown is stale until recalc; find the old event in the new list. */
	for (size_t i = 0, k = 0; keep[0] != '\0' && l != NULL && i < l->n; i++) {
		if (!events_title_matches(l->items[i].title, s->filter))
			continue;
		if (strcmp(l->items[i].id, keep) == 0) {
			s->cursor = k;
			break;
		}
		k++;
	}
}

void scr_events_message(struct scr_events *s, const char *msg, bool error)
{
	snprintf(s->status, sizeof s->status, "%s", msg != NULL ? msg : "");
	s->status_error = error;
}

void scr_events_set_notice(struct scr_events *s, const char *msg)
{
	snprintf(s->notice, sizeof s->notice, "%s", msg != NULL ? msg : "");
}

void scr_events_set_warning(struct scr_events *s, const char *msg)
{
	draw_copy(s->warning, sizeof s->warning, msg);
}

enum ev_cmd scr_events_key(const struct scr_events *s, bool is_code, wint_t key)
{
	enum ev_cmd c;

	if (s->help) /* any key closes help */
		return EV_CANCEL;
	c = lookup(keys_always, sizeof keys_always / sizeof keys_always[0], is_code, key);
	if (c != EV_NONE)
		return c;
	if (!s->filtering) {
		c = lookup(keys_browse, sizeof keys_browse / sizeof keys_browse[0], is_code, key);
		if (c == EV_SETUP && !s->can_setup)
			return EV_TYPE; /* not offered: an 'E' starts a search like any letter */
		if (c == EV_MONITOR && !s->can_monitor)
			return EV_TYPE;
		if (c != EV_NONE)
			return c;
	}
	/* Typing anything else printable searches: no need to press '/' first. */
	if (!is_code && key >= 0x20 && key != 0x7f && (s->filtering || key != ' '))
		return EV_TYPE;
	return EV_NONE;
}

static void filter_append(struct scr_events *s, wint_t key)
{
	char mb[MB_LEN_MAX + 1];
	mbstate_t st;
	size_t n, len = strlen(s->filter);

	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1 || len + n >= sizeof s->filter)
		return;
	memcpy(s->filter + len, mb, n);
	s->filter[len + n] = '\0';
}

/* Removes the last character, not the last byte. */
static void filter_backspace(struct scr_events *s)
{
	size_t len = strlen(s->filter);

	while (len > 0 && ((unsigned char)s->filter[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	s->filter[len] = '\0';
}

static void move_cursor(struct scr_events *s, enum ev_cmd cmd)
{
	size_t page = s->rows > 1 ? (size_t)s->rows - 1 : 1;

	if (s->nshown == 0)
		return;
	switch (cmd) {
	case EV_UP:   if (s->cursor > 0) s->cursor--; break;
	case EV_DOWN: if (s->cursor + 1 < s->nshown) s->cursor++; break;
	case EV_PGUP: s->cursor = s->cursor > page ? s->cursor - page : 0; break;
	case EV_PGDN: s->cursor = s->cursor + page < s->nshown ? s->cursor + page : s->nshown - 1;
		break;
	case EV_HOME: s->cursor = 0; break;
	case EV_END:  s->cursor = s->nshown - 1; break;
	default: break;
	}
}

static enum ev_cmd open_current(struct scr_events *s)
{
	s->filtering = false;
	if (scr_events_current(s) != NULL)
		return EV_OPEN; /* the app loads the event */
	scr_events_message(s, "No event selected.", false);
	return EV_NONE;
}

enum ev_cmd scr_events_do(struct scr_events *s, enum ev_cmd cmd, wint_t key)
{
	/* A message answers the last action; the next one makes it stale. */
	if (cmd != EV_NONE && cmd != EV_CANCEL)
		scr_events_message(s, NULL, false);
	switch (cmd) {
	case EV_UP: case EV_DOWN: case EV_PGUP: case EV_PGDN: case EV_HOME: case EV_END:
		move_cursor(s, cmd);
		return EV_NONE;
	case EV_OPEN:
		return open_current(s);
	case EV_SEARCH:
		s->filtering = true;
		return EV_NONE;
	case EV_TYPE:
		s->filtering = true;
		filter_append(s, key);
		s->cursor = 0;
		return EV_NONE;
	case EV_BACKSPACE:
		filter_backspace(s);
		if (s->filter[0] == '\0')
			s->filtering = false;
		s->cursor = 0;
		return EV_NONE;
	case EV_CANCEL:
		if (s->help)
			s->help = false;
		else if (s->filtering || s->filter[0] != '\0') {
			s->filtering = false;
			s->filter[0] = '\0';
			s->cursor = 0;
		} else
			scr_events_message(s, NULL, false);
		return EV_NONE;
	case EV_HELP:
		s->help = true;
		return EV_NONE;
	case EV_RELOAD:
	case EV_QUIT:
	case EV_PRINTERS:
	case EV_UNPRINTED:
	case EV_STATS:
	case EV_SETUP:
	case EV_SHIFT:
	case EV_FIND:
	case EV_GATE:
	case EV_PASSWORD:
	case EV_MONITOR:
		return cmd;
	case EV_NONE:
		break;
	}
	return EV_NONE;
}

bool scr_events_recalc(struct scr_events *s, int height, int width)
{
	size_t n = s->events != NULL ? s->events->n : 0;
	size_t *shown = realloc(s->shown, (n + 1) * sizeof *shown);

	(void)width;
	if (shown == NULL)
		return false;
	s->shown = shown;
	s->nshown = 0;
	for (size_t i = 0; i < n; i++)
		if (events_title_matches(s->events->items[i].title, s->filter))
			s->shown[s->nshown++] = i;
	if (s->cursor >= s->nshown)
		s->cursor = s->nshown > 0 ? s->nshown - 1 : 0;
	s->rows = height - CHROME_ROWS - (s->notice[0] != '\0') > 0
		  ? height - CHROME_ROWS - (s->notice[0] != '\0') : 0;
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->rows > 0 && s->cursor >= s->top + (size_t)s->rows)
		s->top = s->cursor - (size_t)s->rows + 1;
	if (s->top + (size_t)s->rows > s->nshown) /* no empty rows below when scrolled */
		s->top = s->nshown > (size_t)s->rows ? s->nshown - (size_t)s->rows : 0;
	return true;
}

/* ---- drawing ---- */

struct columns {
	int date_x, date_w, title_x, title_w, venue_x, venue_w, seats_x, seats_w;
};

static struct columns layout(int width)
{
	struct columns c;
	int rest;

	c.date_x = 1;
	c.date_w = 16;
	c.seats_w = 10;
	rest = width - (1 + c.date_w + 2 + 2 + 2 + c.seats_w + 1);
	c.venue_w = rest / 3 > 30 ? 30 : rest / 3;
	c.title_w = rest - c.venue_w;
	c.title_x = c.date_x + c.date_w + 2;
	c.venue_x = c.title_x + c.title_w + 2;
	c.seats_x = c.venue_x + c.venue_w + 2;
	return c;
}

static void draw_title(const struct scr_events *s, WINDOW *w, int width)
{
	char t[320];
	bool a = s->style->ascii;

	snprintf(t, sizeof t, " Box office %s %s @ %s", a ? "-" : "—", s->login, s->org);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, t, a);
	wattrset(w, A_NORMAL);
}

static void draw_row(const struct scr_events *s, WINDOW *w, int y, const struct columns *c,
		     const struct event *ev, bool cursor, int width)
{
	char when[EVENTS_TIME_SIZE], seats[32];
	bool a = s->style->ascii;
	attr_t base = cursor ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL;

	if (ev->seats_left <= 0)
		snprintf(seats, sizeof seats, "sold out");
	else
		snprintf(seats, sizeof seats, "%lld", ev->seats_left);
	wattrset(w, base);
	mvwhline(w, y, 0, ' ', width);
	draw_text(w, y, c->date_x, c->date_w, events_format_time(ev->start, when, sizeof when), a);
	draw_text(w, y, c->title_x, c->title_w, ev->title, a);
	draw_text(w, y, c->venue_x, c->venue_w, ev->venue, a);
	/* Few seats left stands out, except on the cursor row, which must. */
	if (!cursor && ev->seats_total > 0 && ev->seats_left * 10 <= ev->seats_total)
		wattrset(w, draw_attr(s->style, ROLE_LOW));
	draw_text_right(w, y, c->seats_x, c->seats_w, seats, a);
	wattrset(w, A_NORMAL);
}

static void draw_list(const struct scr_events *s, WINDOW *w, int width)
{
	struct columns c = layout(width);
	bool a = s->style->ascii;
	char msg[320];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 1, c.date_x, c.date_w, "Date", a);
	draw_text(w, 1, c.title_x, c.title_w, "Event", a);
	draw_text(w, 1, c.venue_x, c.venue_w, "Venue", a);
	draw_text_right(w, 1, c.seats_x, c.seats_w, "Seats left", a);
	wattrset(w, A_NORMAL);
	if (s->nshown == 0) {
		if (s->filter[0] != '\0')
			snprintf(msg, sizeof msg, "No event title contains \"%s\"", s->filter);
		else
			snprintf(msg, sizeof msg, "No upcoming published events for %s", s->org);
		draw_text(w, 3, 2, width - 4, msg, a);
		return;
	}
	for (int r = 0; r < s->rows && s->top + (size_t)r < s->nshown; r++) {
		size_t i = s->top + (size_t)r;
		draw_row(s, w, 2 + r, &c, &s->events->items[s->shown[i]], i == s->cursor, width);
	}
}

static void draw_bottom(const struct scr_events *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	char line[320];
	const char *keys;
	int x = 0;

	if (s->notice[0] != '\0') {
		wattrset(w, draw_attr(s->style, ROLE_LOW) | A_BOLD);
		draw_text(w, height - 3, 0, width, "", a);
		draw_text(w, height - 3, 1, width - 2, s->notice, a);
		wattrset(w, A_NORMAL);
	}
	mvwhline(w, height - 2, 0, ' ', width);
	if (s->filtering || s->filter[0] != '\0') {
		snprintf(line, sizeof line, " Search: %s%s", s->filter, s->filtering ? "_" : "");
		x = draw_width(line, a) + 2;
		draw_text(w, height - 2, 0, x < width ? x : width, line, a);
	}
	if (s->status[0] != '\0' && x < width - 2) {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, x + 1, width - x - 2, s->status, a);
		wattrset(w, A_NORMAL);
	} else if (s->warning[0] != '\0' && x < width - 2) {
		wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text(w, height - 2, x + 1, width - x - 2, s->warning, a);
		wattrset(w, A_NORMAL);
	}
	if (s->filtering)
		keys = a ? " type to search  Enter open  Esc clear  Up/Down move  Bksp delete"
			 : " type to search  Enter open  Esc clear  ↑↓ move  ⌫ delete";
	else
		keys = !s->can_sell ? (a ? " j/k move  / search  F find  G gate  S stats  P printers  ? help  q quit"
					 : " ↑↓ move  / search  F find  G gate  S stats  P printers  ? help  q quit")
		       : s->can_setup
		       ? (a ? " j/k move  Enter sell  F find  G gate  S stats  C shift  E setup  ? help  q quit"
			    : " ↑↓ move  Enter sell  F find  G gate  S stats  C shift  E setup  ? help  q quit")
		       : (a ? " j/k move  Enter sell  F find  G gate  S stats  C shift  P printers  ? help  q quit"
			    : " ↑↓ move  Enter sell  F find  G gate  S stats  C shift  ? help  q quit");
	/* M where the bar has room for it (the help lists it at 80 columns) */
	if (s->can_monitor && !s->filtering && draw_width(keys, a) + 11 <= width) {
		snprintf(line, sizeof line, "%s  M monitor", keys);
		keys = line;
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys, a);
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_events *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Up, Down, j, k    move the cursor",
		"PgUp, PgDn        move a page",
		"Home, g, End      first, last event",
		"Enter             open the event",
		"/ or just type    search titles",
		"Esc               clear the search",
		"Ctrl-R, F5        reload the list",
		"P                 printers: where tickets print",
		"U                 print the unprinted tickets",
		"S                 statistics of the event",
		"E                 event set-up (supervisors only)",
		"M                 monitoring (supervisors)",
		"C                 your shift and cash drawer",
		"F                 find a person: name, e-mail, phone, order, QR",
		"G                 gate: scan tickets at a door",
		"W                 change your password",
		"?                 this help",
		"q                 quit",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys", lines,
		   (int)(sizeof lines / sizeof lines[0]), 48);
}

void scr_events_draw(const struct scr_events *s, WINDOW *w)
{
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_title(s, w, width);
	draw_list(s, w, width);
	draw_bottom(s, w, height, width);
	if (s->help)
		draw_help(s, w, height, width);
}
