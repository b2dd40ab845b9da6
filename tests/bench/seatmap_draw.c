/* The client side of the seat map, without the database: build the map
 * (the copy seatmap_load makes: rows, natural sort, id index), project and
 * raster, draw the screen into a pad, a keystroke (move + recalc + draw),
 * best available, and the text renderer, for the generated theatre (~1k),
 * arena (~20k) and stadium (~80k). Median and p99 of repeated runs, ms.
 *
 *   cc … -o seatmap_draw tests/bench/seatmap_draw.c <src and ui objects> …
 *   ./seatmap_draw            (TERM must name a terminfo entry; output to a pad) */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr_seatmap.h"
#include "seatnav.h"
#include "seatview.h"
#include "venue.h"
#include "venue_gen.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void report(const char *what, size_t seats, double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp);
	printf("%-34s %7zu %9.3f %9.3f\n", what, seats, t[n / 2], t[(n * 99) / 100]);
}

#define RUNS 50

static void bench(enum venue_gen_kind kind, int w, int h)
{
	struct err e;
	struct venue *v = venue_gen(kind, NULL, &e);
	struct seatmap m;
	struct ui_style st = { false, true };
	struct scr_seatmap s;
	double t[RUNS], t0;
	char label[64];
	WINDOW *pad = newpad(h, w);
	int pick[8];
	struct seatnav_stage stage;

	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		seatmap_from_venue(v, &m, &e);
		t[i] = now_ms() - t0;
		if (i + 1 < RUNS)
			seatmap_free(&m);
	}
	report("build map (copy, sort, index)", m.nseats, t, RUNS);
	for (size_t i = 0; i < m.nseats; i += 3)
		seatmap_set_state(&m, (int)i, SEAT_SOLD, NULL);
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		scr_seatmap_init(&s, &st, &m, -1, "bench");
		scr_seatmap_recalc(&s, h, w);
		scr_seatmap_draw(&s, pad);
		t[i] = now_ms() - t0;
		if (i + 1 < RUNS)
			scr_seatmap_free(&s);
	}
	snprintf(label, sizeof label, "open whole map + draw %dx%d", w, h);
	report(label, m.nseats, t, RUNS);
	scr_seatmap_set_level(&s, 99);
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		scr_seatmap_do(&s, i % 2 ? SM_LEFT : SM_RIGHT, 0);
		scr_seatmap_recalc(&s, h, w);
		scr_seatmap_draw(&s, pad);
		t[i] = now_ms() - t0;
	}
	report("keystroke: move, recalc, draw", m.nseats, t, RUNS);
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		scr_seatmap_do(&s, i % 2 ? SM_DOWN : SM_UP, 0);
		scr_seatmap_recalc(&s, h, w);
		scr_seatmap_draw(&s, pad);
		t[i] = now_ms() - t0;
	}
	report("keystroke: up/down, recalc, draw", m.nseats, t, RUNS);
	seatnav_stage_of(&m, &stage);
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		seatnav_best(&m, 0, &stage, 4, false, pick, &e);
		t[i] = now_ms() - t0;
	}
	report("best 4 in section 1", m.nseats, t, RUNS);
	for (int i = 0; i < 10; i++) {
		FILE *f = fopen("/dev/null", "w");
		t0 = now_ms();
		seatmap_render_text(&m, -1, 200, SEATVIEW_ZOOM_AUTO, false, f, &e);
		t[i] = now_ms() - t0;
		fclose(f);
	}
	report("text render, 200 wide", m.nseats, t, 10);
	scr_seatmap_free(&s);
	seatmap_free(&m);
	venue_free(&v);
	delwin(pad);
}

int main(void)
{
	FILE *nul = fopen("/dev/null", "r+");
	SCREEN *sc;

	setlocale(LC_ALL, "C.UTF-8");
	if (getenv("TERM") == NULL)
		setenv("TERM", "xterm", 1);
	sc = newterm(NULL, nul, nul);
	printf("%-34s %7s %9s %9s\n", "operation (client side)", "seats", "median", "p99 ms");
	bench(VENUE_GEN_THEATRE, 80, 24);
	bench(VENUE_GEN_ARENA, 200, 60);
	bench(VENUE_GEN_STADIUM, 200, 60);
	bench(VENUE_GEN_STADIUM, 80, 24);
	endwin();
	delscreen(sc);
	fclose(nul);
	return 0;
}
