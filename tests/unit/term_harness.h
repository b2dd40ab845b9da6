/* The headless terminal the screen tests draw into: ncurses on /dev/null in
 * C.UTF-8, windows and pads read back as text. One copy for every tests/unit
 * file that draws (the Makefile links term_harness.o into each unit test). */
#ifndef TERM_HARNESS_H
#define TERM_HARNESS_H

#include <ncurses.h>
#include <stdbool.h>

/* cmocka group setup and teardown: the terminal lives for the whole file. */
int start_term(void **state);
int stop_term(void **state);

/* Row y of w, trailing blanks cut, in one buffer the next call overwrites. */
const char *row(WINDOW *w, int y);

/* The first row of w containing text, or -1. */
int find(WINDOW *w, const char *text);
bool shows(WINDOW *w, const char *text);

/* Prints w under name when DUMP_SCREENS is set: what a failing test drew. */
void dump(WINDOW *w, const char *name);

/* Asserts every character of every row of w is ASCII (style->ascii). */
void all_ascii(WINDOW *w);

#endif
