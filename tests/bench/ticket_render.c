/* Ticket render time, no printer: a ticket through each renderer (PDF, ZPL,
 * ESC/POS) for each shipped layout, and a 20-ticket order as one PDF.
 * Median and p99 over repeated runs, microseconds per ticket.
 *
 *   cc … -o ticket_render tests/bench/ticket_render.c <src and ui objects> …
 *   ./ticket_render [ASSETS_DIR]     (default: $BOXOFFICE_ASSETSDIR, else ./assets) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "ticket_pdf.h"
#include "ticket_raw.h"

#define RUNS 400
#define ORDER 20

typedef bool render_fn(const struct layout *, const struct ticket_print *, size_t, char **,
		       size_t *, struct err *);

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void fill(struct ticket_print *t, int i)
{
	memset(t, 0, sizeof *t);
	snprintf(t->ticket_id, sizeof t->ticket_id, "%08x-8bf9-4888-9912-ace4e6543002", i);
	snprintf(t->token, sizeof t->token, "%08X76543210FEDCBA9876543210FEDCBA98", i);
	ticket_copy(t->event, sizeof t->event, "Café Tacvba – Live in Zürich, the Anniversary Tour");
	t->start = (time_t)1795807800;
	ticket_copy(t->venue, sizeof t->venue, "Théâtre de l’Étoile, Grande Salle");
	ticket_copy(t->section, sizeof t->section, "Stalls");
	ticket_copy(t->row, sizeof t->row, "AA");
	snprintf(t->seat, sizeof t->seat, "%d", 100 + i);
	ticket_copy(t->tier, sizeof t->tier, "Adult");
	t->price = 4950;
	ticket_order_ref("3f2a9c01-1111-4222-8333-444444444444", t->order);
	ticket_copy(t->customer, sizeof t->customer, "Zoë Ångström");
}

/* Median and p99 (nearest rank) of RUNS renders of n tickets, per ticket. */
static bool bench(const char *what, const struct layout *l, render_fn *fn,
		  const struct ticket_print *t, size_t n)
{
	static double us[RUNS];
	size_t bytes = 0;
	struct err e;

	for (int r = 0; r < RUNS; r++) {
		char *buf = NULL;
		size_t len = 0;
		double t0 = now_us();

		if (!fn(l, t, n, &buf, &len, &e)) {
			fprintf(stderr, "%s %s: %s\n", what, l->name, e.msg);
			return false;
		}
		us[r] = (now_us() - t0) / (double)n;
		bytes = len;
		free(buf);
	}
	qsort(us, RUNS, sizeof us[0], cmp);
	printf("%-8s %-11s %7zu %9zu %9.1f %9.1f\n", what, l->name, n, bytes / n, us[RUNS / 2],
	       us[(RUNS * 99 + 99) / 100 - 1]);
	return true;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "boca", "label-6x4", "a4", "receipt-80" };
	const char *assets = argc > 1 ? argv[1] : getenv("BOXOFFICE_ASSETSDIR");
	static struct ticket_print t[ORDER];
	bool ok = true;

	if (assets == NULL || assets[0] == '\0')
		assets = "assets";
	for (int i = 0; i < ORDER; i++)
		fill(&t[i], i);
	printf("%-8s %-11s %7s %9s %9s %9s\n", "format", "layout", "tickets", "bytes/tk",
	       "median", "p99 us/tk");
	for (size_t i = 0; i < sizeof names / sizeof names[0] && ok; i++) {
		struct err e;
		struct layout *l = layout_load(names[i], assets, &e);

		if (l == NULL) {
			fprintf(stderr, "%s\n", e.msg);
			return 1;
		}
		ok = bench("pdf", l, ticket_pdf_render, t, 1) &&
		     bench("pdf", l, ticket_pdf_render, t, ORDER) &&
		     bench("zpl", l, ticket_zpl_render, t, 1) &&
		     bench("escpos", l, ticket_escpos_render, t, 1);
		layout_free(&l);
	}
	return ok ? 0 : 1;
}
