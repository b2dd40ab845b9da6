/* scr_sections: which part of the house to sell from. */
#include "scr_sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)
/* Title, column heads; status, keys. */
#define TOP_ROWS 2
#define BOTTOM_ROWS 2

enum { PAIR_EMPTYISH = 24, PAIR_HALF, PAIR_FULLISH };

struct key_binding {
	bool is_code;
	wint_t key;
	enum sec_cmd cmd;
};

static const struct key_binding keys[] = {
	{ true, KEY_UP, SEC_UP }, { true, KEY_DOWN, SEC_DOWN }, { false, 'k', SEC_UP },
	{ false, 'j', SEC_DOWN }, { true, KEY_HOME, SEC_HOME }, { true, KEY_END, SEC_END },
	{ false, 'g', SEC_HOME }, { false, 'G', SEC_END },
	{ true, KEY_ENTER, SEC_OPEN }, { false, '\n', SEC_OPEN }, { false, '\r', SEC_OPEN },
	{ false, 'w', SEC_WHOLE }, { false, 27, SEC_CANCEL }, { false, '?', SEC_HELP },
	{ true, KEY_F(1), SEC_HELP }, { false, CTRL('r'), SEC_RELOAD }, { true, KEY_F(5), SEC_RELOAD },
};

static bool collect(struct scr_sections *s)
{
	int *o = realloc(s->offered, (s->map->nsections + 1) * sizeof *o);

	if (o == NULL)
		return false;
	s->offered = o;
	s->noffered = 0;
	for (size_t i = 0; i < s->map->nsections; i++)
		if (s->map->sections[i].active)
			s->offered[s->noffered++] = (int)i;
	return true;
}

bool scr_sections_init(struct scr_sections *s, const struct ui_style *st,
		       const struct seatmap *map, const char *title)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	s->map = map;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
	if (st->color) {
		init_pair(PAIR_EMPTYISH, COLOR_GREEN, -1);
		init_pair(PAIR_HALF, COLOR_YELLOW, -1);
		init_pair(PAIR_FULLISH, COLOR_RED, -1);
	}
	return collect(s);
}

void scr_sections_free(struct scr_sections *s)
{
	free(s->offered);
	free(s->cells);
	s->offered = NULL;
	s->cells = NULL;
	s->noffered = s->ncells = 0;
}

bool scr_sections_changed(struct scr_sections *s)
{
	int cur = scr_sections_current(s);

	if (!collect(s))
		return false;
	s->cursor = 0;
	for (size_t i = 0; i < s->noffered; i++)
		if (s->offered[i] == cur)
			s->cursor = i;
	s->view_ready = false;
	return true;
}

void scr_sections_message(struct scr_sections *s, const char *msg, bool error)
{
	snprintf(s->status, sizeof s->status, "%s", msg != NULL ? msg : "");
	s->status_error = error;
}

int scr_sections_current(const struct scr_sections *s)
{
	return s->cursor < s->noffered ? s->offered[s->cursor] : -1;
}

void scr_sections_counts(const struct seatmap *m, int section, int *free_, int *total)
{
	const struct seatmap_section *sec = &m->sections[section];

	if (sec->general) {
		*total = sec->capacity;
		*free_ = sec->capacity - sec->sold - sec->held;
		if (*free_ < 0)
			*free_ = 0;
		return;
	}
	*total = 0;
	for (int k = 0; k < SEAT_NSTATES; k++)
		*total += sec->count[k];
	*free_ = sec->count[SEAT_FREE];
}

enum sec_cmd scr_sections_key(const struct scr_sections *s, bool is_code, wint_t key)
{
	if (s->help)
		return SEC_CANCEL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	/* A section's number opens it directly. */
	if (!is_code && key >= '1' && key <= '9')
		return SEC_OPEN;
	return SEC_NONE;
}

