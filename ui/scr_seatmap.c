/* scr_seatmap: seats from x/y, cursor, selection commands for the app. */
#include "scr_seatmap.h"

#include "seatnav.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Colour pairs: draw.c uses 1..5; the seat states start at 16. */
enum { PAIR_MINE = 16, PAIR_FREE, PAIR_HELD, PAIR_SOLD, PAIR_KILLED, PAIR_ACCESS };

#define CTRL(c) ((c) & 0x1f)

struct key_binding {
	bool is_code;
	wint_t key;
	enum sm_cmd cmd;
};

/* Keys while typing into a prompt. */
static const struct key_binding keys_prompt[] = {
	{ true, KEY_ENTER, SM_ENTER }, { false, '\n', SM_ENTER }, { false, '\r', SM_ENTER },
	{ true, KEY_BACKSPACE, SM_BACKSPACE }, { false, 127, SM_BACKSPACE },
	{ false, CTRL('h'), SM_BACKSPACE }, { false, 27, SM_CANCEL },
};

/* Keys on the map. */
static const struct key_binding keys_map[] = {
	{ true, KEY_UP, SM_UP }, { true, KEY_DOWN, SM_DOWN },
	{ true, KEY_LEFT, SM_LEFT }, { true, KEY_RIGHT, SM_RIGHT },
	{ false, 'k', SM_UP }, { false, 'j', SM_DOWN }, { false, 'h', SM_LEFT },
	{ false, 'l', SM_RIGHT }, { true, KEY_HOME, SM_HOME }, { true, KEY_END, SM_END },
	{ false, '^', SM_HOME }, { false, '$', SM_END },
	{ false, '+', SM_ZOOM_IN }, { false, '=', SM_ZOOM_IN }, { false, '-', SM_ZOOM_OUT },
	{ false, '_', SM_ZOOM_OUT }, { false, ' ', SM_TOGGLE }, { false, 'r', SM_RANGE },
	{ false, 'b', SM_BEST }, { false, 'g', SM_GOTO }, { false, '/', SM_GOTO },
	{ false, 'c', SM_CLEAR }, { true, KEY_ENTER, SM_ENTER }, { false, '\n', SM_ENTER },
	{ false, '\r', SM_ENTER }, { false, 27, SM_CANCEL }, { false, '?', SM_HELP },
	{ true, KEY_F(1), SM_HELP }, { false, CTRL('r'), SM_RELOAD }, { true, KEY_F(5), SM_RELOAD },
	{ true, KEY_MOUSE, SM_MOUSE },
	/* supervisors only (scr_seatmap_key drops them for others); not k/K:
	 * k moves up */
	{ false, 'x', SM_OFF_SALE }, { false, 'X', SM_ON_SALE },
};

static enum sm_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return SM_NONE;
}

void scr_seatmap_colors_init(const struct ui_style *st)
{
	if (!st->color)
		return;
	init_pair(PAIR_MINE, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_FREE, COLOR_GREEN, -1);
	init_pair(PAIR_HELD, COLOR_YELLOW, -1);
	init_pair(PAIR_SOLD, COLOR_RED, -1);
	init_pair(PAIR_KILLED, COLOR_BLACK, -1);
	init_pair(PAIR_ACCESS, COLOR_BLUE, -1);
}

static attr_t state_attr(const struct ui_style *st, enum seat_state state)
{
	if (!st->color)
		return state == SEAT_MINE ? A_BOLD : A_NORMAL;
	switch (state) {
	case SEAT_MINE: return COLOR_PAIR(PAIR_MINE) | A_BOLD;
	case SEAT_FREE: return COLOR_PAIR(PAIR_FREE) | A_BOLD;
	case SEAT_HELD: return COLOR_PAIR(PAIR_HELD);
	case SEAT_SOLD: return COLOR_PAIR(PAIR_SOLD);
	case SEAT_KILLED: return COLOR_PAIR(PAIR_KILLED) | A_BOLD;
	}
	return A_NORMAL;
}

void scr_seatmap_init(struct scr_seatmap *s, const struct ui_style *st, struct seatmap *map,
		      int section, const char *title)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	s->map = map;
	s->section = section;
	s->want_level = -1;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
	s->cursor = seatnav_start(map, section);
}

void scr_seatmap_free(struct scr_seatmap *s)
{
	for (size_t i = 0; i < s->nprices; i++)
		free(s->prices[i]);
	free(s->prices);
	free(s->req.hold);
	free(s->req.release);
	free(s->req.killed);
	free(s->req.seats);
	free(s->cells);
	s->prices = NULL;
	s->nprices = 0;
	s->req.hold = s->req.release = s->req.killed = s->req.seats = NULL;
	s->cells = NULL;
	s->ncells = 0;
}

