/* db: connection, the accept function, parameterised queries, scripts.
 * Later: on ERR_CONNECT the caller may ask for a reconnect; that will be
 * PQreset(), which starts a new session, so prepared statements and LISTENs
 * must be issued again afterwards (DESIGN §6). */
#include "db.h"
#include "secret.h"

#include <libpq-fe.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASSWORD_MAX 1024

/* Notifications wait here until the application asks for them; a payload
 * already waiting is not queued twice (the screen re-reads once either way). */
#define DB_NOTIFY_MAX 32
#define DB_CHANNELS_MAX 4

struct db {
	PGconn *conn;
	bool notice_echo;
	char where[512];
	char last_msg[512];
	char notify[DB_NOTIFY_MAX][DB_PAYLOAD_MAX];
	size_t n_notify;
	bool notify_overflow;
	char channels[DB_CHANNELS_MAX][64];
	size_t n_channels;
};

static void collect_notifies(struct db *db)
{
	for (PGnotify *n; (n = PQnotifies(db->conn)) != NULL; PQfreemem(n)) {
		bool seen = false;

		for (size_t i = 0; i < db->n_notify && !seen; i++)
			seen = strncmp(db->notify[i], n->extra, DB_PAYLOAD_MAX - 1) == 0;
		if (seen)
			continue;
		if (db->n_notify == DB_NOTIFY_MAX) {
			db->notify_overflow = true;
			continue;
		}
		snprintf(db->notify[db->n_notify++], DB_PAYLOAD_MAX, "%s", n->extra);
	}
}

/* ---- accept: every PGresult goes through here ---- */

static void set_lost(struct db *db, struct err *e)
{
	err_from_sqlstate(e, "08006", NULL);
	if (e != NULL)
		e->code = ERR_CONNECT;
	(void)db;
}

/* Like psql's AcceptResult: true for a result we can use; otherwise e is
 * filled and the server's words are kept in db->last_msg. res may be NULL
 * (libpq could not even build a result: out of memory or connection gone). */
static bool accept_result(struct db *db, const PGresult *res, struct err *e)
{
	const char *state, *primary;

	db->last_msg[0] = '\0';
	if (res == NULL) {
		snprintf(db->last_msg, sizeof db->last_msg, "%s", PQerrorMessage(db->conn));
		if (PQstatus(db->conn) == CONNECTION_BAD) {
			set_lost(db, e);
			return false;
		}
		return err_set(e, ERR_NOMEM, "Out of memory talking to the database.");
	}
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		return true;
	default:
		break;
	}
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (primary == NULL)
		primary = PQresultErrorMessage(res);
	snprintf(db->last_msg, sizeof db->last_msg, "%s", primary);
	db->last_msg[strcspn(db->last_msg, "\n")] = '\0';
	if (PQstatus(db->conn) == CONNECTION_BAD) {
		set_lost(db, e);
		return false;
	}
	if (state == NULL) /* a client-side error: no SQLSTATE, keep the words */
		return err_set(e, ERR_DB, "%s", db->last_msg);
	return err_from_sqlstate(e, state, db->last_msg);
}

/* ---- queries ---- */

