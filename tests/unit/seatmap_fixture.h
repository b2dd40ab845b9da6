/* Seat maps for the seat map tests: a small straight-row hall and the demo
 * theatre's shape (sql/demo/demo.sql: curved stalls and balcony, 1,040
 * seats), built without a database through seatmap's builder. */
#ifndef TEST_SEATMAP_FIXTURE_H
#define TEST_SEATMAP_FIXTURE_H

#include "seatmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* rows × seats straight rows, row r (A, B, …) at y = 20 + 20r, seat n at
 * x = 10n (pitch 10), in section "Main"; a GA section "Floor" (100). */
static inline void fixture_hall(struct seatmap *m, int rows, int seats)
{
	struct err e;
	char id[24], row[16], num[16];
	int sec;

	seatmap_init(m);
	sec = seatmap_add_section(m, "sec-main", "Main", false, 0, &e);
	seatmap_add_section(m, "sec-floor", "Floor", true, 100, &e);
	for (int r = 0; r < rows; r++)
		for (int n = 1; n <= seats; n++) {
			snprintf(id, sizeof id, "%c%d", 'A' + r, n);
			snprintf(row, sizeof row, "%c", 'A' + r);
			snprintf(num, sizeof num, "%d", n);
			if (seatmap_add_seat(m, id, sec, row, num, 10.0 * n, 20.0 + 20 * r, false,
					     SEAT_FREE, &e) < 0)
				abort();
		}
	if (!seatmap_finish(m, &e))
		abort();
}

static inline double fixture_round2(double v)
{
	return round(v * 100) / 100;
}

/* The demo's Lyric Theatre: row i has 26 + 2i seats on a 100° arc of radius
 * 120 + 22i (stalls) or 560 + 24i (balcony) around (500, 60); no row I. */
static inline void fixture_theatre(struct seatmap *m)
{
	struct err e;
	char id[40], row[16], num[16];
	const char *names[2] = { "Stalls", "Balcony" };

	seatmap_init(m);
	for (int s = 0; s < 2; s++)
		seatmap_add_section(m, s == 0 ? "sec-stalls" : "sec-balcony", names[s], false, 0, &e);
	seatmap_add_section(m, "sec-prom", "Promenade", true, 200, &e);
	for (int s = 0; s < 2; s++)
		for (int i = 0; i <= (s == 0 ? 17 : 9); i++) {
			int n = 26 + 2 * i;
			double rad = s == 0 ? 120 + 22 * i : 560 + 24 * i;
			if ('A' + i == 'I')
				continue;
			snprintf(row, sizeof row, "%c", 'A' + i);
			for (int j = 1; j <= n; j++) {
				double a = (-50 + 100.0 * (j - 0.5) / n) * M_PI / 180;
				bool acc = (s == 0 && i == 0 && (j <= 2 || j >= n - 1)) ||
					   (s == 1 && i == 0 && (j == 1 || j == n));
				snprintf(id, sizeof id, "%c%c%d", s == 0 ? 'S' : 'B', 'A' + i, j);
				snprintf(num, sizeof num, "%d", j);
				if (seatmap_add_seat(m, id, s, row, num, fixture_round2(500 + rad * sin(a)),
						     fixture_round2(60 + rad * cos(a)), acc, SEAT_FREE,
						     &e) < 0)
					abort();
			}
		}
	if (!seatmap_finish(m, &e))
		abort();
}

/* The seat "A12" of section (must exist). */
static inline int fixture_seat(const struct seatmap *m, int section, const char *label)
{
	struct err e;
	int i = seatmap_find_label(m, section, label, &e);

	if (i < 0) {
		fprintf(stderr, "fixture: %s: %s\n", label, e.msg);
		abort();
	}
	return i;
}

#endif