void scr_seatmap_message(struct scr_seatmap *s, const char *msg, bool error)
{
	snprintf(s->status, sizeof s->status, "%s", msg != NULL ? msg : "");
	s->status_error = error;
}

void scr_seatmap_countdown(struct scr_seatmap *s, const char *text)
{
	snprintf(s->countdown, sizeof s->countdown, "%s", text != NULL ? text : "");
}

bool scr_seatmap_set_prices(struct scr_seatmap *s, int section, const char *text)
{
	char *dup;

	if (section < 0)
		return true;
	if ((size_t)section >= s->nprices) {
		char **np = realloc(s->prices, ((size_t)section + 1) * sizeof *np);
		if (np == NULL)
			return false;
		for (size_t i = s->nprices; i <= (size_t)section; i++)
			np[i] = NULL;
		s->prices = np;
		s->nprices = (size_t)section + 1;
	}
	if ((dup = text != NULL ? strdup(text) : NULL) == NULL && text != NULL)
		return false;
	free(s->prices[section]);
	s->prices[section] = dup;
	return true;
}

void scr_seatmap_set_kills(struct scr_seatmap *s, bool can_kill, const struct kills *kills)
{
	s->can_kill = can_kill;
	s->kills = kills;
}

void scr_seatmap_set_level(struct scr_seatmap *s, int level)
{
	s->want_level = level;
}

const struct sm_request *scr_seatmap_request(const struct scr_seatmap *s)
{
	return &s->req;
}

void scr_seatmap_changed(struct scr_seatmap *s)
{
	if (s->cursor < 0 || (size_t)s->cursor >= s->map->nseats)
		s->cursor = seatnav_start(s->map, s->section);
}

bool scr_seatmap_set_state(struct scr_seatmap *s, const char *seat_id, enum seat_state st,
			   const char *held_by)
{
	int i = seatmap_find_id(s->map, seat_id);

	return i >= 0 && seatmap_set_state(s->map, i, st, held_by);
}

enum sm_cmd scr_seatmap_key(const struct scr_seatmap *s, bool is_code, wint_t key)
{
	enum sm_cmd c;

	if (s->help)
		return SM_CANCEL; /* any key closes help */
	if (s->prompt != SM_PROMPT_NONE) {
		c = lookup(keys_prompt, sizeof keys_prompt / sizeof keys_prompt[0], is_code, key);
		if (c != SM_NONE)
			return c;
		if (s->prompt == SM_PROMPT_KILL) /* a reason in words: any printable character */
			return field_key(is_code, key) == FIELD_OP_INSERT ? SM_TYPE : SM_NONE;
		return !is_code && key >= 0x20 && key < 0x7f ? SM_TYPE : SM_NONE;
	}
	c = lookup(keys_map, sizeof keys_map / sizeof keys_map[0], is_code, key);
	return (c == SM_OFF_SALE || c == SM_ON_SALE) && !s->can_kill ? SM_NONE : c;
}

/* ---- requests ---- */

static bool req_reset(struct scr_seatmap *s, size_t cap)
{
	const char ***lists[] = { &s->req.hold, &s->req.release, &s->req.killed, &s->req.seats };

	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		const char **l = realloc(*lists[i], (cap + 1) * sizeof *l);
		if (l == NULL)
			return false;
		*lists[i] = l;
	}
	s->req.nhold = s->req.nrelease = s->req.nkilled = s->req.nseats = 0;
	s->req.reason = NULL;
	return true;
}

static enum sm_cmd oom(struct scr_seatmap *s)
{
	scr_seatmap_message(s, "Out of memory.", true);
	return SM_NONE;
}

static enum sm_cmd toggle(struct scr_seatmap *s)
{
	char name[256], msg[400];
	const struct seatmap_seat *seat;
	const char *who;

	if (s->cursor < 0)
		return SM_NONE;
	seat = &s->map->seats[s->cursor];
	seatmap_seat_name(s->map, s->cursor, name, sizeof name);
	switch (seat->state) {
	case SEAT_FREE:
	case SEAT_MINE:
		if (!req_reset(s, 1))
			return oom(s);
		if (seat->state == SEAT_FREE)
			s->req.hold[s->req.nhold++] = seat->id;
		else
			s->req.release[s->req.nrelease++] = seat->id;
		return SM_CHANGE;
	case SEAT_HELD:
		who = seatmap_holder(s->map, s->cursor);
		snprintf(msg, sizeof msg, "%s is held by %s.", name, who != NULL ? who : "another clerk");
		break;
	case SEAT_SOLD:
		snprintf(msg, sizeof msg, "%s is sold.", name);
		break;
	case SEAT_KILLED:
		if (s->can_kill) { /* a supervisor sells it: into the sale from kills */
			if (!req_reset(s, 1))
				return oom(s);
			s->req.killed[s->req.nkilled++] = seat->id;
			return SM_CHANGE;
		}
		snprintf(msg, sizeof msg, "%s is off sale: a supervisor can put it back on sale.", name);
		break;
	}
	scr_seatmap_message(s, msg, true);
	return SM_NONE;
}