static bool deliver_rows(const PGresult *res, db_row_fn row_fn, void *ctx, struct err *e)
{
	int nrows = PQntuples(res), ncols = PQnfields(res);
	const char **vals;
	bool ok = true;

	if (nrows == 0)
		return true;
	vals = calloc((size_t)ncols + 1, sizeof *vals);
	if (vals == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	for (int r = 0; r < nrows && ok; r++) {
		for (int c = 0; c < ncols; c++)
			vals[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
		ok = row_fn(ctx, ncols, vals, e);
	}
	free(vals);
	return ok;
}

bool db_query(struct db *db, const char *sql, int nparams, const char *const *params,
	      db_row_fn row_fn, void *ctx, struct err *e)
{
	PGresult *res;
	bool ok;

	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	collect_notifies(db);
	ok = accept_result(db, res, e);
	if (ok && row_fn != NULL && PQresultStatus(res) == PGRES_TUPLES_OK)
		ok = deliver_rows(res, row_fn, ctx, e);
	PQclear(res);
	return ok;
}

bool db_exec(struct db *db, const char *sql, int nparams, const char *const *params,
	     struct err *e)
{
	return db_query(db, sql, nparams, params, NULL, NULL, e);
}

struct text_ctx {
	char *buf;
	size_t size;
	bool got;
};

static bool first_text(void *ctx, int ncols, const char *const *vals, struct err *e)
{
	struct text_ctx *t = ctx;

	(void)e;
	if (!t->got && ncols > 0)
		snprintf(t->buf, t->size, "%s", vals[0] != NULL ? vals[0] : "");
	t->got = true;
	return true;
}

bool db_query_text(struct db *db, const char *sql, int nparams, const char *const *params,
		   char *buf, size_t size, struct err *e)
{
	struct text_ctx t = { buf, size, false };

	if (size > 0)
		buf[0] = '\0';
	if (!db_query(db, sql, nparams, params, first_text, &t, e))
		return false;
	if (!t.got)
		return err_set(e, ERR_DB, "The database returned no rows.");
	return true;
}

bool db_exec_script(struct db *db, const char *script, struct err *e)
{
	PGresult *res;
	bool ok;

	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	/* PQexec returns only the last statement's result, but stops at the
	 * first error and reports that one, which is all we need. */
	res = PQexec(db->conn, script);
	ok = accept_result(db, res, e);
	PQclear(res);
	return ok;
}

bool db_begin(struct db *db, struct err *e)
{
	return db_exec(db, "BEGIN", 0, NULL, e);
}

bool db_commit(struct db *db, struct err *e)
{
	return db_exec(db, "COMMIT", 0, NULL, e);
}

void db_rollback(struct db *db)
{
	struct err ignored;
	char keep[sizeof db->last_msg];

	/* Keep the message of the error that made us roll back. */
	memcpy(keep, db->last_msg, sizeof keep);
	db_exec(db, "ROLLBACK", 0, NULL, &ignored);
	memcpy(db->last_msg, keep, sizeof keep);
}

int db_socket(const struct db *db)
{
	return db != NULL && db->conn != NULL ? PQsocket(db->conn) : -1;
}

bool db_consume(struct db *db, struct err *e)
{
	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	if (!PQconsumeInput(db->conn) || PQstatus(db->conn) == CONNECTION_BAD) {
		set_lost(db, e);
		return false;
	}
	collect_notifies(db);
	return true;
}

/* LISTEN takes an identifier, which no protocol parameter can carry: the
 * channel is quoted by libpq, and callers pass constants from the code. */
bool db_listen(struct db *db, const char *channel, struct err *e)
{
	char *quoted, sql[128];
	bool ok;

	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	quoted = PQescapeIdentifier(db->conn, channel, strlen(channel));
	if (quoted == NULL)
		return err_set(e, ERR_DB, "Cannot listen on \"%s\".", channel);
	snprintf(sql, sizeof sql, "LISTEN %s", quoted);
	PQfreemem(quoted);
	ok = db_exec_script(db, sql, e);
	if (ok && db->n_channels < DB_CHANNELS_MAX) {
		bool known = false;

		for (size_t i = 0; i < db->n_channels; i++)
			known = known || strcmp(db->channels[i], channel) == 0;
		if (!known)
			snprintf(db->channels[db->n_channels++], sizeof db->channels[0], "%s", channel);
	}
	return ok;
}

int db_notification(struct db *db, char *payload, size_t size)
{
	if (db == NULL)
		return 0;
	if (db->notify_overflow) {
		/* some were dropped: the caller must re-read everything */
		db->notify_overflow = false;
		db->n_notify = 0;
		return -1;
	}
	if (db->n_notify == 0)
		return 0;
	snprintf(payload, size, "%s", db->notify[0]);
	memmove(db->notify[0], db->notify[1], (db->n_notify - 1) * sizeof db->notify[0]);
	db->n_notify--;
	return 1;
}

bool db_connected(const struct db *db)
{
	return db != NULL && db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK;
}

bool db_reconnect(struct db *db, struct err *e)
{
	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK)
		return db_connect_error(PQerrorMessage(db->conn), db->where, e);
	/* a new session: LISTENs are gone, and whatever was announced meanwhile
	 * is unknown, so the caller re-reads (db_notification says -1 once) */
	db->n_notify = 0;
	db->notify_overflow = true;
	for (size_t i = 0; i < db->n_channels; i++) {
		char channel[64];

		snprintf(channel, sizeof channel, "%s", db->channels[i]);
		if (!db_listen(db, channel, e))
			return false;
	}
	return true;
}

const char *db_last_message(const struct db *db)
{
	return db != NULL ? db->last_msg : "";
}

const char *db_where(const struct db *db)
{
	return db != NULL ? db->where : "";
}

void db_set_notice_echo(struct db *db, bool echo)
{
	if (db != NULL)
		db->notice_echo = echo;
}

void db_close(struct db **db)
{
	if (db == NULL || *db == NULL)
		return;
	PQfinish((*db)->conn);
	free(*db);
	*db = NULL;
}

char **db_child_env(const struct db *db, struct err *e)
{
	PQconninfoOption *opts;
	char **env;
	size_t n = 0, k = 0;

	if (db == NULL || db->conn == NULL) {
		err_set(e, ERR_CONNECT, "Not connected to the database.");
		return NULL;
	}
	if ((opts = PQconninfo(db->conn)) == NULL) {
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		n++;
	env = calloc(n + 1, sizeof *env);
	for (PQconninfoOption *o = opts; env != NULL && o->keyword != NULL; o++) {
		size_t len;

		/* "D" options are libpq's debugging ones; no variable, nothing to pass */
		if (o->envvar == NULL || o->val == NULL || o->val[0] == '\0' ||
		    (o->dispchar != NULL && o->dispchar[0] == 'D'))
			continue;
		len = strlen(o->envvar) + strlen(o->val) + 2;
		if ((env[k] = malloc(len)) == NULL) {
			db_env_free(env);
			env = NULL;
			break;
		}
		snprintf(env[k++], len, "%s=%s", o->envvar, o->val);
	}
	PQconninfoFree(opts);
	if (env == NULL)
		err_set(e, ERR_NOMEM, "Out of memory.");
	return env;
}

void db_env_free(char **env)
{
	if (env == NULL)
		return;
	for (char **p = env; *p != NULL; p++) {
		explicit_bzero(*p, strlen(*p)); /* PGPASSWORD */
		free(*p);
	}
	free(env);
}

/* ---- connecting ---- */

/* The login's password from the terminal, with echo off (secret.c). */
static bool prompt_password(const char *user, char *buf, size_t size)
{
	char prompt[160];

	snprintf(prompt, sizeof prompt, "Password for user %s: ", user != NULL ? user : "?");
	return secret_read_tty(STDIN_FILENO, prompt, buf, size);
}

/* Whether the person chose how TLS is used: sslmode in the conninfo or the
 * environment, or a service entry, which is used as written because a
 * parameter of ours would override what it says. */
static bool tls_chosen(const char *conninfo)
{
	static const char *const vars[] = { "PGSSLMODE", "PGSERVICE" };
	PQconninfoOption *opts;
	bool chosen = false;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && v[0] != '\0')
			return true;
	}
	/* a bare database name does not parse, and says nothing about TLS */
	if (conninfo == NULL || (opts = PQconninfoParse(conninfo, NULL)) == NULL)
		return false;
	for (const PQconninfoOption *o = opts; o->keyword != NULL; o++)
		if (o->val != NULL && o->val[0] != '\0' &&
		    (strcmp(o->keyword, "sslmode") == 0 || strcmp(o->keyword, "service") == 0))
			chosen = true;
	PQconninfoFree(opts);
	return chosen;
}

