/* The C calls of print.h and config.h for tests/print/run.sh, one per run:
 *   print_driver list                          name|state|accepting|raw|default|status|info
 *   print_driver default
 *   print_driver submit P TITLE MIME FILE      prints the job id
 *   print_driver wait P JOB TIMEOUT_MS         prints the outcome word
 *   print_driver print P TITLE MIME FILE MS    submit + wait; prints "job N submit_ms M done_ms D"
 *   print_driver cancel P JOB
 *   print_driver mkpdf PAGES FILE              a small valid PDF written by hand
 *   print_driver config-get KEY | config-set KEY VALUE | config-unset KEY | config-path
 *   print_driver freeport                      a free TCP port on 127.0.0.1
 *   print_driver sink PORT FILE SECONDS        a device on 127.0.0.1:PORT: accepts one
 *                                              connection, writes what it got to FILE
 *                                              (FILE.ready once listening), gives up
 *                                              after SECONDS
 *   print_driver bytes N FILE                  N copies of the byte values 0..255
 * P "-" is NULL (the default printer). A failure prints "error <code>: <message>"
 * on stdout, the CUPS detail on stderr, and exits 1. */
#include "config.h"
#include "print.h"

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *outcome_word[] = { "completed", "waiting", "stopped", "held",
	"canceled", "aborted", "unknown" };

static int fail(const struct err *e)
{
	printf("error %d: %s\n", e->code, e->msg);
	if (print_log_detail()[0] != '\0')
		fprintf(stderr, "detail: %s\n", print_log_detail());
	return 1;
}

