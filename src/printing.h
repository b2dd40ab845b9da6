/* printing: from sold tickets to paper, and the record of what happened.
 * Tokens exist only in memory: right after a sale (sale_pay) or a reprint
 * (reprint_tickets, which kills the old code). Anything printed later is
 * therefore a reprint. Every attempt is recorded (record_prints), so the
 * unprinted list survives a restart; a failure leaves the tickets valid and
 * says why in words. */
#ifndef BOXOFFICE_PRINTING_H
#define BOXOFFICE_PRINTING_H

#include "db.h"
#include "err.h"
#include "ticket.h"

#include <stdbool.h>
#include <stddef.h>

/* AUTO: PDF, unless the printer is a raw queue: then the config's "raw_format"
 * (zpl or escpos; ZPL when unset), since a thermal printer cannot read PDF. */
enum print_format { PRINT_FORMAT_PDF, PRINT_FORMAT_ZPL, PRINT_FORMAT_ESCPOS, PRINT_FORMAT_AUTO };

struct print_opts {
	const char *printer; /* NULL: the remembered printer, else CUPS's default */
	const char *layout;  /* name or path; NULL: boca (receipt-80 for ESC/POS) */
	enum print_format format;
	int wait_ms;         /* how long to follow the job; 0: 30 s */
};

/* What happened: the printer used and its job, for messages and logs. */
struct print_result {
	char printer[128];
	int job;
	size_t tickets;
};

/* "pdf", "zpl", "escpos" → format; false (ERR_USAGE) otherwise. */
bool printing_format(const char *name, enum print_format *out, struct err *e);

/* The printer to use: opts->printer, else the config's "printer", else the
 * CUPS default. */
bool printing_pick_printer(const char *wanted, char *out, size_t size, struct err *e);

/* Ticket data for the given ids with their tokens (tokens[i] for ids[i]), in
 * the database's print order. Caller frees *out. */
bool printing_load(struct db *db, const char *const *ids, const char *const *tokens, size_t n,
		   struct ticket_print **out, size_t *nout, struct err *e);

/* Renders tickets in a format with a layout: *buf is malloc'd. */
bool printing_render(const struct print_opts *o, const struct ticket_print *t, size_t n,
		     char **buf, size_t *len, struct err *e);

/* Prints tickets whose tokens the caller holds (fresh from a sale or a
 * reprint): render, submit, follow the job, record QUEUED then PRINTED or
 * FAILED. On failure the job is cancelled (a copy printed later would be a
 * second valid printout) and e says why; the tickets stay valid. */
bool printing_print(struct db *db, const char *const *ids, const char *const *tokens, size_t n,
		    bool reprint, const struct print_opts *o, struct print_result *r, struct err *e);

/* New tokens for the tickets (the old printouts die), then printing_print.
 * reason is recorded. */
bool printing_reprint(struct db *db, const char *const *ids, size_t n, const char *reason,
		      const struct print_opts *o, struct print_result *r, struct err *e);

/* Valid ticket ids of an order or a ticket: key is a ticket id, an order id,
 * or the 8-character order reference printed on tickets. *ids is malloc'd
 * (an array of n strings of UUID length + 1 each). */
bool printing_find(struct db *db, const char *key, char (**ids)[37], size_t *n, struct err *e);

#endif