static enum sm_cmd clear_mine(struct scr_seatmap *s)
{
	if (!req_reset(s, s->map->nseats))
		return oom(s);
	for (size_t i = 0; i < s->map->nseats; i++)
		if (s->map->seats[i].state == SEAT_MINE)
			s->req.release[s->req.nrelease++] = s->map->seats[i].id;
	if (s->req.nrelease == 0) {
		scr_seatmap_message(s, "No seats selected.", false);
		return SM_NONE;
	}
	return SM_CHANGE;
}

/* "A14 is sold, A15 is held by clerk_b." for the seats of a range that
 * cannot be had; true when every seat is free or mine. */
static bool range_blockers(struct scr_seatmap *s, const int *ids, size_t n)
{
	char msg[256] = "", name[128];
	size_t len = 0, bad = 0;

	for (size_t i = 0; i < n; i++) {
		const struct seatmap_seat *t = &s->map->seats[ids[i]];
		if (t->state == SEAT_FREE || t->state == SEAT_MINE)
			continue;
		if (bad++ < 3 && len < sizeof msg) {
			snprintf(name, sizeof name, "%s%s", s->map->rows[t->row].label, t->number);
			len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s is %s", bad > 1 ? ", " : "",
						name, seatmap_state_name(t->state));
		}
	}
	if (bad == 0)
		return true;
	if (bad > 3 && len < sizeof msg)
		len += (size_t)snprintf(msg + len, sizeof msg - len, " and %zu more", bad - 3);
	if (len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, ": nothing selected.");
	scr_seatmap_message(s, msg, true);
	return false;
}

static enum sm_cmd do_range(struct scr_seatmap *s)
{
	struct err e;
	int *ids;
	size_t n;

	if (!seatmap_parse_range(s->map, s->section, s->input, &ids, &n, &e)) {
		scr_seatmap_message(s, e.msg, true);
		return SM_NONE;
	}
	if (!range_blockers(s, ids, n) || !req_reset(s, n)) {
		bool mem = s->req.hold == NULL;
		free(ids);
		return mem ? oom(s) : SM_NONE;
	}
	for (size_t i = 0; i < n; i++)
		if (s->map->seats[ids[i]].state == SEAT_FREE)
			s->req.hold[s->req.nhold++] = s->map->seats[ids[i]].id;
	if (n > 0)
		s->cursor = ids[0];
	free(ids);
	if (s->req.nhold == 0) {
		scr_seatmap_message(s, "Those seats are already yours.", false);
		return SM_NONE;
	}
	return SM_CHANGE;
}

static enum sm_cmd do_best(struct scr_seatmap *s)
{
	struct seatnav_stage st;
	struct err e;
	char *end;
	long n = strtol(s->input, &end, 10);
	int *pick;

	if (end == s->input || *end != '\0' || n < 1 || n > 50) {
		scr_seatmap_message(s, "Type how many seats, 1 to 50.", true);
		return SM_NONE;
	}
	if ((pick = malloc((size_t)n * sizeof *pick)) == NULL || !req_reset(s, s->map->nseats)) {
		free(pick);
		return oom(s);
	}
	seatnav_stage_of(s->map, &st);
	if (!seatnav_best(s->map, s->section, &st, (int)n, true, pick, &e)) {
		free(pick);
		scr_seatmap_message(s, e.msg, true);
		return SM_NONE;
	}
	/* The pick replaces the selection: release mine outside it. */
	for (size_t i = 0; i < s->map->nseats; i++) {
		bool in = false;
		for (long k = 0; k < n && !in; k++)
			in = pick[k] == (int)i;
		if (s->map->seats[i].state == SEAT_MINE && !in)
			s->req.release[s->req.nrelease++] = s->map->seats[i].id;
	}
	for (long k = 0; k < n; k++)
		if (s->map->seats[pick[k]].state == SEAT_FREE)
			s->req.hold[s->req.nhold++] = s->map->seats[pick[k]].id;
	s->cursor = pick[0];
	free(pick);
	return s->req.nhold + s->req.nrelease > 0 ? SM_CHANGE : SM_NONE;
}