static PGconn *try_connect(const char *conninfo, const char *password)
{
	const char *kw[8], *val[8];
	int n = 0;

	/* libpq's own default, prefer, falls back to plain text and checks no
	 * certificate, so anyone on the path could read or change the session:
	 * customers' data, sales. verify-full checks the CA and the host name.
	 * libpq ignores sslmode on a Unix socket, so local use (the demo) is as
	 * before. First in the list, so nothing the person wrote is overridden. */
	if (!tls_chosen(conninfo)) {
		kw[n] = "sslmode";
		val[n++] = "verify-full";
	}
	if (conninfo != NULL) {
		kw[n] = "dbname";
		val[n++] = conninfo;
	}
	kw[n] = "fallback_application_name";
	val[n++] = "boxoffice";
	/* As psql: follow the terminal's locale unless PGCLIENTENCODING says. */
	if (getenv("PGCLIENTENCODING") == NULL) {
		kw[n] = "client_encoding";
		val[n++] = "auto";
	}
	if (password != NULL) { /* after dbname, so it wins over the string */
		kw[n] = "password";
		val[n++] = password;
	}
	kw[n] = NULL;
	val[n] = NULL;
	return PQconnectdbParams(kw, val, 1);
}

static void describe_where(PGconn *conn, char *buf, size_t size)
{
	const char *host = PQhost(conn), *port = PQport(conn);

	if (port == NULL || port[0] == '\0')
		port = "5432";
	if (host == NULL || host[0] == '\0')
		snprintf(buf, size, "the default socket (port %s)", port);
	else if (host[0] == '/')
		snprintf(buf, size, "%s/.s.PGSQL.%s", host, port);
	else
		snprintf(buf, size, "%s:%s", host, port);
}

