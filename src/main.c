/* boxoffice: parse the command line, then run a command or the terminal. */
#include "cli.h"
#include "db.h"
#include "err.h"

#include "app.h"

#include <locale.h>
#include <stdio.h>

static int run_ui(const struct cli_options *o)
{
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	/* Connect before the screen starts: the password prompt needs a plain
	 * terminal, and a connection error reads better outside curses. */
	db = db_connect(o->conninfo, &e);
	if (db == NULL) {
		cli_print_error(stderr, &e);
		return cli_exit_code(&e);
	}
	ok = app_run(db, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(stderr, &e);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

int main(int argc, char *argv[])
{
	struct cli_options o;
	struct err e;

	setlocale(LC_ALL, "");
	if (!cli_parse(argc, argv, &o, &e)) {
		fprintf(stderr, "boxoffice: %s\n\n", e.msg);
		cli_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	switch (o.command) {
	case CLI_HELP:
		cli_usage(stdout);
		return CLI_EXIT_OK;
	case CLI_VERSION:
		printf("boxoffice %s\n", BOXOFFICE_VERSION);
		return CLI_EXIT_OK;
	case CLI_UI:
		return run_ui(&o);
	default:
		return cli_run(&o, stdout, stderr);
	}
}