static enum sm_cmd do_goto(struct scr_seatmap *s)
{
	struct err e;
	int i = seatmap_find_label(s->map, s->section, s->input, &e);

	if (i < 0)
		scr_seatmap_message(s, e.msg, true);
	else
		s->cursor = i;
	return SM_NONE;
}

/* ---- seats off sale (supervisors) ---- */

/* The seats x (off) or X (on sale again) acts on, into req.seats: the
 * selected seats (for X those held from kills), else the seat under the
 * cursor when it can be. req must have room for every seat. Returns how
 * many; 0 with the reason on the status line. */
static size_t sale_targets(struct scr_seatmap *s, bool off)
{
	const struct seatmap_seat *c;
	char name[256], msg[400];

	for (size_t i = 0; i < s->map->nseats; i++) {
		const struct seatmap_seat *t = &s->map->seats[i];
		if (t->state == SEAT_MINE && (off || kills_reason(s->kills, t->id) != NULL))
			s->req.seats[s->req.nseats++] = t->id;
	}
	if (s->req.nseats > 0)
		return s->req.nseats;
	if (s->cursor < 0) {
		scr_seatmap_message(s, "No seats here.", true);
		return 0;
	}
	c = &s->map->seats[s->cursor];
	if (c->state == SEAT_KILLED || (off && c->state == SEAT_FREE)) {
		s->req.seats[s->req.nseats++] = c->id;
		return 1;
	}
	seatmap_seat_name(s->map, s->cursor, name, sizeof name);
	if (off)
		snprintf(msg, sizeof msg, "%s is %s: only seats on sale can be taken off sale.", name,
			 seatmap_state_name(c->state));
	else
		snprintf(msg, sizeof msg, "%s is not off sale: X puts seats off sale back on sale.", name);
	scr_seatmap_message(s, msg, true);
	return 0;
}

/* x: which seats, then "why?" */
static enum sm_cmd ask_why(struct scr_seatmap *s)
{
	char name[256];
	size_t n;
	int one;

	if (!req_reset(s, s->map->nseats))
		return oom(s);
	if ((n = sale_targets(s, true)) == 0)
		return SM_NONE;
	if (n == 1 && (one = seatmap_find_id(s->map, s->req.seats[0])) >= 0)
		snprintf(s->why, sizeof s->why, "Take %s off sale. Why? ",
			 seatmap_seat_name(s->map, one, name, sizeof name));
	else
		snprintf(s->why, sizeof s->why, "Take %zu seats off sale. Why? ", n);
	field_init(&s->reason, FIELD_SIZE - 1, FIELD_TEXT, s->style->ascii);
	s->prompt = SM_PROMPT_KILL;
	return SM_NONE;
}

/* The reason given: the seats again (the map may have changed meanwhile). */
static enum sm_cmd kill_confirm(struct scr_seatmap *s)
{
	const char *why = field_text(&s->reason);

	while (*why == ' ')
		why++;
	if (*why == '\0') {
		scr_seatmap_message(s, "Nothing taken off sale: say why (1, 2, 3 or type a reason).",
				    true);
		return SM_NONE;
	}
	if (!req_reset(s, s->map->nseats))
		return oom(s);
	if (sale_targets(s, true) == 0)
		return SM_NONE;
	s->req.reason = why;
	return SM_KILL;
}

/* X */
static enum sm_cmd on_sale(struct scr_seatmap *s)
{
	if (!req_reset(s, s->map->nseats))
		return oom(s);
	return sale_targets(s, false) > 0 ? SM_UNKILL : SM_NONE;
}

/* A character typed into the reason: 1, 2 or 3 first picks that reason. */
static enum sm_cmd type_reason(struct scr_seatmap *s, wint_t key)
{
	const char *preset = key >= '0' && key <= '9' ? kills_preset((int)key - '0') : NULL;

	if (field_text(&s->reason)[0] == '\0' && preset != NULL) {
		field_set(&s->reason, preset, false);
		s->prompt = SM_PROMPT_NONE;
		return kill_confirm(s);
	}
	field_insert(&s->reason, key);
	return SM_NONE;
}

static enum sm_cmd finish_prompt(struct scr_seatmap *s)
{
	enum sm_prompt p = s->prompt;