enum sec_cmd scr_sections_do(struct scr_sections *s, enum sec_cmd cmd, wint_t key)
{
	if (cmd != SEC_NONE)
		scr_sections_message(s, NULL, false);
	switch (cmd) {
	case SEC_UP: if (s->cursor > 0) s->cursor--; return SEC_NONE;
	case SEC_DOWN: if (s->cursor + 1 < s->noffered) s->cursor++; return SEC_NONE;
	case SEC_HOME: s->cursor = 0; return SEC_NONE;
	case SEC_END: s->cursor = s->noffered > 0 ? s->noffered - 1 : 0; return SEC_NONE;
	case SEC_CANCEL:
		if (s->help) {
			s->help = false;
			return SEC_NONE;
		}
		return SEC_BACK;
	case SEC_HELP: s->help = true; return SEC_NONE;
	case SEC_OPEN:
		if (key >= '1' && key <= '9') {
			if ((size_t)(key - '1') >= s->noffered) {
				scr_sections_message(s, "No section with that number.", true);
				return SEC_NONE;
			}
			s->cursor = (size_t)(key - '1');
		}
		if (scr_sections_current(s) < 0) {
			scr_sections_message(s, "No section is on sale for this event.", true);
			return SEC_NONE;
		}
		return SEC_OPEN;
	case SEC_WHOLE:
		if (s->map->nseats == 0 || s->map->nseats > SEC_WHOLE_MAX) {
			scr_sections_message(s, s->map->nseats == 0 ? "This venue has no numbered seats."
				: "Too many seats for one map: open a section.", true);
			return SEC_NONE;
		}
		return SEC_WHOLE;
	case SEC_RELOAD: case SEC_BACK: return cmd;
	case SEC_NONE: break;
	}
	return SEC_NONE;
}

