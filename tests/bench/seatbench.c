/*
 * seatbench: the project's path for a read, timed per call.
 *
 * One connection, one statement sent with PQexecParams (text parameters, text
 * results; what src/db.c does), W warm-up calls, then N timed calls. Each timed
 * call covers PQexecParams, the status and row-count check, reading every value
 * (the client copies results into its own structs) and PQclear, measured with
 * clock_gettime(CLOCK_MONOTONIC). Every call, warm-up included, must return
 * PGRES_TUPLES_OK and exactly the expected number of rows, or the program fails.
 *
 *   seatbench -f SQLFILE -e EXPECTED_ROWS [-w WARMUP] [-n N | -b BUDGET_MS
 *             [-m MIN_N] [-M MAX_N]] [-d CONNINFO] [-s SAMPLES_FILE] [PARAM...]
 *
 * With -b, N is chosen from the warm-up median so that the timed calls take about
 * BUDGET_MS, clamped to [MIN_N, MAX_N]. Prints one line: "N MEDIAN_MS P99_MS".
 * Percentiles are nearest-rank, as in tests/bench/run.sh's pgbench log reduction.
 * Connection settings come from CONNINFO and the usual PG* environment variables.
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
	fprintf(stderr, "seatbench: ");
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

static char *read_sql(const char *path)
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
	/* one statement: drop trailing blanks and the terminating semicolon */
	while (len > 0 && (buf[len - 1] == ';' || buf[len - 1] == ' ' || buf[len - 1] == '\n' ||
			   buf[len - 1] == '\t' || buf[len - 1] == '\r'))
		len--;
	buf[len] = '\0';
	if (len == 0)
		die("%s holds no SQL", path);
	return buf;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* nearest rank: the smallest sample with at least p of all samples at or below it */
static double pct(const double *sorted, long n, double p)
{
	double x = p * (double)n;
	long k = (long)x;

	if ((double)k < x)
		k++;
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return sorted[k - 1];
}

static volatile size_t sink;

/* One call: returns its duration in ms; exits on any error or wrong row count. */
static double one_call(PGconn *conn, const char *sql, int nparams, const char *const *params,
		       long expected)
{
	double t0 = now_ms(), t1;
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	size_t bytes = 0;
	int rows, cols;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "seatbench: query failed: %s", PQresultErrorMessage(res));
		exit(1);
	}
	rows = PQntuples(res);
	cols = PQnfields(res);
	if (rows != expected) {
		fprintf(stderr, "seatbench: expected %ld rows, got %d\n", expected, rows);
		exit(1);
	}
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			bytes += (size_t)PQgetlength(res, r, c) + (PQgetvalue(res, r, c)[0] != '\0');
	PQclear(res);
	t1 = now_ms();
	sink += bytes;
	return t1 - t0;
}

int main(int argc, char **argv)
{
	const char *conninfo = "", *sqlfile = NULL, *samples = NULL;
	long warmup = 20, n = 0, budget = 0, min_n = 20, max_n = 1000, expected = -1;
	int opt;

	while ((opt = getopt(argc, argv, "d:f:e:w:n:b:m:M:s:")) != -1) {
		switch (opt) {
		case 'd': conninfo = optarg; break;
		case 'f': sqlfile = optarg; break;
		case 'e': expected = parse_long(optarg, "expected row count"); break;
		case 'w': warmup = parse_long(optarg, "warm-up count"); break;
		case 'n': n = parse_long(optarg, "iteration count"); break;
		case 'b': budget = parse_long(optarg, "budget"); break;
		case 'm': min_n = parse_long(optarg, "minimum count"); break;
		case 'M': max_n = parse_long(optarg, "maximum count"); break;
		case 's': samples = optarg; break;
		default:
			fprintf(stderr, "usage: seatbench -f SQLFILE -e ROWS [-w W] [-n N | -b MS [-m MIN] "
					"[-M MAX]] [-d CONNINFO] [-s SAMPLES] [PARAM...]\n");
			return 2;
		}
	}
	if (!sqlfile || expected < 0 || (n == 0) == (budget == 0) || min_n < 1 || max_n < min_n)
		die("%s", "need -f, -e, and exactly one of -n or -b (see the header comment)");

	char *sql = read_sql(sqlfile);
	int nparams = argc - optind;
	const char *const *params = (const char *const *)(argv + optind);

	PGconn *conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "seatbench: cannot connect: %s", PQerrorMessage(conn));
		return 1;
	}

	double *w = malloc(sizeof(double) * (size_t)(warmup > 0 ? warmup : 1));
	if (!w)
		die("%s", "out of memory");
	for (long i = 0; i < warmup; i++)
		w[i] = one_call(conn, sql, nparams, params, expected);
	if (budget) {
		double wm;
		if (warmup > 0) {
			qsort(w, (size_t)warmup, sizeof(double), cmp_double);
			wm = pct(w, warmup, 0.5);
		} else {
			wm = one_call(conn, sql, nparams, params, expected);
		}
		n = wm > 0 ? (long)((double)budget / wm) : max_n;
		if (n < min_n)
			n = min_n;
		if (n > max_n)
			n = max_n;
	}
	free(w);

	double *t = malloc(sizeof(double) * (size_t)n);
	if (!t)
		die("%s", "out of memory");
	for (long i = 0; i < n; i++)
		t[i] = one_call(conn, sql, nparams, params, expected);
	PQfinish(conn);

	if (samples) {
		FILE *f = fopen(samples, "w");
		if (!f)
			die("cannot write %s", samples);
		for (long i = 0; i < n; i++)
			fprintf(f, "%.4f\n", t[i]);
		fclose(f);
	}
	qsort(t, (size_t)n, sizeof(double), cmp_double);
	printf("%ld %.3f %.3f\n", n, pct(t, n, 0.5), pct(t, n, 0.99));
	free(t);
	free(sql);
	return 0;
}
