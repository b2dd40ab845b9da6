/* cli_sale: `seatmap EVENT SECTION` and `sell …`, so scripts and tests can do
 * what a clerk does at the window, through the same src/ modules. */
#ifndef BOXOFFICE_CLI_SALE_H
#define BOXOFFICE_CLI_SALE_H

#include "cli.h"
#include "err.h"
#include "sale.h"
#include "seatmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct cJSON;

/* The command words w[0..n) ("seatmap" or "sell", then arguments). */
bool cli_sale_parse(int n, const char *const w[], struct cli_options *o, struct err *e);

/* Options that belong to seatmap/sell: refused with other commands, and
 * their combinations checked for sell. */
bool cli_sale_check(const struct cli_options *o, struct err *e);

/* The parts of sell that exchange shares, so both read the same options the
 * same way. */

/* --event, --section and exactly one of --seats, --best N, --ga N (valid
 * numbers); cmd names the command in the messages. */
bool cli_sale_check_what(const struct cli_options *o, const char *cmd, struct err *e);

/* --pay (set) is cash or card (or comp, when comp), --tendered only with
 * cash, --reference exactly with card. */
bool cli_sale_check_pay(const struct cli_options *o, bool comp, struct err *e);

/* What the options ask for on the map: the section, seat indices (numbered)
 * or a number of places (general admission), and the tier (--tier, else the
 * section's first). */
struct cli_sale_plan {
	int section;
	int *seats; /* owned: cli_sale_plan_free */
	size_t nseats;
	int places;
	struct tier tier; /* a copy: the tier list is freed once read */
};

bool cli_sale_plan(struct db *db, const struct cli_options *o, const struct seatmap *m,
		   struct cli_sale_plan *p, struct err *e);
void cli_sale_plan_free(struct cli_sale_plan *p);

/* The plan as order lines (*n of them) and its seat ids (pointing into m);
 * the caller frees both arrays. */
bool cli_sale_items(const struct seatmap *m, const struct cli_sale_plan *p,
		    struct sale_item **items, const char ***ids, size_t *n, struct err *e);

/* The payment of amount --pay describes (cash: --tendered, at least the
 * amount; card: --reference; comp: --reason). */
bool cli_sale_payment(const struct cli_options *o, int64_t amount, struct payment *pay,
		      struct err *e);

/* One line per issued ticket: seat, tier, price and QR token. */
void cli_sale_print_tickets(FILE *out, const struct seatmap *m, const struct cli_sale_plan *p,
			    const struct issued *t);

/* The same as a "tickets" array of root; false when out of memory. */
bool cli_sale_json_tickets(struct cJSON *root, const struct seatmap *m,
			   const struct cli_sale_plan *p, const struct issued *t);

/* Runs seatmap or sell; returns the exit code. */
int cli_sale_run(const struct cli_options *o, FILE *out, FILE *err_out);

#endif
