/* draw: text and attributes shared by every screen. Nothing here knows a
 * screen; everything draws into a WINDOW * given by the caller. */
#ifndef BOXOFFICE_DRAW_H
#define BOXOFFICE_DRAW_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncurses.h>

#include <stdbool.h>
#include <stddef.h>

#define DRAW_MIN_COLS 80
#define DRAW_MIN_LINES 24

/* How to draw on this terminal: decided once by the app. */
struct ui_style {
	bool ascii;   /* locale is not UTF-8: ASCII only */
	bool color;   /* colours available and NO_COLOR not set */
};

enum draw_role {
	ROLE_NORMAL,
	ROLE_TITLE,   /* title bar */
	ROLE_HEADER,  /* column headings */
	ROLE_CURSOR,  /* the highlighted row */
	ROLE_KEYS,    /* the key bar */
	ROLE_ERROR,   /* a message about something that went wrong */
	ROLE_LOW,     /* few seats left */
};

/* Sets up colour pairs if st->color; call after the screen starts. */
void draw_colors_init(const struct ui_style *st);

/* The attribute for a role: colours when allowed, else reverse/bold. */
attr_t draw_attr(const struct ui_style *st, enum draw_role role);

/* Copies src (NULL: "") into dst of size bytes, cutting a longer text at a
 * UTF-8 character boundary, so a screen never holds half a character. */
void draw_copy(char *dst, size_t size, const char *src);

/* Display width of a UTF-8 string as draw_text would draw it. */
int draw_width(const char *s, bool ascii);

/* Writes s at (y, x) into exactly width columns: cut with an ellipsis when
 * too long, padded with spaces when short. Invalid bytes and, in ASCII mode,
 * non-ASCII characters become '?'. */
void draw_text(WINDOW *w, int y, int x, int width, const char *s, bool ascii);

/* Same, right-aligned. */
void draw_text_right(WINDOW *w, int y, int x, int width, const char *s, bool ascii);

/* Writes s from (y, x) over at most lines rows of width columns, broken at
 * spaces (a word longer than a row is cut); the last row gets an ellipsis
 * when text is left over. Each row is padded like draw_text. Returns the rows
 * used (at least 1 when lines > 0). */
int draw_wrap(WINDOW *w, int y, int x, int width, int lines, const char *s, bool ascii);

/* When w is smaller than the minimum, draws "Terminal too small: need 80×24,
 * have W×H" and returns true; the screen then draws nothing else. */
bool draw_too_small(WINDOW *w, const struct ui_style *st);

/* A box with a border, cleared inside. */
void draw_box(WINDOW *w, const struct ui_style *st, int y, int x, int h, int wd);

/* A box of width bw centred in an area of height x width: an optional bold
 * heading, then lines (help overlays, questions). */
void draw_panel(WINDOW *w, const struct ui_style *st, int height, int width, const char *heading,
		const char *const *lines, int n, int bw);

#endif