	s->prompt = SM_PROMPT_NONE;
	if (p == SM_PROMPT_KILL)
		return kill_confirm(s);
	if (s->input[0] == '\0')
		return SM_NONE;
	switch (p) {
	case SM_PROMPT_RANGE: return do_range(s);
	case SM_PROMPT_BEST: return do_best(s);
	case SM_PROMPT_GOTO: return do_goto(s);
	case SM_PROMPT_KILL: case SM_PROMPT_NONE: break;
	}
	return SM_NONE;
}

static void start_prompt(struct scr_seatmap *s, enum sm_prompt p)
{
	s->prompt = p;
	s->input[0] = '\0';
}

static void move_cursor(struct scr_seatmap *s, enum sm_cmd cmd)
{
	static const enum seatnav_dir dir[] = { NAV_UP, NAV_DOWN, NAV_LEFT, NAV_RIGHT };

	if (s->cursor < 0)
		return;
	if (cmd == SM_HOME || cmd == SM_END)
		s->cursor = seatnav_row_end(s->map, s->cursor, cmd == SM_END);
	else
		s->cursor = seatnav_move(s->map, s->section, s->cursor, dir[cmd - SM_UP]);
}

static enum sm_cmd enter(struct scr_seatmap *s)
{
	for (size_t i = 0; i < s->map->nseats; i++)
		if (s->map->seats[i].state == SEAT_MINE)
			return SM_ORDER;
	scr_seatmap_message(s, "Select seats first: Space, r for a range, b for best available.",
			    false);
	return SM_NONE;
}

static enum sm_cmd mouse(struct scr_seatmap *s)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return SM_NONE;
	return scr_seatmap_click(s, ev.y, ev.x);
}

enum sm_cmd scr_seatmap_click(struct scr_seatmap *s, int y, int x)
{
	int seat;

	if (!s->view_ready || y < s->map_y || y >= s->map_y + s->view.h)
		return SM_NONE;
	if ((seat = seatview_nearest(&s->view, s->map, x, y - s->map_y)) < 0)
		return SM_NONE;
	s->cursor = seat;
	return toggle(s);
}

enum sm_cmd scr_seatmap_do(struct scr_seatmap *s, enum sm_cmd cmd, wint_t key)
{
	size_t len;

	if (cmd != SM_NONE && cmd != SM_TYPE && cmd != SM_BACKSPACE)
		scr_seatmap_message(s, NULL, false);
	switch (cmd) {
	case SM_UP: case SM_DOWN: case SM_LEFT: case SM_RIGHT: case SM_HOME: case SM_END:
		move_cursor(s, cmd);
		return SM_NONE;
	case SM_ZOOM_IN: case SM_ZOOM_OUT:
		s->want_level = s->view.level + (cmd == SM_ZOOM_IN ? 1 : -1);
		if (s->view_ready && (s->want_level < 0 || s->want_level >= s->view.nlevels))
			scr_seatmap_message(s, cmd == SM_ZOOM_IN ? "Nearest zoom already."
						: "The whole map is shown.", false);
		return SM_NONE;
	case SM_TOGGLE: return toggle(s);
	case SM_RANGE: start_prompt(s, SM_PROMPT_RANGE); return SM_NONE;
	case SM_BEST: start_prompt(s, SM_PROMPT_BEST); return SM_NONE;
	case SM_GOTO: start_prompt(s, SM_PROMPT_GOTO); return SM_NONE;
	case SM_CLEAR: return clear_mine(s);
	case SM_TYPE:
		if (s->prompt == SM_PROMPT_KILL)
			return type_reason(s, key);
		len = strlen(s->input);
		if (len + 1 < sizeof s->input && key >= 0x20 && key < 0x7f) {
			s->input[len] = (char)key;
			s->input[len + 1] = '\0';
		}
		return SM_NONE;
	case SM_BACKSPACE:
		if (s->prompt == SM_PROMPT_KILL)
			field_edit(&s->reason, FIELD_OP_BACKSPACE, 0);
		else if ((len = strlen(s->input)) > 0)
			s->input[len - 1] = '\0';
		return SM_NONE;
	case SM_ENTER:
		return s->prompt != SM_PROMPT_NONE ? finish_prompt(s) : enter(s);
	case SM_CANCEL:
		if (s->help || s->prompt != SM_PROMPT_NONE) {
			s->help = false;
			s->prompt = SM_PROMPT_NONE;
			return SM_NONE;
		}
		return SM_BACK;
	case SM_HELP: s->help = true; return SM_NONE;
	case SM_MOUSE: return mouse(s);
	case SM_OFF_SALE: return s->can_kill ? ask_why(s) : SM_NONE;
	case SM_ON_SALE: return s->can_kill ? on_sale(s) : SM_NONE;
	case SM_RELOAD: case SM_BACK: case SM_CHANGE: case SM_ORDER: case SM_KILL: case SM_UNKILL:
		return cmd;
	case SM_NONE: break;
	}
	return SM_NONE;
}

