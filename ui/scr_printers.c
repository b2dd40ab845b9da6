/* scr_printers: the print server's printers, their state, the choice. */
#include "scr_printers.h"

#include <stdio.h>
#include <string.h>

/* Rows that are not printer rows: title, current printer, context, column
 * heads above; blank, message, key bar below. */
#define CHROME_ROWS 7
#define LIST_Y 4

#define CTRL(c) ((c) & 0x1f)

struct key_binding {
	bool is_code;
	wint_t key;
	enum pr_cmd cmd;
};

static const struct key_binding keys[] = {
	{ true, KEY_UP, PR_UP }, { false, 'k', PR_UP },
	{ true, KEY_DOWN, PR_DOWN }, { false, 'j', PR_DOWN },
	{ true, KEY_HOME, PR_HOME }, { false, 'g', PR_HOME },
	{ true, KEY_END, PR_END }, { false, 'G', PR_END },
	{ true, KEY_ENTER, PR_CHOOSE }, { false, '\r', PR_CHOOSE }, { false, '\n', PR_CHOOSE },
	{ false, 'r', PR_RELOAD }, { false, CTRL('r'), PR_RELOAD }, { true, KEY_F(5), PR_RELOAD },
	{ false, 27, PR_BACK }, { false, 'q', PR_BACK },
	{ false, '?', PR_HELP }, { true, KEY_F(1), PR_HELP },
};

void scr_printers_init(struct scr_printers *s, const struct ui_style *st)
{
	memset(s, 0, sizeof *s);
	s->style = st;
}

static size_t count(const struct scr_printers *s)
{
	return s->dests != NULL && s->down[0] == '\0' ? s->dests->n : 0;
}

void scr_printers_set(struct scr_printers *s, const struct print_dests *d, const char *current,
		      bool remembered)
{
	s->dests = d;
	s->down[0] = '\0';
	snprintf(s->current, sizeof s->current, "%s", current != NULL ? current : "");
	s->remembered = remembered;
	s->cursor = 0;
	for (size_t i = 0; i < count(s); i++)
		if (strcmp(d->v[i].name, s->current) == 0)
			s->cursor = i;
	s->top = 0;
}

void scr_printers_set_down(struct scr_printers *s, const char *why)
{
	s->dests = NULL;
	snprintf(s->down, sizeof s->down, "%s", why != NULL && why[0] != '\0' ? why
		 : "The print server cannot be reached.");
	s->cursor = s->top = 0;
}

void scr_printers_set_context(struct scr_printers *s, const char *text)
{
	snprintf(s->context, sizeof s->context, "%s", text != NULL ? text : "");
}

void scr_printers_message(struct scr_printers *s, const char *msg, bool error)
{
	snprintf(s->status, sizeof s->status, "%s", msg != NULL ? msg : "");
	s->status_error = error;
}

const struct print_dest *scr_printers_selected(const struct scr_printers *s)
{
	return s->cursor < count(s) ? &s->dests->v[s->cursor] : NULL;
}

enum pr_cmd scr_printers_key(const struct scr_printers *s, bool is_code, wint_t key)
{
	if (s->help)
		return PR_CANCEL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	return PR_NONE;
}

enum pr_cmd scr_printers_do(struct scr_printers *s, enum pr_cmd cmd)
{
	size_t n = count(s);

	if (cmd != PR_NONE && cmd != PR_CANCEL && cmd != PR_HELP)
		scr_printers_message(s, NULL, false);
	switch (cmd) {
	case PR_UP: if (s->cursor > 0) s->cursor--; break;
	case PR_DOWN: if (s->cursor + 1 < n) s->cursor++; break;
	case PR_HOME: s->cursor = 0; break;
	case PR_END: s->cursor = n > 0 ? n - 1 : 0; break;
	case PR_HELP: s->help = true; break;
	case PR_CANCEL: s->help = false; break;
	case PR_CHOOSE:
		if (scr_printers_selected(s) != NULL)
			return PR_CHOOSE;
		scr_printers_message(s, s->down[0] != '\0' ? "No printer to choose: the print server "
				     "is not answering. r asks again." : "No printer to choose.", true);
		break;
	case PR_RELOAD: case PR_BACK: return cmd;
	case PR_NONE: break;
	}
	return PR_NONE;
}

void scr_printers_recalc(struct scr_printers *s, int height, int width)
{
	size_t n = count(s);
	char state[300];
	int most = width - 18 - 1 - 20; /* mark and name before, 20 columns of description after */

	s->state_w = 12;
	for (size_t i = 0; i < n; i++) {
		print_dest_status(&s->dests->v[i], state, sizeof state);
		if (draw_width(state, s->style->ascii) > s->state_w)
			s->state_w = draw_width(state, s->style->ascii);
	}
	if (s->state_w > most)
		s->state_w = most > 12 ? most : 12;
	s->rows = height - CHROME_ROWS > 0 ? height - CHROME_ROWS : 0;
	if (s->cursor >= n)
		s->cursor = n > 0 ? n - 1 : 0;
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->rows > 0 && s->cursor >= s->top + (size_t)s->rows)
		s->top = s->cursor - (size_t)s->rows + 1;
	if (s->top + (size_t)s->rows > n)
		s->top = n > (size_t)s->rows ? n - (size_t)s->rows : 0;
}

