/* cli: argument parsing, usage text, and the non-interactive commands. */
#include "cli.h"

#include "cli_backup.h"
#include "cli_event.h"
#include "cli_exchange.h"
#include "cli_find.h"
#include "cli_gate.h"
#include "cli_health.h"
#include "cli_password.h"
#include "cli_print.h"
#include "cli_sale.h"
#include "cli_stats.h"
#include "cli_venue.h"
#include "db.h"
#include "events.h"
#include "migrate.h"
#include "paths.h"

#include <limits.h>
#include <stddef.h>
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

bool cli_ga_parse(const char *spec, char *name, size_t size, long long *capacity,
		  struct err *e)
{
	const char *colon = strrchr(spec, ':');
	char *end;
	long long cap;
	size_t n;

	if (colon == NULL || colon == spec || colon[1] == '\0')
		return err_set(e, ERR_USAGE, "--ga expects NAME:CAPACITY, e.g. --ga \"Standing:200\", "
			       "got \"%s\"", spec);
	n = (size_t)(colon - spec);
	if (n >= size)
		return err_set(e, ERR_USAGE, "--ga: the section name is too long");
	if (colon[1] < '0' || colon[1] > '9')
		return err_set(e, ERR_USAGE, "--ga: the capacity must be a whole number, got \"%s\"",
			       colon + 1);
	cap = strtoll(colon + 1, &end, 10);
	if (*end != '\0' || cap > 2147483647LL)
		return err_set(e, ERR_USAGE, "--ga: the capacity must be a whole number up to "
			       "2147483647, got \"%s\"", colon + 1);
	memcpy(name, spec, n);
	name[n] = '\0';
	*capacity = cap;
	return true;
}

/* venue import FILE | export VENUE | list | show VENUE | generate KIND */
static bool parse_venue(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	static const struct { const char *word; enum cli_command cmd; int args; const char *what; }
	cmds[] = {
		{ "import", CLI_VENUE_IMPORT, 1, "a file (or - for standard input)" },
		{ "export", CLI_VENUE_EXPORT, 1, "a venue name or id" },
		{ "list", CLI_VENUE_LIST, 0, NULL },
		{ "show", CLI_VENUE_SHOW, 1, "a venue name or id" },
		{ "generate", CLI_VENUE_GENERATE, 1, "theatre, arena or stadium" },
	};

	if (n < 2)
		return err_set(e, ERR_USAGE, "venue needs one of: import, export, list, show, generate");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(w[1], cmds[i].word) != 0)
			continue;
		if (n - 2 < cmds[i].args)
			return err_set(e, ERR_USAGE, "venue %s needs %s", w[1], cmds[i].what);
		if (n - 2 > cmds[i].args)
			return err_set(e, ERR_USAGE, "too many arguments after venue %s", w[1]);
		o->command = cmds[i].cmd;
		o->arg = cmds[i].args ? w[2] : NULL;
		if (o->command == CLI_VENUE_GENERATE && strcmp(o->arg, "theatre") != 0 &&
		    strcmp(o->arg, "arena") != 0 && strcmp(o->arg, "stadium") != 0)
			return err_set(e, ERR_USAGE, "venue generate: expected theatre, arena or "
				       "stadium, got \"%s\"", o->arg);
		return true;
	}
	return err_set(e, ERR_USAGE, "unknown venue command \"%s\" (import, export, list, show, "
		       "generate)", w[1]);
}

/* Venue options belong to the commands that use them; elsewhere they would
 * be silently ignored, which hides mistakes. */
static bool check_venue_options(const struct cli_options *o, struct err *e)
{
	bool import = o->command == CLI_VENUE_IMPORT;
	char name[256];
	long long cap;

	if (o->org != NULL && !import)
		return err_set(e, ERR_USAGE, "--org is only for venue import");
	if (o->nga > 0 && !import && o->command != CLI_SELL)
		return err_set(e, ERR_USAGE, "--ga is only for venue import and sell");
	for (int k = 0; import && k < o->nga; k++)
		if (!cli_ga_parse(o->ga[k], name, sizeof name, &cap, e))
			return false;
	if (o->unique_labels && !import)
		return err_set(e, ERR_USAGE, "--unique-labels is only for venue import");
	if (o->name != NULL && !import && o->command != CLI_VENUE_GENERATE)
		return err_set(e, ERR_USAGE, "--name is only for venue import and venue generate");
	return true;
}

/* The options that take a value; false with e on a bad one. *m tells
 * whether a[i] was one of them. */
