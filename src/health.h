/* health: the database's health for supervisors and the DBA (0012's monitoring
 * functions) copied into plain structs: the slowest statements (pg_stat_statements,
 * normalised text), tables' dead tuples and bloat, connections with the 80% alert,
 * index sizes and unused indexes. Times are UTC text "YYYY-MM-DDTHH:MM:SSZ" ("" for
 * never). No curses: the M screen and `admin health` both read these. */
#ifndef BOXOFFICE_HEALTH_H
#define BOXOFFICE_HEALTH_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define HEALTH_TIME_SIZE 32
/* How many statements are read (the slowest by mean time). */
#define HEALTH_STATEMENTS 50

struct health_statement {
	char *query;               /* owned; normalised: $1, $2 … in place of values */
	long long calls, rows;
	double mean_ms, max_ms, total_ms;
	bool slow;                 /* mean over the spec's 100 ms */
};

struct health_table {
	char *schema, *name;       /* owned */
	long long live, dead;
	double dead_percent;       /* -1: the table has no tuples at all */
	long long total_bytes;     /* with indexes and TOAST */
	long long bloat_bytes;     /* estimate: heap size times the dead share */
	bool needs_vacuum;         /* over the spec's 1000 dead tuples */
	char last_vacuum[HEALTH_TIME_SIZE], last_autovacuum[HEALTH_TIME_SIZE];
	char last_analyze[HEALTH_TIME_SIZE], last_autoanalyze[HEALTH_TIME_SIZE];
};

struct health_index {
	char *schema, *table, *name; /* owned */
	long long bytes, scans;
	bool unused;               /* never scanned since the statistics were reset */
	bool keeps_constraint;     /* primary key, unique or exclusion: not to be dropped */
};

struct health_connections {
	int max, total, this_database;
	int active, idle, idle_in_transaction, other, waiting_on_locks;
	double longest_transaction_s;       /* -1: no other transaction open */
	double longest_idle_in_transaction_s; /* -1: none */
	double percent_used;
	bool alert;                /* over 80% of max_connections */
	char words[256];           /* the figure or the alert in words */
};

struct health {
	char database[64];
	char as_of[HEALTH_TIME_SIZE];  /* the server's clock when read */
	struct health_connections conn;
	/* NULL when statements could be read; else why not, in words (the rest of
	 * the health check still stands) */
	char *statements_note;     /* owned */
	struct health_statement *statements; /* owned, slowest mean first */
	size_t nstatements;
	struct health_table *tables;   /* owned, most dead tuples first */
	size_t ntables;
	struct health_index *indexes;  /* owned, largest first */
	size_t nindexes;
};

/* Reads everything. On success the caller owns out's contents (health_free);
 * on failure out is empty. A login without the grants gets SQLSTATE 42501
 * with words saying the health check is for supervisors. */
bool health_load(struct db *db, struct health *out, struct err *e);

void health_free(struct health *h);

/* A UTC "YYYY-MM-DDTHH:MM:SSZ" as a time; false when empty or unreadable. */
bool health_time(const char *utc, time_t *out);

/* Whether any alert fires (today: connections over 80%). */
bool health_alert(const struct health *h);

/* Bytes for people: "812 B", "16 kB", "1.2 MB", "3.4 GB" (1024-based, as
 * pg_size_pretty). */
char *health_bytes(long long bytes, char *buf, size_t size);

/* Milliseconds for people: "0.42 ms", "12.3 ms", "1.25 s", "12.5 s", "3.5 min". */
char *health_ms(double ms, char *buf, size_t size);

/* A statement's text on one line: runs of spaces, tabs and newlines become
 * one space, ends trimmed; cut to fit size at a UTF-8 boundary. */
char *health_one_line(const char *s, char *buf, size_t size);

#endif
