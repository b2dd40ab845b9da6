/* err: bounded formatting and the SQLSTATE → clerk message table. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct sqlstate_msg {
	const char *state; /* 5 chars = exact code, 2 chars = class */
	const char *msg;
};

/* Exact codes are looked up before classes, so order within the table only
 * matters for readability. Class BO is ours (raised by sql/ functions). */
static const struct sqlstate_msg table[] = {
	{ "28P01", "Wrong password for this login." },
	{ "28000", "This login is not allowed to connect to the database." },
	{ "42501", "You are not allowed to do that (your login lacks the permission)." },
	{ "57014", "The database took too long and the request was cancelled; try again." },
	{ "55P03", "Someone else is working on these seats; try again." },
	{ "40001", "Another sale got in the way; try again." },
	{ "40P01", "Another sale got in the way; try again." },
	{ "23505", "That already exists (duplicate)." },
	{ "23514", "The database refused a value that breaks one of its rules." },
	{ "23503", "That refers to something that does not exist (any more)." },
	{ "57P01", "The database server is shutting down; try again in a moment." },
	{ "53300", "The database server has too many connections; try again in a moment." },
	{ "42P01", "The database is not set up for this version (run: boxoffice migrate up)." },
	{ "42883", "The database is not set up for this version (run: boxoffice migrate up)." },
	{ "BO001", "Not found (unknown, or belongs to another organisation)." },
	{ "BO002", "Seat not available: held or sold by someone else." },
	{ "BO003", "Sold out: not enough seats left." },
	{ "BO004", "The amount is wrong." },
	{ "BO005", "Your role is not permitted to do that." },
	{ "BO006", "That cannot be done in its current state (e.g. the order is not pending)." },
	{ "BO007", "The hold has expired; select the seats again." },
	{ "BO008", "Invalid input." },
	{ "BO009", "That already exists." },
	{ "BO014", "The key of customers' e-mails and phones is missing or wrong: ask IT." },
	{ "08", "Lost the connection to the database: check the network or the server, then try again." },
	{ "28", "The database refused the login." },
	{ "53", "The database server is out of resources; try again later." },
	{ "40", "Another sale got in the way; try again." },
	{ "BO", "The box office refused the request." },
};

void err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->code = ERR_NONE;
	e->sqlstate[0] = '\0';
	e->msg[0] = '\0';
}

bool err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return false;
	e->code = code;
	e->sqlstate[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return false;
}

const char *err_sqlstate_message(const char *sqlstate)
{
	size_t i;

	if (sqlstate == NULL || strlen(sqlstate) != 5)
		return NULL;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strlen(table[i].state) == 5 && strcmp(table[i].state, sqlstate) == 0)
			return table[i].msg;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strlen(table[i].state) == 2 && strncmp(table[i].state, sqlstate, 2) == 0)
			return table[i].msg;
	return NULL;
}

bool err_from_sqlstate(struct err *e, const char *sqlstate, const char *server_msg)
{
	const char *mapped = err_sqlstate_message(sqlstate);
	bool ours = sqlstate != NULL && strncmp(sqlstate, "BO", 2) == 0;
	bool have_server = server_msg != NULL && server_msg[0] != '\0';
	const char *text;

	if (e == NULL)
		return false;
	if (ours && have_server)
		text = server_msg;
	else if (mapped != NULL)
		text = mapped;
	else if (have_server)
		text = server_msg;
	else
		text = "The database reported an error.";
	err_set(e, ERR_DB, "%s", text);
	if (sqlstate != NULL)
		snprintf(e->sqlstate, sizeof e->sqlstate, "%s", sqlstate);
	return false;
}