static void notice_to_stderr(void *arg, const char *message)
{
	const struct db *db = arg;

	if (db->notice_echo)
		fputs(message, stderr);
}

struct db *db_connect(const char *conninfo, struct err *e)
{
	PGconn *conn = try_connect(conninfo, NULL);
	char where[256], password[PASSWORD_MAX];
	struct db *db;

	if (conn == NULL) {
		err_set(e, ERR_NOMEM, "Out of memory while connecting.");
		return NULL;
	}
	if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
	    isatty(STDIN_FILENO)) {
		bool got = prompt_password(PQuser(conn), password, sizeof password);
		PQfinish(conn);
		if (!got) {
			err_set(e, ERR_CONNECT, "No password given; not connected.");
			return NULL;
		}
		conn = try_connect(conninfo, password);
		explicit_bzero(password, sizeof password);
		if (conn == NULL) {
			err_set(e, ERR_NOMEM, "Out of memory while connecting.");
			return NULL;
		}
	}
	describe_where(conn, where, sizeof where);
	if (PQstatus(conn) != CONNECTION_OK) {
		db_connect_error(PQerrorMessage(conn), where, e);
		PQfinish(conn);
		return NULL;
	}
	db = calloc(1, sizeof *db);
	if (db == NULL) {
		PQfinish(conn);
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	db->conn = conn;
	db->notice_echo = true;
	snprintf(db->where, sizeof db->where, "%s", where);
	PQsetNoticeProcessor(conn, notice_to_stderr, db);
	return db;
}

/* The useful sentence inside libpq's text: the server's FATAL message if
 * any, else what follows "failed: ", else the first line. */
static void core_message(const char *msg, char *buf, size_t size)
{
	const char *p = strstr(msg, "FATAL:  ");

	if (p != NULL)
		p += strlen("FATAL:  ");
	else if ((p = strstr(msg, "failed: ")) != NULL)
		p += strlen("failed: ");
	else
		p = msg;
	snprintf(buf, size, "%s", p);
	buf[strcspn(buf, "\n")] = '\0';
}

static void set_state(struct err *e, const char *state)
{
	if (e != NULL)
		snprintf(e->sqlstate, sizeof e->sqlstate, "%s", state);
}

