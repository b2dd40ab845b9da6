/* money: amounts are int64_t cents in C and NUMERIC(10,2) text on the wire;
 * never floating point. */
#ifndef BOXOFFICE_MONEY_H
#define BOXOFFICE_MONEY_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest amount NUMERIC(10,2) holds: 99,999,999.99. */
#define MONEY_MAX INT64_C(9999999999)

/* Parses what a person types: "12", "12.5", "12.50", ".50", with spaces around
 * and "," as thousands separators ("1,234.50"). Refuses signs, more than two
 * decimals, other characters and amounts over MONEY_MAX, with a message
 * naming the input. */
bool money_parse(const char *text, int64_t *cents, struct err *e);

/* Writes cents as "1234.50" (no separators: for the database and files).
 * Returns buf. */
char *money_text(int64_t cents, char *buf, size_t size);

/* Writes cents as "1,234.50" for people. Returns buf. */
char *money_show(int64_t cents, char *buf, size_t size);

#endif
