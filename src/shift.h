/* shift: a login's shift and cash drawer (issue 6), copied into plain
 * structs. Opened with a float (open_shift), closed with a blind count
 * (close_shift: nothing about what was expected comes back), read as a report
 * (shift_report: supervisors, or one's own once signed off), listed for
 * supervisors, signed off by another supervisor (sign_off_shift). The
 * database decides who may do what and refuses in words (sql/README.md,
 * "Shifts"); this module only carries the figures.
 *
 * Money is int64 cents. Times are kept twice: as the database wrote them
 * (text, for the command line, which has always printed them so) and as
 * seconds since the epoch (0: none) for screens and printouts. */
#ifndef BOXOFFICE_SHIFT_H
#define BOXOFFICE_SHIFT_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SHIFT_ID_SIZE 37
#define SHIFT_TIME_SIZE 48
#define SHIFT_LOGIN_SIZE 64
#define SHIFT_NAME_SIZE 256
#define SHIFT_NOTE_SIZE 4004  /* the database's 1000 characters, in UTF-8 */
/* How many shifts the supervisors' list reads (newest first). */
#define SHIFT_LIST_MAX 200

/* The caller's own shift as it stands. */
struct shift_mine {
	bool open;                       /* false: no shift open (the rest is empty) */
	char id[SHIFT_ID_SIZE];
	time_t opened;
	int64_t float_amount;
};

/* What close_shift gives back: the count, never the expected figures. */
struct shift_closed {
	char id[SHIFT_ID_SIZE];
	char opened_at[SHIFT_TIME_SIZE], closed_at[SHIFT_TIME_SIZE]; /* the database's text */
	time_t closed;
	int64_t counted_cash, counted_card;
};

/* One row of shift_report(). */
struct shift_report {
	char id[SHIFT_ID_SIZE];
	char login[SHIFT_LOGIN_SIZE];
	char name[SHIFT_NAME_SIZE];      /* the staff member's display name, "" if none */
	char opened_at[SHIFT_TIME_SIZE], closed_at[SHIFT_TIME_SIZE], signed_off_at[SHIFT_TIME_SIZE];
	time_t opened, closed, signed_at; /* closed 0: still open (expected so far) */
	int64_t float_amount;
	long cash_payments, card_payments, comp_payments;
	int64_t cash_taken, expected_cash, card_taken, expected_card;
	bool counted;                    /* closed: counted and variance are set */
	int64_t counted_cash, variance_cash, counted_card, variance_card;
	long cancelled_tickets;          /* of the shift's sales, cancelled since */
	int64_t cancelled_face_value;
	char signed_off_by[SHIFT_LOGIN_SIZE]; /* "" until signed off */
	char note[SHIFT_NOTE_SIZE];
};

enum shift_state { SHIFT_OPEN, SHIFT_AWAITING, SHIFT_SIGNED };

/* One shift of the organisation's list. */
struct shift_row {
	char id[SHIFT_ID_SIZE];
	char login[SHIFT_LOGIN_SIZE];
	time_t opened, closed, signed_at; /* 0: not (yet) */
	char signed_off_by[SHIFT_LOGIN_SIZE];
	int64_t float_amount;
	bool counted;                    /* closed: counted_* are set */
	int64_t counted_cash, counted_card;
	bool have_variance;              /* the login may read variances (supervisors) and it is closed */
	int64_t variance_cash, variance_card;
};

struct shift_list {
	struct shift_row *v;             /* owned, newest first */
	size_t n;
};

/* ---- the database ---- */

/* The caller's open shift (out->open false when none). */
bool shift_mine(struct db *db, struct shift_mine *out, struct err *e);

/* The id of the caller's latest shift, open or closed; "" when they have had none. */
bool shift_latest(struct db *db, char id[SHIFT_ID_SIZE], struct err *e);

/* A shift by its id or the id's first 8 or more characters (as printed). */
bool shift_find(struct db *db, const char *key, char id[SHIFT_ID_SIZE], struct err *e);

/* Opens the caller's shift with float_cents in the drawer. */
bool shift_open(struct db *db, int64_t float_cents, char id[SHIFT_ID_SIZE], struct err *e);

/* Closes the caller's shift with the blind count. */
bool shift_close(struct db *db, int64_t counted_cash, int64_t counted_card, struct shift_closed *out,
		 struct err *e);

bool shift_report_load(struct db *db, const char *id, struct shift_report *out, struct err *e);

/* The organisation's newest shifts (RLS: a clerk sees only their own).
 * with_variance reads the variance columns, which only supervisors may
 * (column privileges: a clerk asking is refused, SQLSTATE 42501). */
bool shift_list_load(struct db *db, bool with_variance, struct shift_list *out, struct err *e);
void shift_list_free(struct shift_list *l);

/* A supervisor signs another's closed shift off; note NULL or "" for none
 * (the database wants one when the count is off). at gets the time as the
 * database wrote it. */
bool shift_sign_off(struct db *db, const char *id, const char *note, char at[SHIFT_TIME_SIZE],
		    struct err *e);

/* ---- pure ---- */

/* A signed amount as the database writes numeric(10,2) ("-5.00", "12.5",
 * "0") → cents. */
bool shift_amount_parse(const char *text, int64_t *cents, struct err *e);

/* cents as "+5.00", "-5.00" or "0.00" with thousands separators: a variance. */
char *shift_variance_show(int64_t cents, char *buf, size_t size);

enum shift_state shift_row_state(const struct shift_row *r);

/* "short by 5.00", "over by 0.05", "exact" — a variance in words. */
char *shift_variance_words(int64_t cents, char *buf, size_t size);

#endif
