/* cli: argument parsing, usage text, and the non-interactive commands. */
#include "cli.h"

#include "db.h"
#include "events.h"
#include "migrate.h"
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Takes the value of --name VALUE or --name=VALUE; *i moves past it. */
static bool option_value(int argc, char *const argv[], int *i, const char *name,
			 const char **val, bool *matched, struct err *e)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	*matched = false;
	if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
		return true;
	*matched = true;
	if (a[n] == '=') {
		*val = a + n + 1;
	} else if (*i + 1 < argc) {
		*val = argv[++*i];
	} else {
		return err_set(e, ERR_USAGE, "%s needs a value", name);
	}
	if ((*val)[0] == '\0')
		return err_set(e, ERR_USAGE, "%s needs a non-empty value", name);
	return true;
}

static bool parse_count(const char *s, int *out, struct err *e)
{
	char *end;
	long v;

	if (s[0] < '0' || s[0] > '9')
		return err_set(e, ERR_USAGE, "expected a number of migrations, got \"%s\"", s);
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > 9999)
		return err_set(e, ERR_USAGE, "the number of migrations must be 1 to 9999, got \"%s\"",
			       s);
	*out = (int)v;
	return true;
}

/* Turns the command words (options already removed) into a command. */
static bool parse_words(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (n == 0) {
		o->command = CLI_UI;
		return true;
	}
	if (strcmp(w[0], "events") == 0 && n == 1) {
		o->command = CLI_EVENTS;
		return true;
	}
	if (strcmp(w[0], "help") == 0 && n == 1) {
		o->command = CLI_HELP;
		return true;
	}
	if (strcmp(w[0], "migrate") != 0)
		return err_set(e, ERR_USAGE, "unknown command \"%s\"", w[0]);
	if (n < 2)
		return err_set(e, ERR_USAGE, "migrate needs one of: status, up, down");
	if (strcmp(w[1], "status") == 0 && n == 2) {
		o->command = CLI_MIGRATE_STATUS;
		return true;
	}
	if (strcmp(w[1], "up") == 0)
		o->command = CLI_MIGRATE_UP;
	else if (strcmp(w[1], "down") == 0)
		o->command = CLI_MIGRATE_DOWN;
	else if (strcmp(w[1], "status") == 0)
		return err_set(e, ERR_USAGE, "migrate status takes no arguments");
	else
		return err_set(e, ERR_USAGE, "unknown migrate command \"%s\" (status, up, down)", w[1]);
	if (n > 3)
		return err_set(e, ERR_USAGE, "too many arguments after migrate %s", w[1]);
	return n == 2 || parse_count(w[2], &o->count, e);
}

bool cli_parse(int argc, char *const argv[], struct cli_options *o, struct err *e)
{
	const char *words[8];
	int nw = 0;
	bool opts = true, help = false, version = false, m;

	memset(o, 0, sizeof *o);
	err_clear(e);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (opts && a[0] == '-' && a[1] != '\0') {
			if (strcmp(a, "--") == 0) {
				opts = false;
			} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
				help = true;
			} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
				version = true;
			} else {
				if (!option_value(argc, argv, &i, "--db", &o->conninfo, &m, e))
					return false;
				if (!m && !option_value(argc, argv, &i, "--sql-dir", &o->sql_dir, &m, e))
					return false;
				if (!m)
					return err_set(e, ERR_USAGE, "unknown option \"%s\"", a);
			}
			continue;
		}
		if (nw == (int)(sizeof words / sizeof words[0]))
			return err_set(e, ERR_USAGE, "too many arguments");
		words[nw++] = a;
	}
	/* --help and --version win over everything else, as in most tools. */
	if (help || version) {
		o->command = help ? CLI_HELP : CLI_VERSION;
		return true;
	}
	return parse_words(nw, words, o, e);
}

void cli_usage(FILE *out)
{
	fputs("Usage: boxoffice [--db CONNINFO] [--sql-dir DIR] [COMMAND]\n"
	      "\n"
	      "Without a command, starts the box office terminal.\n"
	      "\n"
	      "Commands:\n"
	      "  migrate status      list migrations: applied, pending, CHANGED, MISSING FILE\n"
	      "  migrate up [N]      apply all (or the next N) pending migrations\n"
	      "  migrate down [N]    revert the last N applied migrations (default 1)\n"
	      "  events              print your upcoming published events\n"
	      "\n"
	      "Options:\n"
	      "  --db CONNINFO       database: a name, \"key=value ...\" or postgresql:// URI\n"
	      "  --sql-dir DIR       where migrations/ lives\n"
	      "  -h, --help          this text\n"
	      "  -V, --version       print the version\n"
	      "\n"
	      "Environment:\n"
	      "  PGHOST PGPORT PGDATABASE PGUSER   where and as whom to connect (libpq)\n"
	      "  PGSERVICE PGPASSFILE              service file entry, password file\n"
	      "  BOXOFFICE_SQLDIR                  SQL directory when --sql-dir is not given\n"
	      "  NO_COLOR                          draw the terminal in monochrome\n"
	      "\n"
	      "Exit status: 0 ok, 1 error, 2 usage error.\n", out);
}

int cli_exit_code(const struct err *e)
{
	return e->code == ERR_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

void cli_print_error(FILE *out, const struct err *e)
{
	/* Keep the SQLSTATE for logs, unless the message already carries it. */
	if (e->sqlstate[0] != '\0' && strstr(e->msg, "SQLSTATE") == NULL)
		fprintf(out, "boxoffice: %s [SQLSTATE %s]\n", e->msg, e->sqlstate);
	else
		fprintf(out, "boxoffice: %s\n", e->msg[0] ? e->msg : "unknown error");
}

/* Pads s to width terminal columns (counting wide characters right). */
static void put_padded(FILE *out, const char *s, int width)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, sizeof w / sizeof w[0] - 1);
	int cols = (int)strlen(s);

	if (n != (size_t)-1) {
		w[n] = L'\0';
		int wc = wcswidth(w, n);
		if (wc >= 0)
			cols = wc;
	}
	fprintf(out, "%s%*s", s, width > cols ? width - cols : 0, "");
}

static bool print_events(struct db *db, FILE *out, struct err *e)
{
	struct event_list l;
	char when[EVENTS_TIME_SIZE];

	if (!events_load(db, &l, e))
		return false;
	fprintf(out, "%-16s  %-10s  ", "start", "seats left");
	put_padded(out, "venue", 24);
	fprintf(out, "  title\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct event *ev = &l.items[i];
		fprintf(out, "%-16s  %4lld/%-5lld  ", events_format_time(ev->start, when, sizeof when),
			ev->seats_left, ev->seats_total);
		put_padded(out, ev->venue, 24);
		fprintf(out, "  %s\n", ev->title);
	}
	events_free(&l);
	return true;
}

static bool run_migrate(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char sqldir[PATH_MAX];

	if (!paths_sqldir(o->sql_dir, sqldir, sizeof sqldir, e))
		return false;
	switch (o->command) {
	case CLI_MIGRATE_STATUS:
		return migrate_status(db, sqldir, out, e);
	case CLI_MIGRATE_UP:
		return migrate_up(db, sqldir, o->count, out, e);
	case CLI_MIGRATE_DOWN:
		return migrate_down(db, sqldir, o->count, out, e);
	default:
		return err_set(e, ERR_USAGE, "not a migrate command");
	}
}

int cli_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	db = db_connect(o->conninfo, &e);
	if (db == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (o->command == CLI_EVENTS)
		ok = print_events(db, out, &e);
	else
		ok = run_migrate(db, o, out, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