bool scr_sections_recalc(struct scr_sections *s, int height, int width)
{
	int mh = height - TOP_ROWS - BOTTOM_ROWS, mw;
	struct seatview_opts o = { s->style->ascii, true, false, true };

	s->list_w = width / 3 < 34 ? 34 : width / 3;
	mw = width - s->list_w - 1;
	if (mh < 1)
		mh = 1;
	if (mw < 1)
		mw = 1;
	if (!s->view_ready || s->view.w != mw || s->view.h != mh) {
		seatview_init(&s->view, s->map, -1, mw, mh);
		s->view_ready = true;
	}
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

/* 0: mostly free … 3: nearly full, 4: sold out. */
static int fullness(const struct seatmap *m, int section)
{
	int f, t;

	scr_sections_counts(m, section, &f, &t);
	if (t <= 0 || f <= 0)
		return 4;
	return f * 4 >= t * 3 ? 0 : f * 2 >= t ? 1 : f * 4 >= t ? 2 : 3;
}

static attr_t fill_attr(const struct ui_style *st, int full)
{
	if (!st->color)
		return A_NORMAL;
	return COLOR_PAIR(full <= 1 ? PAIR_EMPTYISH : full == 2 ? PAIR_HALF : PAIR_FULLISH);
}

static int offered_number(const struct scr_sections *s, int section)
{
	for (size_t i = 0; i < s->noffered; i++)
		if (s->offered[i] == section)
			return (int)i + 1;
	return 0;
}

static void put_cp(WINDOW *w, int y, int x, uint32_t cp, attr_t a)
{
	wchar_t wc[2] = { (wchar_t)cp, 0 };
	cchar_t cc;

	setcchar(&cc, wc, a, PAIR_NUMBER(a), NULL);
	mvwadd_wch(w, y, x, &cc);
}

static void draw_venue(const struct scr_sections *s, WINDOW *w, int y0, int x0)
{
	static const uint32_t shade_u[] = { 0x2591, 0x2592, 0x2593, 0x2588, 'X' };
	static const uint32_t shade_a[] = { '.', ':', '+', '#', 'X' };
	const struct seatview *v = &s->view;
	int cur = scr_sections_current(s);

	for (int r = 0; r < v->h; r++)
		for (int c = 0; c < v->w; c++) {
			const struct seatview_cell *cell = &s->cells[r * v->w + c];
			int sec = cell->section, full;
			if (cell->kind == CELL_DECO) {
				put_cp(w, y0 + r, x0 + c, cell->ch, A_NORMAL);
				continue;
			}
			if (sec < 0 || cell->n == 0 || offered_number(s, sec) == 0)
				continue;
			full = fullness(s->map, sec);
			attr_t a = fill_attr(s->style, full) | (sec == cur ? A_REVERSE : A_NORMAL);
			put_cp(w, y0 + r, x0 + c, s->style->ascii ? shade_a[full] : shade_u[full], a);
		}
	/* Each section's number in the middle of its seats. */
	for (size_t i = 0; i < s->noffered && i < 9; i++) {
		const struct seatmap_section *sec = &s->map->sections[s->offered[i]];
		int c, r;
		if (sec->general || sec->count[0] + sec->count[1] + sec->count[2] + sec->count[3] +
		    sec->count[4] == 0)
			continue;
		if (seatview_project(v, (sec->min_x + sec->max_x) / 2, (sec->min_y + sec->max_y) / 2,
				     &c, &r)) {
			wattrset(w, A_BOLD | (s->offered[i] == cur ? A_REVERSE : A_NORMAL));
			mvwaddch(w, y0 + r, x0 + c, (chtype)('1' + i));
			wattrset(w, A_NORMAL);
		}
	}
}

static void draw_list(const struct scr_sections *s, WINDOW *w, int height)
{
	bool a = s->style->ascii;
	int lw = s->list_w, rows = height - TOP_ROWS - BOTTOM_ROWS;
	char left[300], right[64];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 1, 1, lw - 13, "Section", a);
	draw_text_right(w, 1, lw - 12, 11, "Free", a);
	wattrset(w, A_NORMAL);
	if (s->noffered == 0)
		draw_text(w, 2, 1, lw - 2, "No section on sale.", a);
	for (size_t i = 0; i < s->noffered && (int)i < rows; i++) {
		int sec = s->offered[i], f, t;
		bool cur = i == s->cursor;
		scr_sections_counts(s->map, sec, &f, &t);
		if (i < 9)
			snprintf(left, sizeof left, "%zu %s", i + 1, s->map->sections[sec].name);
		else
			snprintf(left, sizeof left, "  %s", s->map->sections[sec].name);
		if (s->map->sections[sec].general)
			snprintf(right, sizeof right, f > 0 ? "%d left" : "full", f);
		else
			snprintf(right, sizeof right, f > 0 ? "%d/%d" : "sold out", f, t);
		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, TOP_ROWS + (int)i, 0, ' ', lw);
		draw_text(w, TOP_ROWS + (int)i, 1, lw - 13, left, a);
		if (!cur && fullness(s->map, sec) >= 3)
			wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text_right(w, TOP_ROWS + (int)i, lw - 12, 11, right, a);
		wattrset(w, A_NORMAL);
	}
}

static void draw_help(const struct scr_sections *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Up, Down, j, k   choose a section",
		"Enter, 1-9       open it",
		"w                the whole venue's seat map",
		"Ctrl-R, F5       read the counts again",
		"Esc              back to the events",
		"",
		"Shading: lighter is emptier; X is sold out.",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Section keys", lines,
		   (int)(sizeof lines / sizeof lines[0]), 50);
}

void scr_sections_draw(const struct scr_sections *s, WINDOW *w)
{
	int height, width;
	bool a = s->style->ascii;
	char line[320];

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, s->title, a);
	wattrset(w, A_NORMAL);
	draw_list(s, w, height);
	if (s->view_ready && s->cells != NULL)
		draw_venue(s, w, TOP_ROWS, s->list_w + 1);
	if (s->status_error)
		wattrset(w, draw_attr(s->style, ROLE_ERROR));
	snprintf(line, sizeof line, " %s", s->status);
	draw_text(w, height - 2, 0, width, line, a);
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  a ? " Up/Down choose  Enter open  w whole venue  ^R reload  Esc back  ? help"
		    : " ↑↓ choose  Enter open  w whole venue  ^R reload  Esc back  ? help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
}
