/* See term_harness.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term_harness.h"

static SCREEN *screen;
static FILE *term_out, *term_in;
/* winnstr's n counts bytes and it stops at the end of the row, so a row is
 * cut, never overrun; 2048 holds the widest pad the tests read (120 columns)
 * even at four UTF-8 bytes a cell. */
static char buf[2048];

int start_term(void **state)
{
	(void)state;
	/* Some systems only know the name C.utf8; the cells need UTF-8 either way. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL && setlocale(LC_ALL, "C.utf8") == NULL)
		return -1;
	term_out = fopen("/dev/null", "w");
	term_in = fopen("/dev/null", "r");
	if (term_out == NULL || term_in == NULL)
		return -1;
	screen = newterm("xterm", term_out, term_in);
	if (screen == NULL)
		return -1;
	set_term(screen);
	return 0;
}

int stop_term(void **state)
{
	(void)state;
	endwin();
	delscreen(screen);
	fclose(term_out);
	fclose(term_in);
	return 0;
}

const char *row(WINDOW *w, int y)
{
	size_t len;

	buf[0] = '\0';
	mvwinnstr(w, y, 0, buf, (int)sizeof buf - 1);
	len = strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
	return buf;
}

int find(WINDOW *w, const char *text)
{
	int h = getmaxy(w);

	for (int y = 0; y < h; y++)
		if (strstr(row(w, y), text) != NULL)
			return y;
	return -1;
}

bool shows(WINDOW *w, const char *text)
{
	return find(w, text) >= 0;
}

void dump(WINDOW *w, const char *name)
{
	int h, wd;

	if (getenv("DUMP_SCREENS") == NULL)
		return;
	getmaxyx(w, h, wd);
	printf("---- %s (%dx%d)\n", name, wd, h);
	for (int y = 0; y < h; y++)
		printf("%2d|%s\n", y, row(w, y));
}

void all_ascii(WINDOW *w)
{
	int h = getmaxy(w);

	for (int y = 0; y < h; y++)
		for (const char *p = row(w, y); *p; p++)
			assert_true((unsigned char)*p < 128);
}
