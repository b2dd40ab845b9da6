/* db: the only door to PostgreSQL. No PGresult or PGconn leaves db*.c:
 * rows are handed to a callback as C strings and copied by the caller.
 * Every result passes one accept function that fills struct err. */
#ifndef BOXOFFICE_DB_H
#define BOXOFFICE_DB_H

#include "err.h"

#include <stdbool.h>

struct db;

/* Connect like psql. conninfo may be NULL (libpq then uses PG* env vars,
 * service files and .pgpass), a URI or a key=value string. When the server
 * wants a password and stdin is a terminal, asks for it without echo and
 * tries once more. Returns a connection the caller owns (db_close), or NULL
 * with e filled. */
struct db *db_connect(const char *conninfo, struct err *e);

/* Closes the connection and sets *db to NULL. NULL and *NULL are fine. */
void db_close(struct db **db);

/* Called once per row. vals[i] is the text of column i, NULL for SQL NULL;
 * the strings live only during the call, copy what you keep. Return false
 * (with e filled) to stop; db_query then returns false. */
typedef bool (*db_row_fn)(void *ctx, int ncols, const char *const *vals, struct err *e);

/* Runs one parameterised statement (PQexecParams, text parameters; a NULL
 * parameter is SQL NULL) and passes each row to row_fn. row_fn may be NULL
 * for statements without rows. */
bool db_query(struct db *db, const char *sql, int nparams, const char *const *params,
	      db_row_fn row_fn, void *ctx, struct err *e);

/* db_query for statements whose rows (if any) are not wanted. */
bool db_exec(struct db *db, const char *sql, int nparams, const char *const *params,
	     struct err *e);

/* First column of the first row into buf (NUL-terminated, truncated to
 * size). No row is an error (ERR_DB, "no rows"); NULL gives "". */
bool db_query_text(struct db *db, const char *sql, int nparams, const char *const *params,
		   char *buf, size_t size, struct err *e);

/* Runs a whole script of several statements with the simple query protocol
 * (PQexec). This is the one path without parameters: the extended protocol
 * that carries parameters takes a single statement only, and migration files
 * are trusted text from the installation, never built from input. */
bool db_exec_script(struct db *db, const char *script, struct err *e);

bool db_begin(struct db *db, struct err *e);
bool db_commit(struct db *db, struct err *e);
/* Never fails loudly: used on error paths where e already holds the cause. */
void db_rollback(struct db *db);

/* The connection's socket for poll(), -1 when not connected. */
int db_socket(const struct db *db);

/* Call when poll() says the socket is readable: reads what the server sent
 * (NOTICEs now, NOTIFY later) so the socket stops being readable. false
 * with e filled when the connection is gone. */
bool db_consume(struct db *db, struct err *e);

/* Longest NOTIFY payload kept (a uuid is 36). */
#define DB_PAYLOAD_MAX 64

/* LISTEN on channel, remembered so db_reconnect listens again. */
bool db_listen(struct db *db, const char *channel, struct err *e);

/* Takes the oldest waiting notification's payload: 1 when one was copied, 0
 * when none waits, -1 when some were lost (queue overflow or a reconnect):
 * re-read everything. Notifications arrive with any query and with
 * db_consume; each distinct payload waits once. */
int db_notification(struct db *db, char *payload, size_t size);

/* Whether the connection is up. */
bool db_connected(const struct db *db);

/* After a lost connection: a new session on the same settings (PQreset),
 * listening again. Prepared state and transactions of the old session are
 * gone; callers redo what they need. */
bool db_reconnect(struct db *db, struct err *e);

/* The server's own primary message of the last error ("" if none). struct
 * err carries words for a clerk; operators (migrations, logs) want this. */
const char *db_last_message(const struct db *db);

/* Where the connection goes: "host:port" or the unix socket path. Owned by
 * db, valid until db_close. */
const char *db_where(const struct db *db);

/* Server NOTICEs go to stderr by default (migrations RAISE NOTICE for the
 * operator); the terminal UI turns that off so they cannot scribble on the
 * screen. */
void db_set_notice_echo(struct db *db, bool echo);

/* The live connection's settings as libpq environment variables
 * ("PGHOST=/tmp/x", "PGUSER=…", a typed password as PGPASSWORD), so a child
 * program (pg_dump, pg_restore) reaches the same server as the same login
 * without a password on its command line. A NULL-terminated array the
 * caller frees with db_env_free; NULL with e when out of memory. */
char **db_child_env(const struct db *db, struct err *e);
void db_env_free(char **env);

/* Pure, for tests: turns libpq's connection failure text into a sentence
 * for people. where is "host:port" or the socket directory. */
bool db_connect_error(const char *libpq_msg, const char *where, struct err *e);

/* Whether password is the connection's login's password: a second connection
 * with the same settings and this password is opened and closed. A wrong
 * password is ERR_INPUT "The current password is not right."; a server that
 * asked for none cannot vouch for it (ERR_INPUT too). */
bool db_check_password(struct db *db, const char *password, struct err *e);

/* After the login's password changed: the connection is replaced by one
 * opened with the new password (a later db_reconnect would use the old one),
 * listening again. On failure the old connection stays. */
bool db_relogin(struct db *db, const char *password, struct err *e);

#endif
