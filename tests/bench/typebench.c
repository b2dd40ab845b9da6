/*
 * typebench: search as you type, timed per keystroke (tests/bench/run.sh).
 *
 * One connection, as a help desk keeps one open all day: each line of KEYSFILE
 * ("GROUP<TAB>TEXT", one line per keystroke) is sent as $1 of one statement with
 * PQexecParams (text parameters, text results; what src/db.c does), in file order,
 * so the server's plan caches see a real mix of searches. W untimed passes over the
 * whole file first, then R timed passes. Each timed call covers PQexecParams, the
 * status check, reading every value and PQclear (CLOCK_MONOTONIC). PARAMs after the
 * options are passed as $2, $3, …
 *
 *   typebench -f SQLFILE -k KEYSFILE -s SAMPLES [-w W] [-r R] [-d CONNINFO] [PARAM...]
 *
 * SAMPLES gets one line per timed call: "GROUP<TAB>MS<TAB>ROWS<TAB>TEXT" (the row
 * count lets the caller check two statements agree, keystroke by keystroke). Any
 * failed call fails the program.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "typebench: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static long parse_long(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		die("bad %s", what);
	return v;
}

static char *read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t cap = 4096, len = 0, n;

	if (!f)
		die("cannot open %s", path);
	buf = malloc(cap);
	if (!buf)
		die("%s", "out of memory");
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb)
				die("%s", "out of memory");
			buf = nb;
		}
	}
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

struct key {
	const char *group;
	const char *text;
};

static volatile size_t sink;

/* One call: its duration in ms and row count; exits on any error. */
static double one_call(PGconn *conn, const char *sql, int nparams, const char **params, int *rowsp)
{
	double t0 = now_ms(), t1;
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	size_t bytes = 0;
	int rows, cols;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "typebench: query failed for '%s': %s", params[0], PQresultErrorMessage(res));
		exit(1);
	}
	rows = PQntuples(res);
	cols = PQnfields(res);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			bytes += (size_t)PQgetlength(res, r, c) + (PQgetvalue(res, r, c)[0] != '\0');
	PQclear(res);
	t1 = now_ms();
	sink += bytes;
	*rowsp = rows;
	return t1 - t0;
}

int main(int argc, char **argv)
{
	const char *conninfo = "", *sqlfile = NULL, *keysfile = NULL, *samples = NULL;
	long warmup = 1, rounds = 2;
	int opt;

	while ((opt = getopt(argc, argv, "d:f:k:s:w:r:")) != -1) {
		switch (opt) {
		case 'd': conninfo = optarg; break;
		case 'f': sqlfile = optarg; break;
		case 'k': keysfile = optarg; break;
		case 's': samples = optarg; break;
		case 'w': warmup = parse_long(optarg, "warm-up passes"); break;
		case 'r': rounds = parse_long(optarg, "timed passes"); break;
		default:
			fprintf(stderr, "usage: typebench -f SQLFILE -k KEYSFILE -s SAMPLES [-w W] [-r R] "
					"[-d CONNINFO] [PARAM...]\n");
			return 2;
		}
	}
	if (!sqlfile || !keysfile || !samples || rounds < 1)
		die("%s", "need -f, -k, -s and at least one timed pass (see the header comment)");

	size_t sqllen, keyslen;
	char *sql = read_file(sqlfile, &sqllen);
	/* one statement: drop trailing blanks and the terminating semicolon */
	while (sqllen > 0 && strchr("; \t\r\n", sql[sqllen - 1]))
		sql[--sqllen] = '\0';
	if (sqllen == 0)
		die("%s holds no SQL", sqlfile);

	/* the keystrokes: split the file in place into (group, text) pairs */
	char *keysbuf = read_file(keysfile, &keyslen);
	size_t nkeys = 0, cap = 64;
	struct key *keys = malloc(sizeof *keys * cap);
	if (!keys)
		die("%s", "out of memory");
	for (char *line = keysbuf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		if (!tab || tab[1] == '\0')
			die("bad line in the keystroke file: '%s' (want GROUP<TAB>TEXT)", line);
		*tab = '\0';
		if (nkeys == cap) {
			struct key *nk = realloc(keys, sizeof *keys * (cap *= 2));
			if (!nk)
				die("%s", "out of memory");
			keys = nk;
		}
		keys[nkeys].group = line;
		keys[nkeys].text = tab + 1;
		nkeys++;
	}
	if (nkeys == 0)
		die("%s holds no keystrokes", keysfile);

	int nparams = 1 + (argc - optind);
	const char **params = malloc(sizeof *params * (size_t)nparams);
	if (!params)
		die("%s", "out of memory");
	for (int i = 1; i < nparams; i++)
		params[i] = argv[optind + i - 1];

	PGconn *conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "typebench: cannot connect: %s", PQerrorMessage(conn));
		return 1;
	}
	FILE *out = fopen(samples, "w");
	if (!out)
		die("cannot write %s", samples);
	for (long pass = 0; pass < warmup + rounds; pass++) {
		for (size_t k = 0; k < nkeys; k++) {
			int rows;
			double ms;

			params[0] = keys[k].text;
			ms = one_call(conn, sql, nparams, params, &rows);
			if (pass >= warmup)
				fprintf(out, "%s\t%.4f\t%d\t%s\n", keys[k].group, ms, rows, keys[k].text);
		}
	}
	if (fclose(out) != 0)
		die("cannot write %s", samples);
	PQfinish(conn);
	free(params);
	free(keys);
	free(keysbuf);
	free(sql);
	return 0;
}