/* The text between the quotes right after prefix in msg ("" when absent). */
static void quoted_after(const char *msg, const char *prefix, char *buf, size_t size)
{
	const char *p = strstr(msg, prefix), *end;

	buf[0] = '\0';
	if (p == NULL || p[strlen(prefix)] != '"')
		return;
	p += strlen(prefix) + 1;
	if ((end = strchr(p, '"')) != NULL)
		snprintf(buf, size, "%.*s", (int)(end - p), p);
}

/* A refused TLS connection, in words that say what to do; false when msg is
 * about something else. libpq says these only in its own words (no SQLSTATE). */
static bool tls_error(const char *msg, const char *where, struct err *e)
{
	char a[128], b[128];

	if (strstr(msg, "does not support SSL") != NULL) {
		err_set(e, ERR_CONNECT, "The database server at %s does not offer TLS (encryption), "
			"and this connection requires it: ask IT to turn on ssl in the server's "
			"settings.", where);
	} else if (strstr(msg, "does not match host name") != NULL) {
		quoted_after(msg, "server certificate for ", a, sizeof a);
		quoted_after(msg, "host name ", b, sizeof b);
		if (a[0] != '\0' && b[0] != '\0')
			err_set(e, ERR_CONNECT, "The database server at %s showed a certificate for "
				"\"%s\", which does not match the host name %s: connect with "
				"host=%s (the name on the certificate), or ask IT for a certificate "
				"that names %s.", where, a, b, a, b);
		else
			err_set(e, ERR_CONNECT, "The certificate of the database server at %s does "
				"not match the host name: connect with the name on the certificate, "
				"or ask IT for a certificate that names this host.", where);
	} else if (strstr(msg, "certificate verify failed") != NULL) {
		err_set(e, ERR_CONNECT, "The certificate of the database server at %s is not signed "
			"by the CA this computer trusts (or it has expired): put IT's CA certificate "
			"in ~/.postgresql/root.crt or name it with sslrootcert=.", where);
	} else if (strstr(msg, "root certificate file") != NULL) {
		quoted_after(msg, "root certificate file ", a, sizeof a);
		if (strstr(msg, "does not exist") != NULL)
			err_set(e, ERR_CONNECT, "Cannot check the certificate of the database server "
				"at %s: there is no CA certificate in %s. Put IT's CA certificate "
				"there, or name its file with sslrootcert=.", where, a);
		else
			err_set(e, ERR_CONNECT, "Cannot read the CA certificate in %s to check the "
				"database server at %s: it must be IT's CA certificate (PEM).", a, where);
	} else if (strstr(msg, "pg_hba.conf") != NULL && strstr(msg, "no encryption") != NULL) {
		err_set(e, ERR_CONNECT, "The database server at %s accepts only encrypted (TLS) "
			"connections: remove sslmode=disable (or PGSSLMODE=disable) from your "
			"settings.", where);
		set_state(e, "28000");
		return true;
	} else if (strstr(msg, "pg_hba.conf") != NULL && strstr(msg, "SSL encryption") != NULL) {
		err_set(e, ERR_CONNECT, "The database server at %s has no TLS entry (hostssl) for "
			"this login: ask IT to add one to its pg_hba.conf.", where);
		set_state(e, "28000");
		return true;
	} else {
		return false;
	}
	set_state(e, "08001");
	return true;
}

