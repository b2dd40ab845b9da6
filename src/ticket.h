/* ticket: what a printed ticket can show, and the placeholders of layout
 * texts ({event}, {date}, …) that pick from it.
 *
 * The struct holds fixed-size strings (no ownership to track): each is
 * NUL-terminated UTF-8 and sized for the database's limits (titles and
 * names are at most 200 characters, i.e. 800 bytes of UTF-8; row and seat
 * labels 20 characters). ticket_copy() fills a field and cuts a longer
 * value at a character boundary, so a struct never holds half a character. */
#ifndef BOXOFFICE_TICKET_H
#define BOXOFFICE_TICKET_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TICKET_ID_SIZE    37   /* a UUID, 36 characters */
#define TICKET_TOKEN_SIZE 129  /* the QR payload: printable ASCII, 1..128 bytes */
#define TICKET_NAME_SIZE  801  /* 200 characters of UTF-8 */
#define TICKET_LABEL_SIZE 81   /* 20 characters of UTF-8 */
#define TICKET_ORDER_SIZE 9    /* first 8 characters of the order id, upper case */

/* Longest expansion of one layout text, in bytes with the NUL; longer
 * results are cut at a character boundary. */
#define TICKET_TEXT_MAX 1024

struct ticket_print {
	char ticket_id[TICKET_ID_SIZE];
	char token[TICKET_TOKEN_SIZE];     /* what the QR holds, e.g. 40 upper-case hex */
	char event[TICKET_NAME_SIZE];      /* event title */
	time_t start;                      /* event start, printed in local time */
	char venue[TICKET_NAME_SIZE];
	char section[TICKET_NAME_SIZE];
	bool general;                      /* general admission: no row, no seat */
	char row[TICKET_LABEL_SIZE];
	char seat[TICKET_LABEL_SIZE];      /* the seat number label */
	char tier[TICKET_NAME_SIZE];
	int64_t price;                     /* cents */
	char order[TICKET_ORDER_SIZE];     /* order reference, see ticket_order_ref() */
	char customer[TICKET_NAME_SIZE];   /* "" for a walk-up sale */
};

/* Copies src into a field of size bytes, cutting at a UTF-8 character
 * boundary if it does not fit. src NULL gives "". Returns dst. */
char *ticket_copy(char *dst, size_t size, const char *src);

/* The order reference printed on tickets: the first 8 characters of the
 * order id, upper case ("3F2A9C01"). out has TICKET_ORDER_SIZE bytes. */
void ticket_order_ref(const char *order_id, char out[TICKET_ORDER_SIZE]);

/* Checks a layout text: every {name} is a known placeholder, "{{" and "}}"
 * are literal braces, no "{" is left open. where names the text in the
 * message ("items[3].text: unknown placeholder {sect}"). */
bool ticket_template_check(const char *tmpl, const char *where, struct err *e);

/* Expands tmpl for ticket t into out (size bytes, cut at a character
 * boundary if it does not fit). The placeholders:
 *   {event} {venue} {section} {tier} {customer}  as stored
 *   {date}  "Fri 27 Nov 2026" (English names, local time)
 *   {time}  "19:30"
 *   {row}   the row label; "" for general admission
 *   {seat}  the seat number; "General admission" for general admission
 *   {price} money_show(): "1,234.50"
 *   {place} "Row A, Seat 12"; "General admission" for general admission
 *   {order} the order reference; {ticket} the first 8 characters of the
 *   ticket id, upper case
 * False (with e naming the placeholder) only for a template that
 * ticket_template_check() refuses. */
bool ticket_expand(const char *tmpl, const struct ticket_print *t, char *out, size_t size,
		   struct err *e);

/* Length of the longest prefix of s[0..len) that ends on a UTF-8 character
 * boundary. */
size_t ticket_utf8_cut(const char *s, size_t len);

#endif
