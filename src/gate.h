/* gate: tickets validated at a door (issue 7). One scan is one call of
 * validate_ticket() (sql/migrations/0003): the ticket row locked, VALID →
 * USED with scanned_at, a ticket_validations row with the gate and the staff
 * login; expected outcomes come back as results, not errors, so a gate can
 * show them. Here: what a scanner typed made into a token, the answer as a
 * plain struct, and the words for each result. */
#ifndef BOXOFFICE_GATE_H
#define BOXOFFICE_GATE_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Longest token taken from a scanner (ours are 40 hex digits). */
#define GATE_TOKEN_MAX 128
/* ticket_validations.gate holds 1..100 characters. */
#define GATE_NAME_MAX 100
#define GATE_TIME_SIZE 32

enum gate_result {
	GATE_ADMITTED,
	GATE_ALREADY_USED,
	GATE_CANCELLED,
	GATE_WRONG_EVENT,
	GATE_UNKNOWN,
};
#define GATE_RESULTS 5

struct gate_scan {
	enum gate_result result;
	char ticket_id[37];           /* "" when UNKNOWN */
	char event_title[256];        /* the ticket's own event (WRONG_EVENT: the other one) */
	char attendee[256];
	char section[256];
	char row[64];                 /* "" for a standing (GA) ticket */
	char seat[64];
	char tier[256];
	char scanned_at[GATE_TIME_SIZE]; /* first admission, "YYYY-MM-DDTHH:MM:SSZ"; "" if never */
	char scanned_gate[GATE_NAME_MAX * 4 + 1]; /* the gate that admitted it; "" if never */
};

/* A scanner may add blanks, a CR or a tab, and may type lower case: keeps
 * what is left of in without blanks or control characters, letters in upper
 * case (tokens are upper-case hex). false when nothing is left or it does
 * not fit out (size at least GATE_TOKEN_MAX + 1 takes any real token). */
bool gate_normalize(const char *in, char *out, size_t size);

/* The gate's name trimmed into out: 1..GATE_NAME_MAX characters, one line.
 * false with e (ERR_INPUT) and a sentence otherwise. */
bool gate_name(const char *in, char *out, size_t size, struct err *e);

/* The database's word: ADMITTED, ALREADY_USED, CANCELLED, WRONG_EVENT, UNKNOWN. */
const char *gate_result_word(enum gate_result r);
/* The same for people at the door: ADMITTED, ALREADY SCANNED, CANCELLED,
 * WRONG EVENT, UNKNOWN. */
const char *gate_result_title(enum gate_result r);
/* The database's word back to a result; false when it is none of them. */
bool gate_result_parse(const char *word, enum gate_result *r);

/* "Stalls, row A, seat 12" or "Promenade (standing)"; "" when unknown. */
char *gate_seat_text(const struct gate_scan *s, char *buf, size_t size);

/* A UTC "YYYY-MM-DDTHH:MM:SSZ" in local time: "19:42:05" on the same local
 * day as now, else "Fri 27 Nov 19:42"; "" when empty or unreadable. */
char *gate_time_text(const char *utc, time_t now, char *buf, size_t size);

/* Tickets of event_id admitted at gate so far (whichever terminal scanned
 * them), into *n. */
bool gate_admitted_count(struct db *db, const char *gate, const char *event_id, int *n,
			 struct err *e);

/* Validates token (normalised first) at gate; event_id (NULL: any) makes a
 * ticket of another event WRONG_EVENT. A token that cannot be a ticket's is
 * UNKNOWN without asking the database. false with e when the call failed:
 * then nothing is known about the ticket (ERR_CONNECT: the connection is
 * gone, and the scan was not checked). */
bool gate_validate(struct db *db, const char *token, const char *gate, const char *event_id,
		   struct gate_scan *out, struct err *e);

#endif
