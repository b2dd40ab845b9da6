/* draw: width-aware text so UTF-8 titles never break the columns. */
#include "draw.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { PAIR_TITLE = 1, PAIR_CURSOR, PAIR_KEYS, PAIR_ERROR, PAIR_LOW };

void draw_colors_init(const struct ui_style *st)
{
	if (!st->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_CURSOR, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_KEYS, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_LOW, COLOR_YELLOW, -1);
}

attr_t draw_attr(const struct ui_style *st, enum draw_role role)
{
	switch (role) {
	case ROLE_TITLE:
		return st->color ? COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE | A_BOLD;
	case ROLE_HEADER:
		return A_BOLD | A_UNDERLINE;
	case ROLE_CURSOR:
		return st->color ? COLOR_PAIR(PAIR_CURSOR) : A_REVERSE;
	case ROLE_KEYS:
		return st->color ? COLOR_PAIR(PAIR_KEYS) : A_REVERSE;
	case ROLE_ERROR:
		return st->color ? COLOR_PAIR(PAIR_ERROR) | A_BOLD : A_BOLD;
	case ROLE_LOW:
		return st->color ? COLOR_PAIR(PAIR_LOW) | A_BOLD : A_BOLD;
	case ROLE_NORMAL:
		break;
	}
	return A_NORMAL;
}

/* Decodes the next character of s for display: *wc and its width *cw.
 * Returns the bytes consumed (0 at the end). */
static size_t next_char(const char *s, bool ascii, wchar_t *wc, int *cw)
{
	unsigned char c = (unsigned char)*s;
	mbstate_t st;
	size_t k;

	if (c == '\0')
		return 0;
	if (ascii || c < 0x80) {
		*wc = (c >= 0x20 && c < 0x7f) ? (wchar_t)c : L'?';
		*cw = 1;
		if (c < 0x80)
			return 1;
		for (k = 1; ((unsigned char)s[k] & 0xC0) == 0x80; k++)
			; /* one '?' per UTF-8 sequence, not per byte */
		return k;
	}
	memset(&st, 0, sizeof st);
	k = mbrtowc(wc, s, strlen(s), &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*wc = L'?';
		*cw = 1;
		return 1;
	}
	*cw = wcwidth(*wc);
	if (*cw < 0) {
		*wc = L'?';
		*cw = 1;
	}
	return k;
}

int draw_width(const char *s, bool ascii)
{
	int total = 0, cw;
	wchar_t wc;
	size_t k;

	while ((k = next_char(s, ascii, &wc, &cw)) != 0) {
		total += cw;
		s += k;
	}
	return total;
}

static void put_wc(WINDOW *w, wchar_t wc)
{
	waddnwstr(w, &wc, 1);
}

void draw_text(WINDOW *w, int y, int x, int width, const char *s, bool ascii)
{
	int used = 0, cw, limit;
	bool cut = draw_width(s, ascii) > width;
	wchar_t wc;
	size_t k;

	if (width <= 0)
		return;
	wmove(w, y, x);
	limit = cut ? width - 1 : width; /* keep a column for the ellipsis */
	while ((k = next_char(s, ascii, &wc, &cw)) != 0 && used + cw <= limit) {
		put_wc(w, wc);
		used += cw;
		s += k;
	}
	if (cut) {
		put_wc(w, ascii ? L'~' : L'…');
		used++;
	}
	for (; used < width; used++)
		waddch(w, ' ');
}

void draw_text_right(WINDOW *w, int y, int x, int width, const char *s, bool ascii)
{
	int sw = draw_width(s, ascii);

	if (sw >= width) {
		draw_text(w, y, x, width, s, ascii);
		return;
	}
	mvwhline(w, y, x, ' ', width - sw);
	draw_text(w, y, x + width - sw, sw, s, ascii);
}