/* ---- view ---- */

bool scr_seatmap_recalc(struct scr_seatmap *s, int height, int width)
{
	int mh = height - SM_CHROME_ROWS, mw = width;
	const struct seatmap_seat *c = s->cursor >= 0 ? &s->map->seats[s->cursor] : NULL;
	double fx = c != NULL ? c->x : 0, fy = c != NULL ? c->y : 0;
	struct seatview_opts o = { s->style->ascii, !s->style->color, true, true };

	if (mh < 1)
		mh = 1;
	if (mw < 1)
		mw = 1;
	s->map_y = 1;
	if (!s->view_ready) {
		seatview_init(&s->view, s->map, s->section, mw, mh);
		s->view_ready = true;
	} else if (s->view.w != mw || s->view.h != mh) {
		seatview_resize(&s->view, s->map, mw, mh, fx, fy);
	}
	if (s->want_level >= 0) {
		int to = s->want_level < s->view.nlevels ? s->want_level : s->view.nlevels - 1;
		if (to != s->view.level || s->want_level >= s->view.nlevels)
			seatview_set_level(&s->view, to, fx, fy);
		s->want_level = -1;
	}
	if (c != NULL)
		seatview_follow(&s->view, c->x, c->y, 6);
	if ((size_t)(mw * mh) > s->ncells) {
		struct seatview_cell *nc = realloc(s->cells, (size_t)(mw * mh) * sizeof *nc);
		if (nc == NULL)
			return false;
		s->cells = nc;
		s->ncells = (size_t)(mw * mh);
	}
	seatview_raster(&s->view, s->map, &o, s->cells);
	return true;
}

/* ---- drawing ---- */

static void put_cp(WINDOW *w, int y, int x, uint32_t cp, attr_t a)
{
	wchar_t wc[2] = { (wchar_t)cp, 0 };
	cchar_t cc;

	setcchar(&cc, wc, a, PAIR_NUMBER(a), NULL);
	mvwadd_wch(w, y, x, &cc);
}

static void draw_cell(const struct scr_seatmap *s, WINDOW *w, int y, int x,
		      const struct seatview_cell *c)
{
	const struct ui_style *st = s->style;
	bool cur = c->kind == CELL_SEAT && s->cursor >= 0 && c->seat == s->cursor;
	attr_t a = A_NORMAL;
	uint32_t ch = ' ';

	switch (c->kind) {
	case CELL_SEAT: {
		const struct seatmap_seat *seat = &s->map->seats[c->seat];
		ch = seatview_seat_glyph(seat->state, seat->accessible);
		a = state_attr(st, seat->state);
		if (seat->accessible && seat->state != SEAT_FREE && seat->state != SEAT_MINE)
			a |= A_UNDERLINE;
		else if (seat->accessible && st->color && seat->state == SEAT_FREE)
			a = COLOR_PAIR(PAIR_ACCESS) | A_BOLD;
		break;
	}
	case CELL_DOTS:
		ch = seatview_far_glyph(c, st->ascii, !st->color);
		a = state_attr(st, (enum seat_state)c->top);
		break;
	case CELL_LABEL:
		ch = c->ch;
		a = A_BOLD;
		break;
	case CELL_DECO:
		ch = c->ch;
		break;
	default:
		return;
	}
	if (cur)
		a = (a & ~A_COLOR) | A_REVERSE;
	put_cp(w, y, x, ch, a);
}

static void draw_map(const struct scr_seatmap *s, WINDOW *w)
{
	const struct seatview *v = &s->view;
	int cc = -1, cr = -1;

	for (int r = 0; r < v->h; r++)
		for (int c = 0; c < v->w; c++)
			draw_cell(s, w, s->map_y + r, c, &s->cells[r * v->w + c]);
	if (s->cursor < 0)
		return;
	/* The cursor cell, also at far levels where it shares a cell. */
	if (seatview_project(v, s->map->seats[s->cursor].x, s->map->seats[s->cursor].y, &cc, &cr)) {
		const struct seatview_cell *c = &s->cells[cr * v->w + cc];
		if (c->kind == CELL_DOTS) {
			uint32_t ch = seatview_far_glyph(c, s->style->ascii, !s->style->color);
			put_cp(w, s->map_y + cr, cc, ch, A_REVERSE);
		}
		/* Near: the seat's number above it, when there is room. */
		const char *num = s->map->seats[s->cursor].number;
		int n = (int)strlen(num), x0 = cc - (n - 1) / 2;
		bool room = !seatview_far(v) && cr > 0 && x0 >= 0 && x0 + n <= v->w;
		for (int k = 0; room && k < n; k++)
			room = s->cells[(cr - 1) * v->w + x0 + k].kind == CELL_EMPTY &&
			       (unsigned char)num[k] < 0x80;
		if (room) {
			wattrset(w, A_BOLD);
			mvwaddstr(w, s->map_y + cr - 1, x0, num);
			wattrset(w, A_NORMAL);
		}
	}
}

