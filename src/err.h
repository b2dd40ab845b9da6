/* err: the one error type of the project (DESIGN §6).
 * Functions return bool and fill a caller's struct err; msg is written for the
 * person at the terminal, sqlstate is kept for logs. */
#ifndef BOXOFFICE_ERR_H
#define BOXOFFICE_ERR_H

#include <stdbool.h>
#include <stddef.h>

enum err_code {
	ERR_NONE = 0,
	ERR_USAGE,      /* bad command line */
	ERR_IO,         /* file or terminal */
	ERR_NOMEM,
	ERR_CONNECT,    /* could not connect / connection lost */
	ERR_DB,         /* the server refused a statement; see sqlstate */
	ERR_MIGRATE,    /* migration files or history inconsistent */
	ERR_INPUT,      /* invalid data from a file or the user */
};

struct err {
	int code;          /* enum err_code */
	char sqlstate[6];  /* "" unless the error came from the server */
	char msg[256];     /* complete sentence(s), no trailing newline */
};

void err_clear(struct err *e);

/* printf-style; truncates to fit msg. Clears sqlstate. Returns false so a
 * caller can write `return err_set(e, ...);`. e may be NULL. */
bool err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Fill e from a server error: code ERR_DB, sqlstate copied, msg from the
 * table of clerk-readable messages (exact code first, then the 2-char class).
 * For our own codes (class BO) the server's message is already written for
 * people and is kept; the table is only the fallback when it is empty.
 * For an SQLSTATE not in the table the server's message is used.
 * server_msg may be NULL. Returns false. */
bool err_from_sqlstate(struct err *e, const char *sqlstate, const char *server_msg);

/* The table's message for sqlstate (exact, then class), or NULL. */
const char *err_sqlstate_message(const char *sqlstate);

#endif
