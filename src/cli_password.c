/* cli_password: read without echo, change, wipe. */
#include "cli_password.h"

#include "db.h"
#include "password.h"
#include "secret.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

bool cli_password_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	(void)w;
	if (n != 1)
		return err_set(e, ERR_USAGE, "password takes no arguments: it changes your own password");
	o->command = CLI_PASSWORD;
	return true;
}

bool cli_password_check(const struct cli_options *o, struct err *e)
{
	if (o->stdin_secret && o->command != CLI_PASSWORD)
		return err_set(e, ERR_USAGE, "--stdin is for password");
	return true;
}

/* The three (or, from a script, two) secrets; false with e in words. */
static bool read_secrets(bool from_stdin, const char *login, char *cur, char *pw, char *again,
			 struct err *e)
{
	char prompt[160];

	if (from_stdin) {
		/* no stdio buffer of ours keeps a copy of the lines */
		setvbuf(stdin, NULL, _IONBF, 0);
		if (!secret_read_line(stdin, pw, PASSWORD_BUF) || !secret_read_line(stdin, again, PASSWORD_BUF))
			return err_set(e, ERR_INPUT, "--stdin needs two lines: the new password, then the "
				       "same again (at most %d bytes each).", PASSWORD_BUF - 1);
		return true;
	}
	snprintf(prompt, sizeof prompt, "Current password for %s: ", login);
	if (!secret_read_tty(STDIN_FILENO, prompt, cur, PASSWORD_BUF))
		return err_set(e, ERR_INPUT, "No current password given; nothing changed.");
	fprintf(stderr, "%s\n", password_rules_text());
	if (!secret_read_tty(STDIN_FILENO, "New password: ", pw, PASSWORD_BUF) ||
	    !secret_read_tty(STDIN_FILENO, "New password again: ", again, PASSWORD_BUF))
		return err_set(e, ERR_INPUT, "No new password given; nothing changed.");
	return true;
}

int cli_password_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	char login[64], cur[PASSWORD_BUF] = "", pw[PASSWORD_BUF] = "", again[PASSWORD_BUF] = "";
	char when[64];
	time_t until = 0;
	struct tm tm;
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	if (!o->stdin_secret && !isatty(STDIN_FILENO)) {
		err_set(&e, ERR_USAGE, "password reads from a terminal, without echo; scripts give "
			"--stdin and the new password twice, one a line");
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	ok = db_query_text(db, "SELECT session_user", 0, NULL, login, sizeof login, &e) &&
	     read_secrets(o->stdin_secret, login, cur, pw, again, &e) &&
	     password_rules(login, pw, again, &e) &&
	     password_change(db, login, o->stdin_secret ? NULL : cur, pw, &until, &e);
	explicit_bzero(cur, sizeof cur);
	explicit_bzero(pw, sizeof pw);
	explicit_bzero(again, sizeof again);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (until != 0 && localtime_r(&until, &tm) != NULL &&
	    strftime(when, sizeof when, "%a %d %b %Y %H:%M", &tm) > 0)
		fprintf(out, "Password of %s changed; it expires on %s.\n", login, when);
	else
		fprintf(out, "Password of %s changed.\n", login);
	return CLI_EXIT_OK;
}
