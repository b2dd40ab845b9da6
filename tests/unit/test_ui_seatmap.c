/* scr_seatmap and scr_sections drawn headless: newterm on /dev/null, the
 * screen drawn into a pad, lines read back with mvwinnwstr and compared
 * with the text a clerk would see. SM_DUMP=1 prints every screen drawn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr_sections.h"
#include "scr_seatmap.h"
#include "seatmap_fixture.h"
#include "term_harness.h"

static struct ui_style ascii_mono = { true, false };
static struct ui_style utf8_mono = { false, false };

/* Line y of w as UTF-8, trailing blanks cut. */
static char *line(WINDOW *w, int y, char *buf, size_t size)
{
	wchar_t wb[512];
	size_t n;

	mvwinnwstr(w, y, 0, wb, 500);
	n = wcstombs(buf, wb, size - 1);
	if (n == (size_t)-1)
		n = 0;
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

/* Under SM_DUMP, w as the C strings expect_screen wants (term_harness's dump
 * reads cells as bytes; these screens are compared as wide characters). */
static void dump_want(WINDOW *w, const char *what)
{
	char b[2048];
	int h, wd;

	if (getenv("SM_DUMP") == NULL)
		return;
	getmaxyx(w, h, wd);
	printf("---- %s (%dx%d)\n", what, wd, h);
	for (int y = 0; y < h; y++)
		printf("\"%s\",\n", line(w, y, b, sizeof b));
}

/* Compares the whole window with want[0..h-1]. */
static void expect_screen(WINDOW *w, const char *const *want)
{
	char b[2048];
	int h, wd;

	getmaxyx(w, h, wd);
	(void)wd;
	for (int y = 0; y < h; y++)
		if (strcmp(line(w, y, b, sizeof b), want[y]) != 0)
			fail_msg("line %d:\n got  \"%s\"\n want \"%s\"", y, b, want[y]);
}

static void expect_line(WINDOW *w, int y, const char *want)
{
	char b[2048];

	if (strcmp(line(w, y, b, sizeof b), want) != 0)
		fail_msg("line %d:\n got  \"%s\"\n want \"%s\"", y, b, want);
}

/* Line y starts with left and ends with right (wide lines: the middle is
 * padding that depends on the width). */
static void expect_ends(WINDOW *w, int y, const char *left, const char *right)
{
	char b[2048];
	size_t n;

	line(w, y, b, sizeof b);
	n = strlen(b);
	if (strncmp(b, left, strlen(left)) != 0 || n < strlen(right) ||
	    strcmp(b + n - strlen(right), right) != 0)
		fail_msg("line %d: \"%s\" is not \"%s…%s\"", y, b, left, right);
}

static WINDOW *draw(struct scr_seatmap *s, int h, int w, const char *what)
{
	WINDOW *p = newpad(h, w);

	assert_non_null(p);
	assert_true(scr_seatmap_recalc(s, h, w));
	scr_seatmap_draw(s, p);
	dump_want(p, what);
	return p;
}

static void press(struct scr_seatmap *s, wint_t key, enum sm_cmd want)
{
	assert_int_equal(scr_seatmap_do(s, scr_seatmap_key(s, false, key), key), want);
}

static void type(struct scr_seatmap *s, const char *text)
{
	for (; *text != '\0'; text++)
		press(s, (wint_t)(unsigned char)*text, SM_NONE);
}

/* What the app does with SM_CHANGE: here every hold succeeds. */
static void apply(struct scr_seatmap *s)
{
	const struct sm_request *r = scr_seatmap_request(s);

	for (size_t i = 0; i < r->nrelease; i++)
		assert_true(scr_seatmap_set_state(s, r->release[i], SEAT_FREE, NULL));
	for (size_t i = 0; i < r->nhold; i++)
		assert_true(scr_seatmap_set_state(s, r->hold[i], SEAT_MINE, NULL));
	for (size_t i = 0; i < r->nkilled; i++)
		assert_true(scr_seatmap_set_state(s, r->killed[i], SEAT_MINE, NULL));
	scr_seatmap_changed(s);
}

static const char *fixture_id(const struct seatmap *m, const char *label)
{
	return m->seats[fixture_seat(m, 0, label)].id;
}

static void set(struct seatmap *m, const char *labels, enum seat_state st, const char *who)
{
	char buf[256], *save, *tok;

	snprintf(buf, sizeof buf, "%s", labels);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		seatmap_set_state(m, fixture_seat(m, 0, tok), st, who);
}

/* A hall of 4 rows × 12, some sold, one held, one not for sale, two
 * accessible seats. */
static void small_hall(struct seatmap *m)
{
	fixture_hall(m, 4, 12);
	set(m, "A6 A7 B1 B2 D12", SEAT_SOLD, NULL);
	set(m, "C5", SEAT_HELD, "clerk_b");
	set(m, "D1", SEAT_KILLED, NULL);
	m->seats[fixture_seat(m, 0, "D2")].accessible = true;
	m->seats[fixture_seat(m, 0, "D12")].accessible = true;
}

static void hall_at_80x24(void **state)
{
	static const char *const want[] = {
		"Main - Test Night                                                      zoom 1/2",
		"",
		"",
		"",
		"",
		"",
		"                                    5",
		"                          A o o o o o # # o o o o o A",
		"",
		"                          B # # o o o o o o o o o o B",
		"",
		"                          C o o o o x o o o o o o o C",
		"",
		"                          D - a o o o o o o o o o # D",
		"",
		"",
		"",
		"",
		"",
		"",
		" o free  * yours  x held by other  # sold  - not for sale  a accessible",
		" Main row A seat 5: available                                        0 selected",
		"",
		" hjkl move +- zoom Space select r range b best g goto Enter order Esc back ?",
	};
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main - Test Night");
	p = draw(&s, 24, 80, "hall");
	expect_screen(p, want);
	/* The cursor is shown reversed; the sold accessible seat underlined. */
	assert_true(mvwinch(p, 7, 36) & A_REVERSE);
	assert_int_equal(mvwinch(p, 7, 36) & A_CHARTEXT, 'o');
	assert_true(mvwinch(p, 13, 50) & A_UNDERLINE);
	assert_int_equal(mvwinch(p, 13, 50) & A_CHARTEXT, '#');
	delwin(p);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void select_with_space_and_countdown(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	const struct sm_request *r;
	WINDOW *p;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main - Test Night");
	scr_seatmap_recalc(&s, 24, 80);
	press(&s, 'h', SM_NONE);
	press(&s, ' ', SM_CHANGE);
	r = scr_seatmap_request(&s);
	assert_int_equal(r->nhold, 1);
	assert_string_equal(r->hold[0], "A4");
	apply(&s);
	scr_seatmap_message(&s, "Held A4.", false);
	scr_seatmap_countdown(&s, "hold 9:58");
	p = draw(&s, 24, 80, "after space");
	expect_line(p, 7, "                          A o o o * o # # o o o o o A");
	expect_line(p, 21, " Main row A seat 4: yours                                 1 selected, hold 9:58");
	expect_line(p, 22, " Held A4.");
	delwin(p);
	/* Space again lets it go. */
	press(&s, ' ', SM_CHANGE);
	assert_int_equal(scr_seatmap_request(&s)->nrelease, 1);
	assert_string_equal(scr_seatmap_request(&s)->release[0], "A4");
	/* Enter with nothing selected asks for seats; with seats, the order. */
	apply(&s);
	press(&s, '\r', SM_NONE);
	assert_non_null(strstr(s.status, "Select seats first"));
	press(&s, ' ', SM_CHANGE);
	apply(&s);
	press(&s, '\r', SM_ORDER);
	press(&s, 'c', SM_CHANGE);
	assert_int_equal(scr_seatmap_request(&s)->nrelease, 1);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void taken_seats_say_why(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	scr_seatmap_recalc(&s, 24, 80);
	press(&s, 'l', SM_NONE); /* A6, sold */
	press(&s, ' ', SM_NONE);
	assert_string_equal(s.status, "Main row A seat 6 is sold.");
	press(&s, 'j', SM_NONE);
	press(&s, 'j', SM_NONE); /* C6 */
	press(&s, 'h', SM_NONE); /* C5, held */
	p = draw(&s, 24, 80, "held");
	expect_line(p, 21, " Main row C seat 5: held by clerk_b                                  0 selected");
	delwin(p);
	press(&s, ' ', SM_NONE);
	assert_string_equal(s.status, "Main row C seat 5 is held by clerk_b.");
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void range_and_best(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	const struct sm_request *r;
	WINDOW *p;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	scr_seatmap_recalc(&s, 24, 80);
	press(&s, 'r', SM_NONE);
	type(&s, "B3-B5");
	p = draw(&s, 24, 80, "range prompt");
	expect_line(p, 22, " Seats (like A12-A15, B3): B3-B5_");
	expect_line(p, 23, " type, Enter to confirm, Esc to cancel");
	delwin(p);
	press(&s, '\r', SM_CHANGE);
	r = scr_seatmap_request(&s);
	assert_int_equal(r->nhold, 3);
	assert_string_equal(r->hold[0], "B3");
	assert_string_equal(r->hold[2], "B5");
	apply(&s);
	/* A range over a sold seat selects nothing and says which. */
	press(&s, 'r', SM_NONE);
	type(&s, "A5-A8");
	press(&s, '\r', SM_NONE);
	assert_string_equal(s.status, "A6 is sold, A7 is sold: nothing selected.");
	press(&s, 'r', SM_NONE);
	type(&s, "A5-B7");
	press(&s, '\r', SM_NONE);
	p = draw(&s, 24, 80, "range error");
	expect_line(p, 22, " Main row A seat 5 and Main row B seat 7 are in different rows; a range stays w~");
	delwin(p);
	/* Esc leaves a prompt, then the screen. */
	press(&s, 'r', SM_NONE);
	press(&s, 27, SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_NONE);
	/* Best 4 replaces the selection: B3-B5 go, four together come. */
	press(&s, 'b', SM_NONE);
	type(&s, "4");
	press(&s, '\r', SM_CHANGE);
	r = scr_seatmap_request(&s);
	/* Row A has five together either side of A6-A7 (four would strand
	 * one); row B from B3 on is free or mine: its middle four, B5-B8. */
	assert_int_equal(r->nrelease, 2);
	assert_string_equal(r->release[0], fixture_id(&m, "B3"));
	assert_string_equal(r->release[1], fixture_id(&m, "B4"));
	assert_int_equal(r->nhold, 3);
	apply(&s);
	p = draw(&s, 24, 80, "best 4");
	expect_line(p, 9, "                          B # # o o * * * * o o o o B");
	delwin(p);
	press(&s, 'b', SM_NONE);
	type(&s, "13");
	press(&s, '\r', SM_NONE);
	assert_string_equal(s.status, "No 13 seats together in Main: at most 10 (row B).");
	press(&s, 'b', SM_NONE);
	type(&s, "x");
	press(&s, '\r', SM_NONE);
	assert_string_equal(s.status, "Type how many seats, 1 to 50.");
	press(&s, 27, SM_BACK);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void goto_and_click(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	int c, r;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	scr_seatmap_recalc(&s, 24, 80);
	press(&s, 'g', SM_NONE);
	type(&s, "d9");
	press(&s, '\r', SM_NONE);
	assert_int_equal(s.cursor, fixture_seat(&m, 0, "D9"));
	press(&s, 'g', SM_NONE);
	type(&s, "Z9");
	press(&s, '\r', SM_NONE);
	assert_string_equal(s.status, "There is no row Z in Main.");
	/* A click on C11's cell (or next to it) selects C11. */
	scr_seatmap_recalc(&s, 24, 80);
	int c11 = fixture_seat(&m, 0, "C11");
	assert_true(seatview_project(&s.view, m.seats[c11].x, m.seats[c11].y, &c, &r));
	assert_int_equal(scr_seatmap_click(&s, r + s.map_y, c + 1), SM_CHANGE);
	assert_int_equal(s.cursor, c11);
	assert_string_equal(scr_seatmap_request(&s)->hold[0], "C11");
	assert_int_equal(scr_seatmap_click(&s, 0, 0), SM_NONE); /* the title bar */
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void too_small_and_resize(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;
	int c, r;

	(void)state;
	fixture_theatre(&m);
	scr_seatmap_init(&s, &utf8_mono, &m, 0, "Stalls");
	p = draw(&s, 20, 60, "small");
	expect_line(p, 10, "Terminal too small: need 80×24, have 60×20");
	delwin(p);
	scr_seatmap_set_level(&s, 99); /* nearest */
	p = draw(&s, 60, 200, "200x60 near");
	delwin(p);
	for (int k = 0; k < 40; k++)
		press(&s, 'j', SM_NONE);
	p = draw(&s, 24, 80, "80x24 after resize");
	/* The cursor is on screen after the resize; the level kept. */
	assert_int_equal(s.view.level, s.view.nlevels - 1);
	assert_true(seatview_project(&s.view, m.seats[s.cursor].x, m.seats[s.cursor].y, &c, &r));
	assert_true(mvwinch(p, r + 1, c) & A_REVERSE);
	delwin(p);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void theatre_far_ascii_80x24(void **state)
{
	static const char *const want[] = {
		"Lyric Theatre - whole house                                            zoom 1/4",
		"",
		"                                   OOO     OOO",
		"                                 OOOOOOOOOOOOOOO",
		"                              OOo:OOOOO**OOOOOOOOO",
		"                            OOOOOOoo:ooooooOOOOOOOOOO",
		"                          OOOOOOOOOOOOOOOOOOOOOOOOOOOOO",
		"                       OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO",
		"                       OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO",
		"                   OOOO  OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO  OOOO",
		"                OOOOOOOO   OOOOOOOOOOOOOOOOOOOOOOOOOOO   OOOOOOO",
		"               OOOOOOOOOOOOO   OOOOOOOOOOOOOOOOOOO  O OOOOOOOOOOOO",
		"             OO OOOOOOOOOOOOOO OO      OOO      OO OOO OOOOOOOOOO OO",
		"               OO OOOOOOOOOOOOOOO O OO O OO O OO OOOOOOOOOOOOOO OO",
		"                 OO OOOOOOOO OOO OO OO O OO OOOOO OOOOOOOOO O OO",
		"                   OO   OOO OOOOOOO O OO OO OO OO OOOOOOO  OO",
		"                      OOOO  OOOOOO OO OO OO OO OOO OO O OOO",
		"                           OOO O O OO OO OO OOO  OO OO",
		"                                O OOO OO OOO OO O",
		"",
		" O all free  o half+ free  : some free  . none free  * yours",
		" Stalls row C seat 14: yours                                         3 selected",
		"",
		" hjkl move +- zoom Space select r range b best g goto Enter order Esc back ?",
	};
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;

	(void)state;
	fixture_theatre(&m);
	set(&m, "C13 C14 C15", SEAT_MINE, NULL);
	set(&m, "F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22",
	    SEAT_SOLD, NULL);
	scr_seatmap_init(&s, &ascii_mono, &m, -1, "Lyric Theatre - whole house");
	s.cursor = fixture_seat(&m, 0, "C14");
	p = draw(&s, 24, 80, "theatre far ascii");
	expect_screen(p, want);
	delwin(p);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void theatre_braille_and_200x60(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;
	char b[2048];
	int braille = 0;

	(void)state;
	fixture_theatre(&m);
	set(&m, "A1 A2 A3", SEAT_SOLD, NULL);
	scr_seatmap_init(&s, &utf8_mono, &m, 0, "Stalls - The Tempest");
	p = draw(&s, 24, 80, "stalls utf8 80x24");
	expect_line(p, 0, "Stalls - The Tempest                                                   zoom 1/3");
	expect_line(p, 20, " ⣿ free seats  · none free here   + zooms in for states");
	expect_line(p, 21, " Stalls row A seat 13: available                                     0 selected");
	expect_line(p, 23, " ←↓↑→ move  +- zoom  Space select  r range  b best  Enter order  Esc back  ?");
	/* Dots only (and '·' where nothing is free), no seat glyphs. */
	for (int y = 1; y < 19; y++)
		for (const char *q = line(p, y, b, sizeof b); *q; q++) {
			braille += (unsigned char)q[0] == 0xE2 && ((unsigned char)q[1] & 0xFC) == 0xA0;
			assert_true(*q != 'o' && *q != '#');
		}
	assert_true(braille > 300);
	delwin(p);
	/* The whole house at 200x60 does not fit one seat per cell (62 rows):
	 * braille, each free seat a dot at its own place. */
	scr_seatmap_free(&s);
	scr_seatmap_init(&s, &utf8_mono, &m, -1, "Lyric Theatre");
	p = draw(&s, 60, 200, "house utf8 200x60");
	assert_true(seatview_far(&s.view));
	braille = 0;
	for (int y = 1; y <= 55; y++) {
		wchar_t wb[256];
		mvwinnwstr(p, y, 0, wb, 200);
		for (int k = 0; wb[k] != 0; k++)
			if (wb[k] >= 0x2800 && wb[k] <= 0x28FF)
				braille += __builtin_popcount((unsigned)(wb[k] - 0x2800));
	}
	assert_true(braille > 950 && braille <= 1037); /* few seats share a dot */
	expect_line(p, 56, " ⣿ free seats  · none free here   + zooms in for states");
	expect_ends(p, 57, " Stalls row A seat 13: available  ", "  0 selected");
	delwin(p);
	/* One level in: one seat per cell around the cursor, row labels. */
	press(&s, '+', SM_NONE);
	p = draw(&s, 60, 200, "house utf8 200x60 zoomed");
	assert_false(seatview_far(&s.view));
	expect_ends(p, 0, "Lyric Theatre  ", "  zoom 2/3");
	expect_line(p, 56, " o free  * yours  x held by other  # sold  - not for sale  a accessible");
	{
		int c, r;
		assert_true(seatview_project(&s.view, m.seats[s.cursor].x, m.seats[s.cursor].y, &c, &r));
		assert_non_null(strstr(line(p, r, b, sizeof b), "13"));     /* its number above */
		assert_true(mvwinch(p, r + 1, c) & A_REVERSE);
		assert_int_equal(mvwinch(p, r + 1, c) & A_CHARTEXT, 'o');
	}
	delwin(p);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

static void help_overlay(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	WINDOW *p;
	char b[2048];

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	press(&s, '?', SM_NONE);
	p = draw(&s, 24, 80, "help");
	assert_non_null(strstr(line(p, 4, b, sizeof b), "Seat map keys"));
	assert_non_null(strstr(line(p, 11, b, sizeof b), "b                 best available seats together"));
	delwin(p);
	press(&s, 'x', SM_NONE); /* any key closes it */
	assert_false(s.help);
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

/* ---- seats off sale (supervisors) ---- */

static void goto_seat(struct scr_seatmap *s, const char *label)
{
	press(s, 'g', SM_NONE);
	type(s, label);
	press(s, '\r', SM_NONE);
	assert_int_equal(s->cursor, fixture_seat(s->map, 0, label));
}

static void kill_keys_by_role(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	struct kills k;
	struct err e;
	WINDOW *p;
	char b[2048];

	(void)state;
	small_hall(&m);
	kills_init(&k);
	assert_true(kills_add(&k, "D1", "House seats", &e));
	/* A clerk: no x or X, the usual key bar; Space on a seat off sale says so. */
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	assert_int_equal(scr_seatmap_key(&s, false, 'x'), SM_NONE);
	assert_int_equal(scr_seatmap_key(&s, false, 'X'), SM_NONE);
	press(&s, 'x', SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_NONE);
	goto_seat(&s, "D1");
	press(&s, ' ', SM_NONE);
	assert_string_equal(s.status, "Main row D seat 1 is off sale: a supervisor can put it back on sale.");
	p = draw(&s, 24, 80, "clerk on a seat off sale");
	expect_line(p, 21, " Main row D seat 1: not for sale                                     0 selected");
	expect_line(p, 23, " hjkl move +- zoom Space select r range b best g goto Enter order Esc back ?");
	delwin(p);
	press(&s, '?', SM_NONE);
	p = draw(&s, 24, 80, "clerk help");
	for (int y = 0; y < 24; y++)
		assert_null(strstr(line(p, y, b, sizeof b), "off sale"));
	delwin(p);
	scr_seatmap_free(&s);

	/* A supervisor: x and X offered, in the key bar and the help, at 80x24. */
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	scr_seatmap_set_kills(&s, true, &k);
	assert_int_equal(scr_seatmap_key(&s, false, 'x'), SM_OFF_SALE);
	assert_int_equal(scr_seatmap_key(&s, false, 'X'), SM_ON_SALE);
	assert_int_equal(scr_seatmap_key(&s, false, 'k'), SM_UP); /* k still moves */
	p = draw(&s, 24, 80, "supervisor");
	expect_line(p, 23, " hjkl +- Space select r range b best g goto x/X off/on sale Enter order Esc ?");
	delwin(p);
	s.style = &utf8_mono;
	p = draw(&s, 24, 80, "supervisor utf8");
	expect_line(p, 23, " ←↓↑→ +-  Space select  r range  b best  x/X off/on sale  Enter order  Esc  ?");
	delwin(p);
	s.style = &ascii_mono;
	press(&s, '?', SM_NONE);
	p = draw(&s, 24, 80, "supervisor help");
	assert_non_null(strstr(line(p, 2, b, sizeof b), "Seat map keys"));
	assert_non_null(strstr(line(p, 14, b, sizeof b), "x                 take the selected seats (or this one)"));
	assert_non_null(strstr(line(p, 16, b, sizeof b), "X                 put seats off sale back on sale"));
	assert_non_null(strstr(line(p, 17, b, sizeof b), "Space on a -      take it into the sale to sell it"));
	assert_non_null(strstr(line(p, 18, b, sizeof b), "Esc               back"));
	assert_non_null(strstr(line(p, 20, b, sizeof b), "Any key closes this help."));
	delwin(p);
	press(&s, 'q', SM_NONE);
	assert_false(s.help);

	/* The seat line says why a seat is off sale. */
	goto_seat(&s, "D1");
	p = draw(&s, 24, 80, "reason on the seat line");
	expect_line(p, 21, " Main row D seat 1 - off sale: House seats                           0 selected");
	delwin(p);
	s.style = &utf8_mono;
	p = draw(&s, 24, 80, "reason on the seat line utf8");
	expect_line(p, 21, " Main row D seat 1 — off sale: House seats                           0 selected");
	delwin(p);
	s.style = &ascii_mono;

	/* Space on it takes it into the sale (nothing else held or let go). */
	press(&s, ' ', SM_CHANGE);
	assert_int_equal(scr_seatmap_request(&s)->nkilled, 1);
	assert_string_equal(scr_seatmap_request(&s)->killed[0], "D1");
	assert_int_equal(scr_seatmap_request(&s)->nhold, 0);
	assert_int_equal(scr_seatmap_request(&s)->nrelease, 0);
	apply(&s);
	p = draw(&s, 24, 80, "held from kills");
	expect_line(p, 21, " Main row D seat 1: yours (off sale: House seats)                    1 selected");
	delwin(p);
	scr_seatmap_free(&s);
	kills_free(&k);
	seatmap_free(&m);
}

static void kill_asks_why(void **state)
{
	struct seatmap m;
	struct scr_seatmap s;
	const struct sm_request *r;
	WINDOW *p;

	(void)state;
	small_hall(&m);
	scr_seatmap_init(&s, &ascii_mono, &m, 0, "Main");
	scr_seatmap_set_kills(&s, true, NULL);
	/* The seat under the cursor; 1 answers "House seats" at once. */
	press(&s, 'x', SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_KILL);
	p = draw(&s, 24, 80, "why?");
	expect_line(p, 22, " Take Main row A seat 5 off sale. Why?");
	expect_line(p, 23, " 1 House seats  2 Production kill  3 Broken seat  or type why, Enter  Esc");
	delwin(p);
	press(&s, '1', SM_KILL);
	r = scr_seatmap_request(&s);
	assert_int_equal(r->nseats, 1);
	assert_string_equal(r->seats[0], "A5");
	assert_string_equal(r->reason, "House seats");
	assert_int_equal(s.prompt, SM_PROMPT_NONE);
	press(&s, 'x', SM_NONE);
	press(&s, '3', SM_KILL);
	assert_string_equal(scr_seatmap_request(&s)->reason, "Broken seat");
	/* A reason in words, with a typo taken back; UTF-8 kept (not in ASCII mode). */
	s.style = &utf8_mono;
	press(&s, 'x', SM_NONE);
	type(&s, "Camera  positionx");
	press(&s, 127, SM_NONE);
	assert_int_equal(scr_seatmap_do(&s, scr_seatmap_key(&s, false, 0x2014), 0x2014), SM_NONE);
	type(&s, "TV");
	p = draw(&s, 24, 80, "typed why");
	expect_line(p, 22, " Take Main row A seat 5 off sale. Why? Camera  position—TV");
	delwin(p);
	press(&s, '\r', SM_KILL);
	assert_string_equal(scr_seatmap_request(&s)->reason, "Camera  position—TV");
	s.style = &ascii_mono;
	press(&s, 'x', SM_NONE);
	assert_int_equal(scr_seatmap_do(&s, scr_seatmap_key(&s, false, 0x2014), 0x2014), SM_NONE);
	press(&s, '\r', SM_NONE); /* the dash was refused: nothing typed */
	assert_non_null(strstr(s.status, "say why"));
	/* No reason, no kill; Esc asks nothing. */
	press(&s, 'x', SM_NONE);
	type(&s, "  ");
	press(&s, '\r', SM_NONE);
	assert_string_equal(s.status, "Nothing taken off sale: say why (1, 2, 3 or type a reason).");
	press(&s, 'x', SM_NONE);
	press(&s, 27, SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_NONE);
	/* Selected seats go together, whatever is under the cursor. */
	press(&s, ' ', SM_CHANGE);
	apply(&s);
	press(&s, 'l', SM_NONE); /* A6, sold */
	press(&s, 'x', SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_KILL);
	press(&s, 27, SM_NONE);
	press(&s, 'h', SM_NONE);
	press(&s, 'h', SM_NONE); /* A4 */
	press(&s, ' ', SM_CHANGE);
	apply(&s);
	press(&s, 'x', SM_NONE);
	p = draw(&s, 24, 80, "why? two seats");
	expect_line(p, 22, " Take 2 seats off sale. Why?");
	delwin(p);
	press(&s, '2', SM_KILL);
	r = scr_seatmap_request(&s);
	assert_int_equal(r->nseats, 2);
	assert_string_equal(r->seats[0], "A4");
	assert_string_equal(r->seats[1], "A5");
	assert_string_equal(r->reason, "Production kill");
	/* Sold and held seats cannot go off sale; X only takes seats off sale. */
	press(&s, 'c', SM_CHANGE);
	apply(&s);
	goto_seat(&s, "A6");
	press(&s, 'x', SM_NONE);
	assert_int_equal(s.prompt, SM_PROMPT_NONE);
	assert_string_equal(s.status, "Main row A seat 6 is sold: only seats on sale can be taken off sale.");
	goto_seat(&s, "C5");
	press(&s, 'x', SM_NONE);
	assert_string_equal(s.status, "Main row C seat 5 is held: only seats on sale can be taken off sale.");
	press(&s, 'X', SM_NONE);
	assert_string_equal(s.status, "Main row C seat 5 is not off sale: X puts seats off sale back on sale.");
	goto_seat(&s, "D1");
	press(&s, 'X', SM_UNKILL);
	assert_int_equal(scr_seatmap_request(&s)->nseats, 1);
	assert_string_equal(scr_seatmap_request(&s)->seats[0], "D1");
	/* Again on a seat off sale: x replaces its reason. */
	press(&s, 'x', SM_NONE);
	press(&s, '1', SM_KILL);
	assert_string_equal(scr_seatmap_request(&s)->seats[0], "D1");
	scr_seatmap_free(&s);
	seatmap_free(&m);
}

/* ---- sections ---- */

static void sections_overview(void **state)
{
	static const char *const want_list[] = {
		"Lyric Theatre - The Tempest",
		" Section                     Free",
		" 1 Stalls                 722/732",
		" 2 Promenade             150 left",
	};
	struct seatmap m;
	struct scr_sections s;
	WINDOW *p;
	char b[2048];

	(void)state;
	fixture_theatre(&m);
	set(&m, "A1 A2 A3 A4 A5 A6 A7 A8 A9 A10", SEAT_SOLD, NULL);
	m.sections[1].active = false; /* no balcony tonight */
	m.sections[2].sold = 40;
	m.sections[2].held = 10;
	assert_true(scr_sections_init(&s, &ascii_mono, &m, "Lyric Theatre - The Tempest"));
	p = newpad(24, 80);
	assert_true(scr_sections_recalc(&s, 24, 80));
	scr_sections_draw(&s, p);
	dump_want(p, "sections");
	for (int y = 0; y < 4; y++)
		if (strncmp(line(p, y, b, sizeof b), want_list[y], strlen(want_list[y])) != 0)
			fail_msg("line %d: \"%s\"", y, b);
	/* The stalls drawn, the section number on them; no balcony. */
	assert_non_null(strchr(line(p, 9, b, sizeof b) + 35, '1'));
	expect_line(p, 23, " Up/Down choose  Enter open  w whole venue  ^R reload  Esc back  ? help");
	delwin(p);
	assert_int_equal(scr_sections_current(&s), 0);
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, 'j'), 'j'), SEC_NONE);
	assert_int_equal(scr_sections_current(&s), 2);
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, '\r'), '\r'), SEC_OPEN);
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, '1'), '1'), SEC_OPEN);
	assert_int_equal(scr_sections_current(&s), 0);
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, '7'), '7'), SEC_NONE);
	assert_string_equal(s.status, "No section with that number.");
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, 'w'), 'w'), SEC_WHOLE);
	assert_int_equal(scr_sections_do(&s, scr_sections_key(&s, false, 27), 27), SEC_BACK);
	scr_sections_free(&s);
	seatmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hall_at_80x24),
		cmocka_unit_test(select_with_space_and_countdown),
		cmocka_unit_test(taken_seats_say_why),
		cmocka_unit_test(range_and_best),
		cmocka_unit_test(goto_and_click),
		cmocka_unit_test(too_small_and_resize),
		cmocka_unit_test(theatre_far_ascii_80x24),
		cmocka_unit_test(theatre_braille_and_200x60),
		cmocka_unit_test(help_overlay),
		cmocka_unit_test(kill_keys_by_role),
		cmocka_unit_test(kill_asks_why),
		cmocka_unit_test(sections_overview),
	};
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