static void draw_title(const struct scr_seatmap *s, WINDOW *w, int width)
{
	char right[64];
	int rw;

	snprintf(right, sizeof right, " zoom %d/%d ", s->view.level + 1, s->view.nlevels);
	rw = draw_width(right, true);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width - rw, s->title, s->style->ascii);
	draw_text(w, 0, width - rw, rw, right, true);
	wattrset(w, A_NORMAL);
}

struct legend_item {
	uint32_t glyph;
	enum seat_state st;
	bool access;
	const char *words;
};

static void draw_legend(const struct scr_seatmap *s, WINDOW *w, int y, int width)
{
	static const struct legend_item near[] = {
		{ 'o', SEAT_FREE, false, "free" }, { '*', SEAT_MINE, false, "yours" },
		{ 'x', SEAT_HELD, false, "held by other" }, { '#', SEAT_SOLD, false, "sold" },
		{ '-', SEAT_KILLED, false, "not for sale" }, { 'a', SEAT_FREE, true, "accessible" },
	};
	static const struct legend_item far_ascii[] = {
		{ 'O', SEAT_FREE, false, "all free" }, { 'o', SEAT_FREE, false, "half+ free" },
		{ ':', SEAT_HELD, false, "some free" }, { '.', SEAT_SOLD, false, "none free" },
		{ '*', SEAT_MINE, false, "yours" },
	};
	static const struct legend_item far_color[] = {
		{ 0x28FF, SEAT_MINE, false, "yours" }, { 0x28FF, SEAT_FREE, false, "free" },
		{ 0x28FF, SEAT_HELD, false, "held" }, { 0x28FF, SEAT_SOLD, false, "sold" },
		{ 0x28FF, SEAT_KILLED, false, "not for sale  (dots: seats)" },
	};
	static const struct legend_item far_mono[] = {
		{ 0x28FF, SEAT_FREE, false, "free seats" },
		{ 0xB7, SEAT_SOLD, false, "none free here   + zooms in for states" },
	};
	const struct legend_item *it = near;
	size_t n = sizeof near / sizeof near[0];
	int x = 1;

	if (seatview_far(&s->view)) {
		if (s->style->ascii)
			it = far_ascii, n = sizeof far_ascii / sizeof far_ascii[0];
		else if (s->style->color)
			it = far_color, n = sizeof far_color / sizeof far_color[0];
		else
			it = far_mono, n = sizeof far_mono / sizeof far_mono[0];
	}
	for (size_t i = 0; i < n && x < width - 2; i++) {
		attr_t a = state_attr(s->style, it[i].st);
		if (it[i].access && s->style->color)
			a = COLOR_PAIR(PAIR_ACCESS) | A_BOLD;
		put_cp(w, y, x, it[i].glyph, a);
		int room = width - x - 3;
		int tw = draw_width(it[i].words, true);
		draw_text(w, y, x + 2, tw < room ? tw : room, it[i].words, s->style->ascii);
		x += 2 + tw + 2;
	}
}

static void draw_info(const struct scr_seatmap *s, WINDOW *w, int y, int width)
{
	char line[1024], right[128], name[256];
	int mine = 0, rw;

	for (size_t i = 0; i < s->map->nsections; i++)
		mine += s->map->sections[i].count[SEAT_MINE];
	if (s->cursor >= 0) {
		const struct seatmap_seat *c = &s->map->seats[s->cursor];
		const char *who = seatmap_holder(s->map, s->cursor);
		const char *price = (size_t)c->section < s->nprices ? s->prices[c->section] : NULL;
		const char *why = kills_reason(s->kills, c->id);
		char state[400];
		seatmap_seat_name(s->map, s->cursor, name, sizeof name);
		/* "A12 — off sale: House seats"; a seat held from kills says both */
		if (why != NULL && c->state == SEAT_KILLED)
			snprintf(state, sizeof state, " %s off sale: %s", s->style->ascii ? "-" : "—", why);
		else
			snprintf(state, sizeof state, ": %s%s%s%s%s%s", seatmap_state_name(c->state),
				 c->state == SEAT_HELD && who != NULL ? " by " : "",
				 c->state == SEAT_HELD && who != NULL ? who : "",
				 why != NULL ? " (off sale: " : "", why != NULL ? why : "",
				 why != NULL ? ")" : "");
		snprintf(line, sizeof line, " %s%s%s%s%s", name, state,
			 c->accessible ? ", accessible" : "", price != NULL ? "  " : "",
			 price != NULL ? price : "");
	} else {
		snprintf(line, sizeof line, " No seats here.");
	}
	snprintf(right, sizeof right, "%d selected%s%s ", mine, s->countdown[0] != '\0' ? ", " : "",
		 s->countdown);
	rw = draw_width(right, s->style->ascii);
	wattrset(w, A_BOLD);
	draw_text(w, y, 0, width - rw, line, s->style->ascii);
	draw_text(w, y, width - rw, rw, right, s->style->ascii);
	wattrset(w, A_NORMAL);
}