static const char *printer_arg(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : s;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* PAGES A6 pages, each with a line of Helvetica and a grid of boxes, and a
 * correct xref table. */
static int mkpdf(int pages, const char *path)
{
	FILE *f = fopen(path, "wb");
	long *off = calloc((size_t)(3 + 2 * pages) + 1, sizeof *off);
	int nobj = 3 + 2 * pages, obj;
	long xref;

	if (f == NULL || off == NULL)
		return perror(path), 2;
	fprintf(f, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	off[1] = ftell(f);
	fprintf(f, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = ftell(f);
	fprintf(f, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", pages);
	for (int i = 0; i < pages; i++)
		fprintf(f, " %d 0 R", 4 + 2 * i);
	fprintf(f, " ] >>\nendobj\n");
	off[3] = ftell(f);
	fprintf(f, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
	for (int i = 0; i < pages; i++) {
		char content[2048];
		int n = snprintf(content, sizeof content, "BT /F1 18 Tf 20 250 Td (Ticket test page %d) Tj ET\n", i + 1);

		for (int b = 0; b < 12; b++)
			n += snprintf(content + n, sizeof content - (size_t)n, "%d %d 20 20 re f\n",
				      20 + 25 * (b % 6), 40 + 25 * (b / 6 + (i % 3)));
		obj = 4 + 2 * i;
		off[obj] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] "
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n", obj, obj + 1);
		off[obj + 1] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Length %d >>\nstream\n%sendstream\nendobj\n", obj + 1, n, content);
	}
	xref = ftell(f);
	fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
	for (int i = 1; i <= nobj; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", nobj + 1, xref);
	free(off);
	return fclose(f) == 0 ? 0 : 2;
}

static int listen_on(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 4) != 0) {
		perror("sink: listen");
		exit(2);
	}
	return fd;
}

static int cmd_freeport(void)
{
	struct sockaddr_in sa;
	socklen_t n = sizeof sa;
	int fd = listen_on(0);

	if (getsockname(fd, (struct sockaddr *)&sa, &n) != 0)
		return perror("getsockname"), 2;
	printf("%d\n", ntohs(sa.sin_port));
	close(fd);
	return 0;
}

/* Everything until the peer closes, or the deadline. */
static int cmd_sink(int port, const char *path, int seconds)
{
	long long deadline = now_ms() + seconds * 1000LL;
	char tmp[4096], buf[65536];
	int lfd = listen_on(port), fd = -1;
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	FILE *out, *ready;
	ssize_t n;

	snprintf(tmp, sizeof tmp, "%s.ready", path);
	if ((ready = fopen(tmp, "w")) != NULL)
		fclose(ready);
	if (poll(&p, 1, (int)(deadline - now_ms())) != 1 || (fd = accept(lfd, NULL, NULL)) < 0)
		return fprintf(stderr, "sink: nobody connected to port %d\n", port), 1;
	snprintf(tmp, sizeof tmp, "%s.part", path);
	if ((out = fopen(tmp, "wb")) == NULL)
		return perror(tmp), 2;
	p.fd = fd;
	while (poll(&p, 1, (int)(deadline - now_ms())) == 1 && (n = read(fd, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, out);
	close(fd);
	close(lfd);
	if (fclose(out) != 0 || rename(tmp, path) != 0)
		return perror(path), 2;
	return 0;
}

static int cmd_bytes(int copies, const char *path)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return perror(path), 2;
	for (int i = 0; i < copies; i++)
		for (int b = 0; b < 256; b++)
			fputc(b, f);
	return fclose(f) == 0 ? 0 : 2;
}

static int cmd_list(void)
{
	struct print_dests d;
	struct err e;
	char status[256];

	if (!print_list(&d, &e))
		return fail(&e);
	for (size_t i = 0; i < d.n; i++) {
		print_dest_status(&d.v[i], status, sizeof status);
		printf("%s|%s|%s|%s|%s|%s|%s\n", d.v[i].name, print_state_word(d.v[i].state),
		       d.v[i].accepting ? "accepting" : "rejecting", d.v[i].raw ? "raw" : "driver",
		       d.v[i].is_default ? "default" : "-", status, d.v[i].info);
	}
	print_dests_free(&d);
	return 0;
}

static int cmd_print(int argc, char **argv, bool wait)
{
	struct err e;
	enum print_outcome oc;
	size_t len;
	char *data = slurp(argv[5], &len);
	long long t0 = now_ms(), t1;
	int job;

	if (!print_submit(printer_arg(argv[2]), argv[3], argv[4], data, len, &job, &e)) {
		free(data);
		return fail(&e);
	}
	free(data);
	t1 = now_ms();
	if (!wait) {
		printf("%d\n", job);
		return 0;
	}
	if (!print_wait(printer_arg(argv[2]), job, argc > 6 ? atoi(argv[6]) : 30000, &oc, &e)) {
		printf("job %d %s\n", job, outcome_word[oc]);
		return fail(&e);
	}
	printf("job %d submit_ms %lld done_ms %lld\n", job, t1 - t0, now_ms() - t0);
	return 0;
}

static int cmd_config(int argc, char **argv)
{
	struct err e;
	char path[4096], *v;

	if (strcmp(argv[1], "config-path") == 0) {
		if (!config_path(path, sizeof path, &e))
			return fail(&e);
		printf("%s\n", path);
		return 0;
	}
	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "config-get") == 0) {
		if ((v = config_get(argv[2], &e)) == NULL)
			return e.code != ERR_NONE ? fail(&e) : (printf("(not set)\n"), 0);
		printf("%s\n", v);
		free(v);
		return 0;
	}
	if (!config_set(argv[2], strcmp(argv[1], "config-set") == 0 && argc > 3 ? argv[3] : NULL, &e))
		return fail(&e);
	return 0;
}

int main(int argc, char **argv)
{
	struct err e;
	enum print_outcome oc;
	char name[256];

	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "list") == 0)
		return cmd_list();
	if (strcmp(argv[1], "default") == 0) {
		if (!print_default_name(name, sizeof name, &e))
			return fail(&e);
		printf("%s\n", name);
		return 0;
	}
	if (strcmp(argv[1], "submit") == 0 && argc >= 6)
		return cmd_print(argc, argv, false);
	if (strcmp(argv[1], "print") == 0 && argc >= 6)
		return cmd_print(argc, argv, true);
	if (strcmp(argv[1], "wait") == 0 && argc >= 5) {
		if (!print_wait(printer_arg(argv[2]), atoi(argv[3]), atoi(argv[4]), &oc, &e)) {
			printf("%s\n", outcome_word[oc]);
			return fail(&e);
		}
		printf("%s\n", outcome_word[oc]);
		return 0;
	}
	if (strcmp(argv[1], "cancel") == 0 && argc >= 4)
		return print_cancel(printer_arg(argv[2]), atoi(argv[3]), &e) ? 0 : fail(&e);
	if (strcmp(argv[1], "mkpdf") == 0 && argc >= 4)
		return mkpdf(atoi(argv[2]), argv[3]);
	if (strcmp(argv[1], "freeport") == 0)
		return cmd_freeport();
	if (strcmp(argv[1], "sink") == 0 && argc >= 5)
		return cmd_sink(atoi(argv[2]), argv[3], atoi(argv[4]));
	if (strcmp(argv[1], "bytes") == 0 && argc >= 4)
		return cmd_bytes(atoi(argv[2]), argv[3]);
	if (strncmp(argv[1], "config-", 7) == 0)
		return cmd_config(argc, argv);
	fprintf(stderr, "print_driver: unknown command %s\n", argv[1]);
	return 2;
}