/* ---- drawing ---- */

struct columns {
	int mark_x, name_x, name_w, state_x, state_w, desc_x, desc_w;
};

static struct columns layout(const struct scr_printers *s, int width)
{
	struct columns c;

	c.mark_x = 1;
	c.name_x = 3, c.name_w = 14;
	c.state_x = c.name_x + c.name_w + 1, c.state_w = s->state_w > 0 ? s->state_w : 30;
	c.desc_x = c.state_x + c.state_w + 1, c.desc_w = width - c.desc_x - 1;
	return c;
}

static bool troubled(const struct print_dest *d)
{
	return d->state == PRINT_STOPPED || !d->accepting;
}

static void draw_head(const struct scr_printers *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	char t[320];

	snprintf(t, sizeof t, " Printers %s where tickets print", a ? "-" : "—");
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, t, a);
	wattrset(w, A_NORMAL);
	if (s->current[0] != '\0')
		snprintf(t, sizeof t, "Tickets print on \"%s\" (%s).", s->current,
			 s->remembered ? "your choice" : "the print server's default");
	else
		snprintf(t, sizeof t, "No printer is chosen yet: choose one.");
	wattrset(w, A_BOLD);
	draw_text(w, 1, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	draw_text(w, 2, 2, width - 4, s->context, a);
}

static void draw_list(const struct scr_printers *s, WINDOW *w, int width)
{
	struct columns c = layout(s, width);
	bool a = s->style->ascii;
	char state[300], desc[300];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, LIST_Y - 1, c.name_x, c.name_w, "Printer", a);
	draw_text(w, LIST_Y - 1, c.state_x, c.state_w, "State", a);
	draw_text(w, LIST_Y - 1, c.desc_x, c.desc_w, "Description", a);
	wattrset(w, A_NORMAL);
	if (count(s) == 0) {
		draw_wrap(w, LIST_Y + 1, 2, width - 4, 2, "The print server has no printers set up. "
			  "Ask whoever looks after the printers to add one; r asks again.", a);
		return;
	}
	for (int r = 0; r < s->rows && s->top + (size_t)r < count(s); r++) {
		size_t i = s->top + (size_t)r;
		const struct print_dest *d = &s->dests->v[i];
		bool cur = i == s->cursor;
		int y = LIST_Y + r;

		print_dest_status(d, state, sizeof state);
		snprintf(desc, sizeof desc, "%s%s", d->info, d->is_default ? " (default)" : "");
		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, c.mark_x, 1, strcmp(d->name, s->current) == 0 ? (a ? "*" : "●") : "", a);
		draw_text(w, y, c.name_x, c.name_w, d->name, a);
		draw_text(w, y, c.desc_x, c.desc_w, desc, a);
		if (!cur && troubled(d))
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, y, c.state_x, c.state_w, state, a);
		wattrset(w, A_NORMAL);
	}
	if (s->top > 0)
		mvwaddstr(w, LIST_Y, width - 1, a ? "^" : "↑");
	if (s->top + (size_t)s->rows < count(s))
		mvwaddstr(w, LIST_Y + s->rows - 1, width - 1, a ? "v" : "↓");
}

static void draw_down(const struct scr_printers *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	int used;

	wattrset(w, draw_attr(s->style, ROLE_ERROR));
	used = draw_wrap(w, LIST_Y, 2, width - 4, 4, s->down, a);
	wattrset(w, A_NORMAL);
	draw_text(w, LIST_Y + used + 1, 2, width - 4,
		  "The tickets are safe: whatever is not printed stays listed as unprinted.", a);
	draw_text(w, LIST_Y + used + 2, 2, width - 4, "r: ask the print server again   Esc: back", a);
}

static void draw_help(const struct scr_printers *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Up, Down, j, k    move the cursor",
		"Home, End, g, G   first, last printer",
		"Enter             print tickets on this printer",
		"                  (remembered for next time)",
		"r, Ctrl-R, F5     ask the print server again",
		"Esc, q            back",
		"? or F1           this help",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: printers", lines,
		   (int)(sizeof lines / sizeof lines[0]), 54);
}

void scr_printers_draw(const struct scr_printers *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_head(s, w, width);
	if (s->down[0] != '\0')
		draw_down(s, w, width);
	else
		draw_list(s, w, width);
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  a ? " Up/Down move  Enter choose  r ask again  Esc back  ? help"
		    : " ↑↓ move  Enter choose  r ask again  Esc back  ? help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
}
