/* cli: the command line. Parsing is a pure function returning a struct so
 * it can be tested; running the non-interactive commands lives here too.
 * The terminal UI is started by main.c (src/ does not link ui/ in tests). */
#ifndef BOXOFFICE_CLI_H
#define BOXOFFICE_CLI_H

#include "err.h"

#include <stdbool.h>
#include <stdio.h>

enum cli_exit { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

enum cli_command {
	CLI_UI,               /* no command: the terminal UI */
	CLI_HELP,
	CLI_VERSION,
	CLI_MIGRATE_STATUS,
	CLI_MIGRATE_UP,
	CLI_MIGRATE_DOWN,
	CLI_EVENTS,
	CLI_SEATMAP,
	CLI_SELL,
	CLI_EXCHANGE,         /* exchange TICKET... (cli_exchange) */
	CLI_PRINT,            /* print ORDER|TICKET */
	CLI_TICKET_PDF,       /* ticket-pdf TICKET */
	CLI_PRINTERS,
	CLI_UNPRINTED,
	CLI_STATS,            /* stats EVENT */
	CLI_FIND,             /* find QUERY / orders PERSON / tickets ORDER / cancel (cli_find) */
	CLI_ORDERS,
	CLI_TICKETS,
	CLI_CANCEL,
	CLI_EVENT_CREATE,     /* event create|section|tier|untier|publish|close */
	CLI_EVENT_SECTION,
	CLI_EVENT_TIER,
	CLI_EVENT_UNTIER,     /* event untier EVENT SECTION NAME: delete_tier */
	CLI_EVENT_PUBLISH,
	CLI_EVENT_CLOSE,
	CLI_KILL,             /* kill EVENT / unkill EVENT */
	CLI_UNKILL,
	CLI_SHIFT_OPEN,       /* shift open|close|report|sign-off */
	CLI_SHIFT_CLOSE,
	CLI_SHIFT_REPORT,
	CLI_SHIFT_SIGN_OFF,
	CLI_VALIDATE,         /* validate TOKEN --gate G */
	CLI_PASSWORD,         /* password [--stdin] (cli_password) */
	CLI_ADMIN_BACKUP,     /* admin backup [--out DIR] (cli_backup) */
	CLI_ADMIN_RESTORE,    /* admin restore DIR --db CONNINFO */
	CLI_ADMIN_HEALTH,     /* admin health [--json] (cli_health) */
	CLI_VENUE_IMPORT,     /* venue commands stay last (cli_run) */
	CLI_VENUE_EXPORT,
	CLI_VENUE_LIST,
	CLI_VENUE_SHOW,
	CLI_VENUE_GENERATE,
};

#define CLI_GA_MAX 16
#define CLI_TICKETS_MAX 32 /* cancel TICKET... */

struct cli_options {
	enum cli_command command;
	const char *conninfo;  /* --db, or NULL; points into argv */
	const char *sql_dir;   /* --sql-dir, or NULL; points into argv */
	int count;             /* migrate up/down N; 0 when not given */
	/* venue commands; all point into argv */
	const char *arg;       /* import FILE ("-" = stdin), export/show VENUE,
				* generate theatre|arena|stadium */
	const char *org;       /* import --org (name or id), or NULL */
	const char *name;      /* import/generate --name, or NULL */
	const char *ga[CLI_GA_MAX]; /* import --ga "Name:capacity"; sell --ga N */
	int nga;
	bool unique_labels;    /* import --unique-labels */
	/* seatmap EVENT SECTION / sell; all point into argv */
	const char *event;     /* seatmap's first word, sell --event */
	const char *section;   /* seatmap's second word, sell --section */
	const char *seats;     /* sell --seats "A12-A15" */
	const char *best;      /* sell --best N */
	const char *tier;      /* sell --tier NAME */
	const char *pay;       /* sell --pay cash|card|comp */
	const char *tendered;  /* sell --tendered AMOUNT */
	const char *reference; /* sell --reference REF (card) */
	const char *reason;    /* sell --reason WHY (comp) */
	const char *refund;    /* cancel --refund cash|card|none */
	const char *amount;    /* cancel --amount X */
	const char *order;     /* cancel --order ORDER */
	const char *tickets[CLI_TICKETS_MAX]; /* cancel/exchange TICKET...; point into argv */
	int ntickets;
	const char *customer;  /* sell --customer NAME */
	const char *email;     /* sell --email ADDRESS */
	bool killed;           /* sell --killed: the --seats are off sale (house seats) */
	const char *width;     /* seatmap --width COLUMNS */
	/* print, ticket-pdf: all point into argv */
	const char *printer;   /* --printer NAME */
	const char *layout;    /* --layout NAME|FILE */
	const char *format;    /* --format pdf|zpl|escpos */
	bool unprinted;        /* print --unprinted */
	bool json;             /* sell --json, stats --json */
	/* stats, event, kill, shift; strings point into argv */
	const char *words[5];  /* the command's word arguments after its verb */
	int nwords;
	bool csv;              /* stats --csv */
	bool refresh;          /* stats --refresh */
	const char *venue;     /* event create --venue */
	const char *title;     /* event create --title */
	const char *start;     /* event create --start "2026-12-24 19:30" */
	bool publish;          /* event create --publish */
	int active;            /* event section: 1 --active, -1 --inactive, 0 unchanged */
	const char *capacity;  /* event section --capacity N */
	bool no_capacity;      /* event section --no-capacity */
	const char *cash;      /* shift close --cash */
	const char *card;      /* shift close --card */
	const char *note;      /* shift sign-off --note */
	const char *pdf;       /* shift report --pdf FILE ("-": standard output) */
	bool print;            /* shift report --print [--printer P] */
	const char *gate;      /* validate --gate G */
	bool stdin_secret;     /* password --stdin: the new password twice, one a line */
	const char *out;       /* admin backup --out DIR */
};

/* Options (--db X, --db=X, --sql-dir X, --help/-h, --version/-V) may come
 * before or after the command words; "--" ends options. false with
 * e->code = ERR_USAGE and a sentence when argv makes no sense. */
bool cli_parse(int argc, char *const argv[], struct cli_options *o, struct err *e);

void cli_usage(FILE *out);

/* Splits --ga "Name:capacity" at the last colon: name (1..200 characters,
 * copied into name) and a whole capacity. false with e (ERR_USAGE). */
bool cli_ga_parse(const char *spec, char *name, size_t size, long long *capacity,
		  struct err *e);

/* Runs a non-UI command (migrate, events, venue), writing results to out and
 * errors to err_out in words. Returns the process exit code. */
int cli_run(const struct cli_options *o, FILE *out, FILE *err_out);

/* Exit code for a failure: 2 for usage errors, else 1. */
int cli_exit_code(const struct err *e);

/* Prints "boxoffice: <msg>" (and the SQLSTATE, for logs) to out. */
void cli_print_error(FILE *out, const struct err *e);

#endif