static void draw_bottom(const struct scr_seatmap *s, WINDOW *w, int height, int width)
{
	static const char *const ask[] = { "", "Seats (like A12-A15, B3): ",
					   "How many seats together? ", "Go to seat: " };
	bool a = s->style->ascii;
	char line[600];
	const char *keys;

	if (s->prompt == SM_PROMPT_KILL) {
		int qw = draw_width(s->why, a) + 1;
		if (qw > width / 2)
			qw = width / 2;
		draw_text(w, height - 2, 0, qw, "", a);
		draw_text(w, height - 2, 1, qw - 1, s->why, a);
		field_draw(&s->reason, w, height - 2, qw, width - qw - 1, true);
		keys = " 1 House seats  2 Production kill  3 Broken seat  or type why, Enter  Esc";
	} else if (s->prompt != SM_PROMPT_NONE) {
		snprintf(line, sizeof line, " %s%s_", ask[s->prompt], s->input);
		draw_text(w, height - 2, 0, width, line, a);
		keys = " type, Enter to confirm, Esc to cancel";
	} else {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		snprintf(line, sizeof line, " %s", s->status);
		draw_text(w, height - 2, 0, width, line, a);
		wattrset(w, A_NORMAL);
		keys = a ? " hjkl move +- zoom Space select r range b best g goto Enter order Esc back ?"
			 : " ←↓↑→ move  +- zoom  Space select  r range  b best  Enter order  Esc back  ?";
		if (s->can_kill)
			keys = a ? " hjkl +- Space select r range b best g goto x/X off/on sale Enter order Esc ?"
				 : " ←↓↑→ +-  Space select  r range  b best  x/X off/on sale  Enter order  Esc  ?";
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys, a);
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_seatmap *s, WINDOW *w, int height, int width)
{
	static const char *const supervisor[] = {
		"x                 take the selected seats (or this one)",
		"                  off sale; asks why",
		"X                 put seats off sale back on sale",
		"Space on a -      take it into the sale to sell it",
	};
	const char *all[32];
	int n = 0, at;
	static const char *const lines[] = {
		"Arrows, h j k l   move to the nearest seat that way",
		"Home, End, ^ $    ends of the row",
		"+ and -           zoom in and out",
		"Space, click      select or deselect the seat",
		"r                 type seats: A12-A15, B3",
		"b                 best available seats together",
		"g or /            go to a seat by its label",
		"c                 let all selected seats go",
		"Enter             go on to the order",
		"Ctrl-R, F5        read the map again",
		"Esc               back",
		"",
		"Any key closes this help.",
	};

	/* supervisors' keys go before "Esc back" and the closing words */
	at = (int)(sizeof lines / sizeof lines[0]) - 3;
	for (int i = 0; i < at; i++)
		all[n++] = lines[i];
	for (size_t i = 0; s->can_kill && i < sizeof supervisor / sizeof supervisor[0]; i++)
		all[n++] = supervisor[i];
	for (int i = at; i < (int)(sizeof lines / sizeof lines[0]); i++)
		all[n++] = lines[i];
	draw_panel(w, s->style, height, width, "Seat map keys", all, n, 60);
}

void scr_seatmap_draw(const struct scr_seatmap *s, WINDOW *w)
{
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_title(s, w, width);
	if (s->view_ready && s->cells != NULL && s->view.w == width &&
	    s->view.h == height - SM_CHROME_ROWS)
		draw_map(s, w);
	draw_legend(s, w, height - 4, width);
	draw_info(s, w, height - 3, width);
	draw_bottom(s, w, height, width);
	if (s->help)
		draw_help(s, w, height, width);
}