static bool value_option(int argc, char *const argv[], int *i, struct cli_options *o, bool *m,
			 struct err *e)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "--db", offsetof(struct cli_options, conninfo) },
		{ "--sql-dir", offsetof(struct cli_options, sql_dir) },
		{ "--org", offsetof(struct cli_options, org) },
		{ "--name", offsetof(struct cli_options, name) },
		{ "--event", offsetof(struct cli_options, event) },
		{ "--section", offsetof(struct cli_options, section) },
		{ "--seats", offsetof(struct cli_options, seats) },
		{ "--best", offsetof(struct cli_options, best) },
		{ "--tier", offsetof(struct cli_options, tier) },
		{ "--pay", offsetof(struct cli_options, pay) },
		{ "--tendered", offsetof(struct cli_options, tendered) },
		{ "--reference", offsetof(struct cli_options, reference) },
		{ "--reason", offsetof(struct cli_options, reason) },
		{ "--refund", offsetof(struct cli_options, refund) },
		{ "--amount", offsetof(struct cli_options, amount) },
		{ "--order", offsetof(struct cli_options, order) },
		{ "--customer", offsetof(struct cli_options, customer) },
		{ "--email", offsetof(struct cli_options, email) },
		{ "--width", offsetof(struct cli_options, width) },
		{ "--printer", offsetof(struct cli_options, printer) },
		{ "--layout", offsetof(struct cli_options, layout) },
		{ "--format", offsetof(struct cli_options, format) },
		{ "--venue", offsetof(struct cli_options, venue) },
		{ "--title", offsetof(struct cli_options, title) },
		{ "--start", offsetof(struct cli_options, start) },
		{ "--capacity", offsetof(struct cli_options, capacity) },
		{ "--cash", offsetof(struct cli_options, cash) },
		{ "--card", offsetof(struct cli_options, card) },
		{ "--note", offsetof(struct cli_options, note) },
		{ "--pdf", offsetof(struct cli_options, pdf) },
		{ "--gate", offsetof(struct cli_options, gate) },
		{ "--out", offsetof(struct cli_options, out) },
	};
	const char *ga = NULL;

	for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
		const char **field = (const char **)((char *)o + opts[k].off);

		if (!option_value(argc, argv, i, opts[k].name, field, m, e) || *m)
			return e->code == ERR_NONE;
	}
	if (!option_value(argc, argv, i, "--ga", &ga, m, e) || !*m)
		return e->code == ERR_NONE;
	if (o->nga == CLI_GA_MAX)
		return err_set(e, ERR_USAGE, "at most %d --ga options", CLI_GA_MAX);
	o->ga[o->nga++] = ga; /* checked once the command is known */
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
	if (strcmp(w[0], "venue") == 0)
		return parse_venue(n, w, o, e);
	if (strcmp(w[0], "seatmap") == 0 || strcmp(w[0], "sell") == 0)
		return cli_sale_parse(n, w, o, e);
	if (strcmp(w[0], "exchange") == 0)
		return cli_exchange_parse(n, w, o, e);
	if (strcmp(w[0], "print") == 0 || strcmp(w[0], "ticket-pdf") == 0 ||
	    strcmp(w[0], "printers") == 0 || strcmp(w[0], "unprinted") == 0)
		return cli_print_parse(n, w, o, e);
	if (strcmp(w[0], "validate") == 0)
		return cli_gate_parse(n, w, o, e);
	if (strcmp(w[0], "password") == 0)
		return cli_password_parse(n, w, o, e);
	if (cli_backup_owns_words(n, w))
		return cli_backup_parse(n, w, o, e);
	if (n >= 2 && strcmp(w[0], "admin") == 0 && strcmp(w[1], "health") == 0)
		return cli_health_parse(n, w, o, e);
	if (strcmp(w[0], "find") == 0 || strcmp(w[0], "orders") == 0 ||
	    strcmp(w[0], "tickets") == 0 || strcmp(w[0], "cancel") == 0)
		return cli_find_parse(n, w, o, e);
	if (strcmp(w[0], "stats") == 0)
		return cli_stats_parse(n, w, o, e);
	if (strcmp(w[0], "event") == 0 || strcmp(w[0], "kill") == 0 || strcmp(w[0], "unkill") == 0 ||
	    strcmp(w[0], "shift") == 0)
		return cli_event_parse(n, w, o, e);
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
	const char *words[8 + CLI_TICKETS_MAX]; /* cancel takes many tickets */
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
			} else if (strcmp(a, "--unique-labels") == 0) {
				o->unique_labels = true;
			} else if (strcmp(a, "--json") == 0) {
				o->json = true;
			} else if (strcmp(a, "--killed") == 0) {
				o->killed = true;
			} else if (strcmp(a, "--csv") == 0) {
				o->csv = true;
			} else if (strcmp(a, "--refresh") == 0) {
				o->refresh = true;
			} else if (strcmp(a, "--publish") == 0) {
				o->publish = true;
			} else if (strcmp(a, "--active") == 0 || strcmp(a, "--inactive") == 0) {
				int v = a[2] == 'a' ? 1 : -1;
				if (o->active != 0 && o->active != v)
					return err_set(e, ERR_USAGE, "--active or --inactive, not both");
				o->active = v;
			} else if (strcmp(a, "--no-capacity") == 0) {
				o->no_capacity = true;
			} else if (strcmp(a, "--unprinted") == 0) {
				o->unprinted = true;
			} else if (strcmp(a, "--print") == 0) {
				o->print = true;
			} else if (strcmp(a, "--stdin") == 0) {
				o->stdin_secret = true;
			} else if (strcmp(a, "--text") == 0) {
				/* seatmap draws text anyway; accepted for scripts that say so */
			} else {
				if (!value_option(argc, argv, &i, o, &m, e))
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
	if (!parse_words(nw, words, o, e))
		return false;
	if (o->command == CLI_EXCHANGE)
		return cli_exchange_check(o, e); /* it refuses every option that is not its own */
	if (!cli_find_check(o, e))
		return false;
	if (cli_find_owns(o))
		return true; /* cli_find_check refused every option that is not theirs */
	return check_venue_options(o, e) &&
	       cli_sale_check(o, e) && cli_print_check(o, e) && cli_stats_check(o, e) &&
	       cli_event_check(o, e) && cli_gate_check(o, e) &&
	       cli_password_check(o, e) && cli_backup_check(o, e);
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
	      "  venue import FILE   import a venue: the native format or a pretix seating\n"
	      "                      plan (FILE - reads standard input); supervisors only\n"
	      "      [--org ORG]           refuse unless ORG (name or id) is your organisation\n"
	      "      [--name NAME]         the venue's name (instead of the file's)\n"
	      "      [--ga NAME:CAPACITY]  add a standing (general admission) section; repeatable\n"
	      "      [--unique-labels]     number clashing seats 12, 12-2, 12-3 … instead of\n"
	      "                            refusing the file\n"
	      "  venue export VENUE  print a venue (name or id) in the native format\n"
	      "  venue list          your organisation's venues\n"
	      "  venue show VENUE    sections, seat counts, accessible seats, extents\n"
	      "  venue generate theatre|arena|stadium [--name NAME]\n"
	      "                      print a generated venue (~1,000 / 20,000 / 80,000 seats)\n"
	      "  seatmap EVENT SECTION [--text] [--width N]\n"
	      "                      the section's seat map as text (o free, * yours, x held,\n"
	      "                      # sold, - not for sale, a accessible); EVENT is a title or id\n"
	      "  sell --event EVENT --section SECTION WHAT --pay METHOD [...]\n"
	      "                      sell as a clerk does: hold, order, pay, issue tickets\n"
	      "      WHAT: --seats \"A12-A15\" | --best N | --ga N (general admission)\n"
	      "      [--tier NAME]         price tier (default: the section's first)\n"
	      "      --pay cash [--tendered AMOUNT] | card --reference REF | comp --reason WHY\n"
	      "      [--customer NAME] [--email ADDRESS]   the buyer (default: walk-up)\n"
	      "      [--json]              print the order and tickets (with QR tokens) as JSON\n"
	      "      [--killed]            the --seats are off sale (house seats): a supervisor\n"
	      "                            sells them from there\n"
	      "  print ORDER|TICKET  print tickets again: an order (id or the 8-character\n"
	      "                      reference on the ticket) or one ticket; each gets a new\n"
	      "                      QR code and the old printout stops working\n"
	      "      [--printer P] [--layout boca|label-6x4|a4|receipt-80|FILE]\n"
	      "      [--format pdf|zpl|escpos] [--reason WHY]\n"
	      "  print --unprinted   print every valid ticket not printed yet (new codes)\n"
	      "  ticket-pdf TICKET   write a ticket's PDF to standard output (a new code)\n"
	      "  printers            the printers with their state; --printer P remembers one\n"
	      "  unprinted           valid tickets whose printing did not finish, and why\n"
	      "  find QUERY [--json] people by part of a name (typos too), an e-mail, phone\n"
	      "                      digits, an order reference or a scanned QR token; each\n"
	      "                      with its id and what matched. Every search is recorded.\n"
	      "  orders PERSON [--json]  a person's orders (PERSON: the id find shows)\n"
	      "  tickets ORDER [--json]  an order's tickets: seat, tier, price, status (used:\n"
	      "                      when, which gate; cancelled: why), prints; ORDER is an id\n"
	      "                      or the start of its reference (3F2A9C01)\n"
	      "  cancel TICKET... --reason WHY [--refund cash|card|none --amount X]\n"
	      "  cancel --order ORDER --reason WHY [--refund cash|card|none --amount X]\n"
	      "                      cancel valid tickets (or all of an order's) and record\n"
	      "                      the refund (default none); the seats go back on sale.\n"
	      "                      Help desk and supervisors only\n"
	      "  exchange TICKET... --event EVENT --section SECTION WHAT --reason WHY\n"
	      "      [--tier NAME] [--pay cash [--tendered AMOUNT] | card --reference REF]\n"
	      "      [--refund cash|card] [--json]\n"
	      "                      exchange valid tickets of one order for new ones (WHAT\n"
	      "                      as for sell) in one transaction: the old tickets stop\n"
	      "                      working and what they were worth pays towards the new\n"
	      "                      ones; --pay takes what is still due, --refund hands back\n"
	      "                      what is owed. Prints the new order and tickets (with QR\n"
	      "                      tokens). Clerks and supervisors only\n"
	      "  stats EVENT [--json|--csv] [--refresh]\n"
	      "                      an event's figures: orders, tickets, gross, fees, net,\n"
	      "                      scanned in, sections (live), sales per UTC hour, payments\n"
	      "                      by method and clerk (supervisors only). Figures other than\n"
	      "                      the sections are as of the last refresh (printed); --refresh\n"
	      "                      refreshes first (supervisors; at most once a second).\n"
	      "                      --json: one object {event_id, title, start, as_of, totals,\n"
	      "                      admissions, sections[], hours[], payments[] or null}.\n"
	      "                      --csv: one long table kind,key,field,value: kind is event,\n"
	      "                      total, admissions, section (key: its name), hour (key: UTC\n"
	      "                      hour) or payments (key: METHOD/clerk); money as 1234.50\n"
	      "  event create --venue VENUE --title TITLE --start \"2026-12-24 19:30\" [--publish]\n"
	      "  event section EVENT SECTION [--active|--inactive] [--capacity N|--no-capacity]\n"
	      "                      put a section on or off sale for the event; a standing\n"
	      "                      section's capacity for this event (--no-capacity: the venue's)\n"
	      "  event tier EVENT SECTION NAME PRICE [FEE]   set a price (new orders only)\n"
	      "  event untier EVENT SECTION NAME             delete a price nobody holds\n"
	      "  event publish EVENT | event close EVENT     start or stop sales\n"
	      "  kill EVENT --section S --seats \"A1-A4\" --reason WHY   take seats off sale\n"
	      "  unkill EVENT --section S --seats \"A1-A4\"            put them back on sale\n"
	      "  shift open FLOAT    open your shift with the float in the drawer\n"
	      "  shift close --cash AMOUNT --card AMOUNT   close it with your blind count\n"
	      "  shift report [SHIFT]  expected vs counted and the variance (supervisors; your\n"
	      "                      own once signed off; default: your latest shift)\n"
	      "      [--pdf FILE]          as a one-page PDF (FILE - : standard output)\n"
	      "      [--print [--printer P]]   printed (default: the remembered printer)\n"
	      "  shift sign-off SHIFT [--note WHY]   a supervisor signs another's shift off\n"
	      "  validate TOKEN --gate G [--event EVENT] [--json]\n"
	      "                      check a ticket in at gate G as its scanner would: a valid\n"
	      "                      ticket is marked used and admitted; every scan of a ticket\n"
	      "                      is recorded. Prints ADMITTED, ALREADY_USED (when and at which\n"
	      "                      gate), CANCELLED, WRONG_EVENT (with --event: the ticket's\n"
	      "                      event) or UNKNOWN, then the seat, tier and attendee; exit\n"
	      "                      status 0, 3, 4, 5 or 6 in that order. --json: {result, gate,\n"
	      "                      ticket_id, event, attendee, section, row, seat, tier,\n"
	      "                      scanned_at, scanned_gate} (UTC times; null when unknown)\n"
	      "  password [--stdin]  change your own password: asks for the current one and the\n"
	      "                      new one twice, without echo (at least 12 characters, not\n"
	      "                      containing your login name); it then lasts 90 days.\n"
	      "                      --stdin: for scripts, reads the new password twice, one a\n"
	      "                      line, from standard input (the connection's own login)\n"
	      "  admin backup [--out DIR]\n"
	      "                      the cluster's superuser only: DIR (default\n"
	      "                      boxoffice-backup-YYYYMMDD-HHMMSSZ) gets db.dump (pg_dump\n"
	      "                      -Fc), roles.sql (logins WITH password hashes; files 0600)\n"
	      "                      and manifest.json (row counts and checksums of every\n"
	      "                      table in the dump's snapshot). Not the contact-data key\n"
	      "  admin restore DIR --db CONNINFO\n"
	      "                      into a new, empty database: roles (existing ones kept as\n"
	      "                      they are), pg_restore in one transaction, the database's\n"
	      "                      settings and grants, then every table compared with the\n"
	      "                      manifest; a non-empty database or a damaged backup is\n"
	      "                      refused\n"
	      "  admin health [--json]\n"
	      "                      the database's health (supervisors and the DBA): the\n"
	      "                      slowest statements (pg_stat_statements, values shown as\n"
	      "                      $1), tables' dead tuples and bloat, connections by state\n"
	      "                      against max_connections, index sizes and unused indexes.\n"
	      "                      Exit status 3 when an alert fires (connections over 80%\n"
	      "                      of max_connections), for cron and Nagios. --json: {database,\n"
	      "                      as_of, status, alerts[], connections, statements {available,\n"
	      "                      note, slowest[]}, tables[], indexes[]}\n"
	      "\n"
	      "Options:\n"
	      "  --db CONNINFO       database: a name, \"key=value ...\" or postgresql:// URI;\n"
	      "                      over TCP sslmode=verify-full unless it, PGSSLMODE or a\n"
	      "                      service says otherwise (README: Connecting securely)\n"
	      "  --sql-dir DIR       where migrations/ lives\n"
	      "  -h, --help          this text\n"
	      "  -V, --version       print the version\n"
	      "\n"
	      "Environment:\n"
	      "  PGHOST PGPORT PGDATABASE PGUSER   where and as whom to connect (libpq)\n"
	      "  PGSERVICE PGPASSFILE              service file entry, password file\n"
	      "  BOXOFFICE_SQLDIR                  SQL directory when --sql-dir is not given\n"
	      "  NO_COLOR                          draw the terminal in monochrome\n"
	      "  CUPS_SERVER                       the print server (libcups)\n"
	      "  XDG_CONFIG_HOME                   where boxoffice/config remembers the printer\n"
	      "  BOXOFFICE_PG_BINDIR               where pg_dump, pg_dumpall, pg_restore are\n"
	      "                                    (default: the server's version's, then PATH)\n"
	      "\n"
	      "Exit status: 0 ok, 1 error, 2 usage error; validate: 0 admitted, 3 already used,\n"
	      "4 cancelled, 5 wrong event, 6 unknown; admin health: 3 an alert fires.\n", out);
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

	if (o->command >= CLI_VENUE_IMPORT)
		return cli_venue_run(o, out, err_out); /* connects when it needs to */
	if (o->command == CLI_SEATMAP || o->command == CLI_SELL)
		return cli_sale_run(o, out, err_out);
	if (o->command == CLI_EXCHANGE)
		return cli_exchange_run(o, out, err_out);
	if (o->command >= CLI_PRINT && o->command <= CLI_UNPRINTED)
		return cli_print_run(o, out, err_out);
	if (o->command == CLI_STATS)
		return cli_stats_run(o, out, err_out);
	if (cli_find_owns(o))
		return cli_find_run(o, out, err_out);
	if (o->command == CLI_VALIDATE)
		return cli_gate_run(o, out, err_out);
	if (o->command == CLI_PASSWORD)
		return cli_password_run(o, out, err_out);
	if (o->command == CLI_ADMIN_HEALTH)
		return cli_health_run(o, out, err_out);
	if (o->command == CLI_ADMIN_BACKUP || o->command == CLI_ADMIN_RESTORE)
		return cli_backup_run(o, out, err_out);
	if (o->command >= CLI_EVENT_CREATE && o->command <= CLI_SHIFT_SIGN_OFF)
		return cli_event_run(o, out, err_out);
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