bool db_connect_error(const char *msg, const char *where, struct err *e)
{
	char core[200];

	if (msg == NULL)
		msg = "";
	core_message(msg, core, sizeof core);
	if (tls_error(msg, where, e)) {
		return false;
	} else if (strstr(msg, "password authentication failed") != NULL) {
		err_from_sqlstate(e, "28P01", NULL);
	} else if (strstr(msg, "no password supplied") != NULL) {
		err_set(e, ERR_CONNECT, "This login needs a password: run from a terminal "
			"to be asked, or put it in ~/.pgpass.");
		set_state(e, "28P01");
	} else if (strstr(msg, "pg_hba.conf") != NULL || strstr(msg, "not permitted to log in") ||
		   strstr(msg, "authentication failed") != NULL) {
		err_from_sqlstate(e, "28000", NULL);
	} else if (strstr(msg, "No such file or directory") != NULL ||
		   strstr(msg, "Connection refused") != NULL) {
		err_set(e, ERR_CONNECT, "Cannot reach the database server at %s: is it running?",
			where);
		set_state(e, "08001");
	} else if (strstr(msg, "could not translate host name") != NULL) {
		err_set(e, ERR_CONNECT, "Cannot find the database server %s: check the host name.",
			where);
		set_state(e, "08001");
	} else if (strstr(msg, "timeout expired") != NULL) {
		err_set(e, ERR_CONNECT, "The database server at %s did not answer in time.", where);
		set_state(e, "08001");
	} else if (strstr(msg, "invalid connection option") != NULL ||
		   strstr(msg, "missing \"=\"") != NULL || strstr(msg, "invalid URI") != NULL ||
		   strstr(msg, "unterminated quoted string") != NULL) {
		err_set(e, ERR_USAGE, "The connection string is not valid: %s", core);
		return false;
	} else {
		err_set(e, ERR_CONNECT, "Cannot connect to the database at %s: %s", where, core);
		return false;
	}
	if (e != NULL)
		e->code = ERR_CONNECT;
	return false;
}

/* ---- passwords (src/password.c) ---- */

/* A new connection with every setting of conn (host, port, database, user,
 * TLS...) but this password, which wins over .pgpass and the old one. */
static PGconn *connect_like(PGconn *conn, const char *password)
{
	PQconninfoOption *opts = PQconninfo(conn);
	const char **kw, **val;
	size_t n = 0, k = 0;
	PGconn *c;

	if (opts == NULL)
		return NULL;
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		n++;
	kw = calloc(n + 2, sizeof *kw);
	val = calloc(n + 2, sizeof *val);
	if (kw == NULL || val == NULL) {
		free(kw);
		free(val);
		PQconninfoFree(opts);
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || strcmp(o->keyword, "password") == 0)
			continue;
		kw[k] = o->keyword;
		val[k++] = o->val;
	}
	kw[k] = "password";
	val[k++] = password;
	c = PQconnectdbParams(kw, val, 0);
	/* PQconninfo's copy of the old password, if any, goes with opts */
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		if (o->val != NULL && strcmp(o->keyword, "password") == 0)
			explicit_bzero(o->val, strlen(o->val));
	PQconninfoFree(opts);
	free(kw);
	free(val);
	return c;
}

bool db_check_password(struct db *db, const char *password, struct err *e)
{
	PGconn *c;
	bool used;

	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	if ((c = connect_like(db->conn, password)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory while connecting.");
	if (PQstatus(c) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(c);
		bool wrong = strstr(msg, "password authentication failed") != NULL;

		if (wrong)
			err_set(e, ERR_INPUT, "The current password is not right.");
		else
			db_connect_error(msg, db->where, e);
		PQfinish(c);
		return false;
	}
	used = PQconnectionUsedPassword(c);
	PQfinish(c);
	if (!used)
		return err_set(e, ERR_INPUT, "The server lets this login in without a password, so it cannot "
			       "check yours: ask the DBA to require passwords (scram-sha-256 in pg_hba.conf).");
	return true;
}

bool db_relogin(struct db *db, const char *password, struct err *e)
{
	PGconn *c;

	if (db == NULL || db->conn == NULL)
		return err_set(e, ERR_CONNECT, "Not connected to the database.");
	if ((c = connect_like(db->conn, password)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory while connecting.");
	if (PQstatus(c) != CONNECTION_OK) {
		db_connect_error(PQerrorMessage(c), db->where, e);
		PQfinish(c);
		return false;
	}
	PQfinish(db->conn);
	db->conn = c;
	PQsetNoticeProcessor(c, notice_to_stderr, db);
	/* a new session, as after db_reconnect: listen again, re-read everything */
	db->n_notify = 0;
	db->notify_overflow = true;
	for (size_t i = 0; i < db->n_channels; i++) {
		char channel[64];

		snprintf(channel, sizeof channel, "%s", db->channels[i]);
		if (!db_listen(db, channel, e))
			return false;
	}
	return true;
}