int draw_wrap(WINDOW *w, int y, int x, int width, int lines, const char *s, bool ascii)
{
	char buf[1024];
	int row = 0;

	if (width <= 0 || lines <= 0)
		return 0;
	while (*s == ' ')
		s++;
	do {
		/* the longest prefix that fits and ends at a space (or the end) */
		size_t fit = 0, brk = 0, k;
		int used = 0, cw;
		wchar_t wc;

		while ((k = next_char(s + fit, ascii, &wc, &cw)) != 0 && used + cw <= width) {
			used += cw;
			fit += k;
			if (s[fit] == ' ' || s[fit] == '\0')
				brk = fit;
		}
		if (s[fit] == '\0')
			brk = fit;
		if (brk == 0 || row == lines - 1)
			brk = row == lines - 1 ? strlen(s) : fit; /* the last row: draw_text cuts it */
		if (brk >= sizeof buf)
			brk = sizeof buf - 1;
		memcpy(buf, s, brk);
		buf[brk] = '\0';
		draw_text(w, y + row, x, width, buf, ascii);
		row++;
		s += brk;
		while (*s == ' ')
			s++;
	} while (*s != '\0' && row < lines);
	return row;
}

bool draw_too_small(WINDOW *w, const struct ui_style *st)
{
	int h, wd;
	char msg[96];

	getmaxyx(w, h, wd);
	if (h >= DRAW_MIN_LINES && wd >= DRAW_MIN_COLS)
		return false;
	snprintf(msg, sizeof msg, "Terminal too small: need %d%s%d, have %d%s%d", DRAW_MIN_COLS,
		 st->ascii ? "x" : "×", DRAW_MIN_LINES, wd, st->ascii ? "x" : "×", h);
	werase(w);
	/* curses wraps at the right edge, so even a narrow terminal gets the
	 * words; at the last cell it stops instead of scrolling. */
	if (h > 0)
		mvwaddstr(w, h / 2 > 0 && wd >= draw_width(msg, st->ascii) ? h / 2 : 0, 0, msg);
	return true;
}

void draw_box(WINDOW *w, const struct ui_style *st, int y, int x, int h, int wd)
{
	chtype hl = st->ascii ? '-' : ACS_HLINE, vl = st->ascii ? '|' : ACS_VLINE;
	chtype c1 = st->ascii ? '+' : ACS_ULCORNER, c2 = st->ascii ? '+' : ACS_URCORNER;
	chtype c3 = st->ascii ? '+' : ACS_LLCORNER, c4 = st->ascii ? '+' : ACS_LRCORNER;

	for (int r = y + 1; r < y + h - 1; r++)
		mvwhline(w, r, x + 1, ' ', wd - 2);
	mvwhline(w, y, x + 1, hl, wd - 2);
	mvwhline(w, y + h - 1, x + 1, hl, wd - 2);
	mvwvline(w, y + 1, x, vl, h - 2);
	mvwvline(w, y + 1, x + wd - 1, vl, h - 2);
	mvwaddch(w, y, x, c1);
	mvwaddch(w, y, x + wd - 1, c2);
	mvwaddch(w, y + h - 1, x, c3);
	mvwaddch(w, y + h - 1, x + wd - 1, c4);
}

void draw_panel(WINDOW *w, const struct ui_style *st, int height, int width, const char *heading,
		const char *const *lines, int n, int bw)
{
	int bh = n + (heading != NULL ? 4 : 2), y = (height - bh) / 2, x = (width - bw) / 2;

	draw_box(w, st, y, x, bh, bw);
	if (heading != NULL) {
		wattrset(w, A_BOLD);
		draw_text(w, y + 1, x + 2, bw - 4, heading, st->ascii);
		wattrset(w, A_NORMAL);
		y += 2;
	}
	for (int i = 0; i < n; i++)
		draw_text(w, y + 1 + i, x + 2, bw - 4, lines[i], st->ascii);
}

void draw_copy(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strlen(src) : 0;

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}
