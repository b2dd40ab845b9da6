/* print: libcups Dest API, job following, failures in a clerk's words.
 * Each public call opens its own connection to the scheduler (a bounded
 * connect, so "not running" is told apart from "no such printer": libcups'
 * CUPS_HTTP_DEFAULT reports an unreachable server as "printer does not exist")
 * and closes it before returning. */
#include "print.h"

#include <cups/cups.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define CONNECT_MS 5000           /* a remote server that never answers */
#define WRITE_CHUNK 65536
#define POLL_FIRST_MS 20
#define POLL_MAX_MS 250

static _Thread_local char detail[512];

const char *print_log_detail(void)
{
	return detail;
}

static void detail_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void detail_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
}

/* Keeps cupsLastErrorString() for the log. */
static void detail_cups(const char *what)
{
	detail_set("%s: %s (IPP status 0x%04x)", what, cupsLastErrorString(), (unsigned)cupsLastError());
}

static bool not_running(struct err *e, const char *why)
{
	return err_set(e, ERR_CONNECT,
		       "The print server is not running (CUPS at %s: %s). Start it, or ask whoever looks after the printers.",
		       cupsServer(), why);
}

/* httpConnect2 loses errno (it closes the socket after a failed connect), so
 * for a socket path ask the file system and connect(2) directly. */
static void connect_why(const char *server, char *out, size_t size)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int fd;

	if (server[0] != '/') {
		snprintf(out, size, "no answer on port %d", ippPort());
		return;
	}
	if (stat(server, &st) != 0) {
		snprintf(out, size, "%s", errno == ENOENT ? "no server socket" : strerror(errno));
		return;
	}
	snprintf(out, size, "cannot connect");
	if (strlen(server) >= sizeof sa.sun_path || (fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return;
	memcpy(sa.sun_path, server, strlen(server) + 1);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		snprintf(out, size, "%s", errno == ECONNREFUSED ? "nobody is listening" : strerror(errno));
	close(fd);
}

static http_t *server_connect(struct err *e)
{
	const char *server = cupsServer();
	char why[128];
	http_t *http;

	http = httpConnect2(server, ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1,
			    CONNECT_MS, NULL);
	if (http == NULL) {
		connect_why(server, why, sizeof why);
		detail_set("httpConnect2(%s, %d): %s", server, ippPort(), why);
		not_running(e, why);
	}
	return http;
}

/* After a failed IPP call: is it the server that went away? */
static bool server_gone(void)
{
	ipp_status_t st = cupsLastError();

	return st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE;
}

const char *print_state_word(int state)
{
	switch (state) {
	case PRINT_READY: return "ready";
	case PRINT_PRINTING: return "printing";
	case PRINT_STOPPED: return "stopped";
	default: return "unknown";
	}
}

/* printer-state-reasons keywords → words; suffixes -error/-warning/-report
 * are dropped first. */
static const struct { const char *kw, *words; } reason_table[] = {
	{ "paused", "stopped at the print server" },
	{ "media-empty", "out of paper" },
	{ "media-needed", "out of paper" },
	{ "media-jam", "paper jam" },
	{ "cover-open", "a cover is open" },
	{ "door-open", "a door is open" },
	{ "toner-empty", "out of toner" },
	{ "marker-supply-empty", "out of ink or toner" },
	{ "offline", "the printer is offline" },
	{ "connecting-to-device", "cannot reach the printer" },
	{ "shutdown", "the printer is shut down" },
	{ "cups-missing-filter", "the print server lacks a driver for this document" },
	{ "cups-insecure-filter", "the print server refuses an unsafe driver" },
};

/* Writes why a printer is in its state; false (and "no reason given") when
 * neither the message nor the reasons say anything. */
static bool reason_words(const char *reasons, const char *message, char *out, size_t size)
{
	char buf[512], *tok, *save = NULL;
	size_t used = 0;

	out[0] = '\0';
	/* cupsd's own placeholders say less than the reasons do */
	if (message != NULL && message[0] != '\0' && strcmp(message, "Paused") != 0 &&
	    strcmp(message, "Rejecting Jobs") != 0) {
		snprintf(out, size, "%s", message);
		return true;
	}
	snprintf(buf, sizeof buf, "%s", reasons != NULL ? reasons : "");
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		const char *w = tok;
		char *dash;

		if (strcmp(tok, "none") == 0)
			continue;
		dash = strrchr(tok, '-');
		if (dash != NULL && (!strcmp(dash, "-error") || !strcmp(dash, "-warning") ||
				     !strcmp(dash, "-report")))
			*dash = '\0';
		for (size_t i = 0; i < sizeof reason_table / sizeof reason_table[0]; i++)
			if (strcmp(tok, reason_table[i].kw) == 0)
				w = reason_table[i].words;
		if (used < size)
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : "", w);
	}
	if (out[0] != '\0')
		return true;
	snprintf(out, size, "no reason given");
	return false;
}

void print_dest_status(const struct print_dest *d, char *out, size_t size)
{
	char why[256];

	if (d->state == PRINT_STOPPED) {
		reason_words(d->reasons, d->message, why, sizeof why);
		snprintf(out, size, "stopped: %s%s", why, d->accepting ? "" : ", not accepting jobs");
		return;
	}
	if (!d->accepting) {
		if (reason_words("", d->message, why, sizeof why)) {
			snprintf(out, size, "%s, not accepting jobs: %s", print_state_word(d->state), why);
			return;
		}
	}
	snprintf(out, size, "%s%s", print_state_word(d->state),
		 d->accepting ? "" : ", not accepting jobs");
}

/* ---- the default destination ---- */

static bool default_name(http_t *http, char *out, size_t size, struct err *e)
{
	const char *env[] = { getenv("LPDEST"), getenv("PRINTER") };
	cups_dest_t *dest;

	for (size_t i = 0; i < 2; i++) {
		/* "lp" in $PRINTER is a shell default, not a choice (CUPS ignores it too) */
		if (env[i] == NULL || env[i][0] == '\0' || (i == 1 && strcmp(env[i], "lp") == 0))
			continue;
		if ((size_t)snprintf(out, size, "%s", env[i]) >= size)
			return err_set(e, ERR_INPUT, "The printer name in $%s is too long.",
				       i == 0 ? "LPDEST" : "PRINTER");
		return true;
	}
	/* With both unset this is lpoptions' default, then the server's. */
	dest = cupsGetNamedDest(http, NULL, NULL);
	if (dest == NULL) {
		detail_cups("cupsGetNamedDest(default)");
		if (server_gone())
			return not_running(e, "the connection was lost");
		return err_set(e, ERR_INPUT, "No printer is set as the default; pick one from the list of printers.");
	}
	if ((size_t)snprintf(out, size, "%s", dest->name) >= size) {
		cupsFreeDests(1, dest);
		return err_set(e, ERR_INPUT, "The default printer's name is too long.");
	}
	cupsFreeDests(1, dest);
	return true;
}

bool print_default_name(char *out, size_t size, struct err *e)
{
	http_t *http = server_connect(e);
	bool ok;

	if (http == NULL)
		return false;
	ok = default_name(http, out, size, e);
	httpClose(http);
	return ok;
}

/* ---- listing ---- */

struct pstatus {
	int state;
	bool accepting;
	char reasons[256];
	char message[256];
};

static char *dup_opt(const cups_dest_t *d, const char *name, bool *nomem)
{
	const char *v = cupsGetOption(name, d->num_options, d->options);
	char *s = strdup(v != NULL ? v : "");

	if (s == NULL)
		*nomem = true;
	return s;
}

static void printer_status(http_t *http, const cups_dest_t *dest, struct pstatus *ps);

static bool fill_dest(http_t *http, struct print_dest *pd, const cups_dest_t *d, const char *def)
{
	struct pstatus ps;
	const char *v;
	bool nomem = false;

	memset(pd, 0, sizeof *pd);
	pd->name = strdup(d->name);
	nomem = pd->name == NULL;
	pd->info = dup_opt(d, "printer-info", &nomem);
	pd->location = dup_opt(d, "printer-location", &nomem);
	pd->reasons = dup_opt(d, "printer-state-reasons", &nomem);
	if (pd->reasons != NULL && strcmp(pd->reasons, "none") == 0)
		pd->reasons[0] = '\0';
	v = cupsGetOption("printer-state", d->num_options, d->options);
	pd->state = v != NULL ? atoi(v) : 0;
	v = cupsGetOption("printer-is-accepting-jobs", d->num_options, d->options);
	pd->accepting = v != NULL && strcmp(v, "true") == 0;
	/* cupsd names a queue without a driver (PPD) this way */
	v = cupsGetOption("printer-make-and-model", d->num_options, d->options);
	pd->raw = v != NULL && strcmp(v, "Local Raw Printer") == 0;
	pd->is_default = def[0] != '\0' ? strcmp(d->name, def) == 0 : d->is_default != 0;
	/* cupsGetDests2 leaves out printer-state-message: ask when it matters */
	ps.message[0] = '\0';
	if (pd->state == PRINT_STOPPED || !pd->accepting)
		printer_status(http, d, &ps);
	pd->message = strdup(ps.message);
	return !nomem && pd->message != NULL;
}

static void dest_free(struct print_dest *pd)
{
	free(pd->name);
	free(pd->info);
	free(pd->location);
	free(pd->reasons);
	free(pd->message);
}

void print_dests_free(struct print_dests *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		dest_free(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

bool print_list(struct print_dests *out, struct err *e)
{
	cups_dest_t *dests = NULL;
	char def[256] = "";
	struct err ignored;
	http_t *http;
	int n;

	out->v = NULL;
	out->n = 0;
	if ((http = server_connect(e)) == NULL)
		return false;
	n = cupsGetDests2(http, &dests);
	if (n == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE &&
	    cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND) {
		detail_cups("cupsGetDests2");
		httpClose(http);
		if (server_gone())
			return not_running(e, "the connection was lost");
		return err_set(e, ERR_IO, "The print server did not list its printers: %s", cupsLastErrorString());
	}
	if (!default_name(http, def, sizeof def, &ignored))
		def[0] = '\0';
	if (n > 0 && (out->v = calloc((size_t)n, sizeof *out->v)) == NULL) {
		cupsFreeDests(n, dests);
		httpClose(http);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	for (int i = 0; i < n; i++) {
		if (dests[i].instance != NULL)   /* lpoptions instances: same queue again */
			continue;
		if (!fill_dest(http, &out->v[out->n++], &dests[i], def)) {
			cupsFreeDests(n, dests);
			httpClose(http);
			print_dests_free(out);
			return err_set(e, ERR_NOMEM, "Out of memory.");
		}
	}
	cupsFreeDests(n, dests);
	httpClose(http);
	return true;
}

/* ---- one printer's state, fresh from the server ---- */

static void copy_strings(ipp_attribute_t *a, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; a != NULL && i < ippGetCount(a) && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "," : "",
					 ippGetString(a, i, NULL));
}

static void printer_status(http_t *http, const cups_dest_t *dest, struct pstatus *ps)
{
	static const char *const want[] = { "printer-state", "printer-state-reasons",
		"printer-state-message", "printer-is-accepting-jobs" };
	const char *uri = cupsGetOption("printer-uri-supported", dest->num_options, dest->options);
	ipp_t *req, *resp;
	ipp_attribute_t *a;

	memset(ps, 0, sizeof *ps);
	if (uri == NULL)
		return;
	req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      4, NULL, want);
	if ((resp = cupsDoRequest(http, req, "/")) == NULL)
		return;
	if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)) != NULL)
		ps->state = ippGetInteger(a, 0);
	if ((a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) != NULL)
		ps->accepting = ippGetBoolean(a, 0);
	copy_strings(ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD),
		     ps->reasons, sizeof ps->reasons);
	copy_strings(ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT),
		     ps->message, sizeof ps->message);
	ippDelete(resp);
}

static bool printer_why(http_t *http, const cups_dest_t *dest, char *out, size_t size)
{
	struct pstatus ps;

	printer_status(http, dest, &ps);
	return reason_words(ps.reasons, ps.message, out, size);
}

/* ---- submitting ---- */

/* The named (or default) destination; name gets its name. */
static cups_dest_t *get_dest(http_t *http, const char *printer, char *name, size_t size,
			     struct err *e)
{
	cups_dest_t *dest;

	if (printer == NULL || printer[0] == '\0') {
		if (!default_name(http, name, size, e))
			return NULL;
	} else if ((size_t)snprintf(name, size, "%s", printer) >= size) {
		err_set(e, ERR_INPUT, "There is no printer with such a long name; pick another.");
		return NULL;
	}
	if ((dest = cupsGetNamedDest(http, name, NULL)) != NULL)
		return dest;
	detail_cups("cupsGetNamedDest");
	if (server_gone())
		not_running(e, "the connection was lost");
	else
		err_set(e, ERR_INPUT, "There is no printer \"%s\"; pick another.", name);
	return NULL;
}

/* Best effort on a fresh connection: the one a job failed on may be unusable. */
static void cancel_quietly(const cups_dest_t *dest, int job)
{
	struct err ignored;
	http_t *http = server_connect(&ignored);

	if (http == NULL)
		return;
	cupsCancelDestJob(http, (cups_dest_t *)dest, job);
	httpClose(http);
}

static bool create_failed(http_t *http, const cups_dest_t *dest, const char *name,
			  ipp_status_t st, struct err *e)
{
	char why[256];

	detail_cups("cupsCreateDestJob");
	if (server_gone())
		return not_running(e, "the connection was lost");
	if (st == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS) {
		if (!printer_why(http, dest, why, sizeof why))
			return err_set(e, ERR_IO, "Printer \"%s\" is not accepting jobs. Pick another printer.", name);
		return err_set(e, ERR_IO, "Printer \"%s\" is not accepting jobs: %s. Pick another printer.",
			       name, why);
	}
	if (st == IPP_STATUS_ERROR_NOT_FOUND)
		return err_set(e, ERR_INPUT, "There is no printer \"%s\"; pick another.", name);
	return err_set(e, ERR_IO, "Printer \"%s\" refused the job: %s", name, cupsLastErrorString());
}

/* Streams one document into an existing job. */
static bool send_document(http_t *http, cups_dest_t *dest, cups_dinfo_t *info, int job,
			  const char *name, const char *title, const char *mime,
			  const unsigned char *p, size_t len, struct err *e)
{
	ipp_status_t st;

	if (cupsStartDestDocument(http, dest, info, job, title, mime, 0, NULL, 1) != HTTP_STATUS_CONTINUE) {
		detail_cups("cupsStartDestDocument");
		if (server_gone())
			return not_running(e, "the connection was lost");
		return err_set(e, ERR_IO, "Printer \"%s\" would not take the document: %s", name,
			       cupsLastErrorString());
	}
	for (size_t off = 0; off < len;) {
		size_t n = len - off < WRITE_CHUNK ? len - off : WRITE_CHUNK;

		if (cupsWriteRequestData(http, (const char *)p + off, n) != HTTP_STATUS_CONTINUE) {
			detail_cups("cupsWriteRequestData");
			cupsFinishDestDocument(http, dest, info);
			return not_running(e, "the connection broke while sending the job");
		}
		off += n;
	}
	if ((st = cupsFinishDestDocument(http, dest, info)) > IPP_STATUS_OK_EVENTS_COMPLETE) {
		detail_cups("cupsFinishDestDocument");
		if (server_gone())
			return not_running(e, "the connection was lost");
		if (st == IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED)
			return err_set(e, ERR_IO, "Printer \"%s\" cannot print this kind of document (%s); pick another printer.",
				       name, mime);
		return err_set(e, ERR_IO, "Printer \"%s\" refused the job: %s", name, cupsLastErrorString());
	}
	return true;
}

bool print_submit(const char *printer, const char *title, const char *mime,
		  const void *data, size_t len, int *job, struct err *e)
{
	char name[256];
	cups_dest_t *dest;
	cups_dinfo_t *info;
	http_t *http;
	ipp_status_t st;
	bool ok = false;

	*job = 0;
	detail[0] = '\0';
	if (data == NULL || len == 0)
		return err_set(e, ERR_INPUT, "There is nothing to print.");
	if (mime == NULL || mime[0] == '\0')
		mime = PRINT_MIME_PDF;
	if (title == NULL || title[0] == '\0')
		title = "boxoffice";
	if ((http = server_connect(e)) == NULL)
		return false;
	if ((dest = get_dest(http, printer, name, sizeof name, e)) == NULL)
		goto out;
	if ((info = cupsCopyDestInfo(http, dest)) == NULL) {
		detail_cups("cupsCopyDestInfo");
		if (server_gone())
			not_running(e, "the connection was lost");
		else
			err_set(e, ERR_IO, "Printer \"%s\" did not describe itself: %s", name, cupsLastErrorString());
		cupsFreeDests(1, dest);
		goto out;
	}
	st = cupsCreateDestJob(http, dest, info, job, title, 0, NULL);
	if (st > IPP_STATUS_OK_EVENTS_COMPLETE || *job <= 0) {
		create_failed(http, dest, name, st, e);
		*job = 0;
	} else if (!send_document(http, dest, info, *job, name, title, mime, data, len, e)) {
		cancel_quietly(dest, *job);
		*job = 0;
	} else {
		ok = true;
	}
	cupsFreeDestInfo(info);
	cupsFreeDests(1, dest);
out:
	httpClose(http);
	return ok;
}

/* ---- following a job ---- */

struct jstatus {
	int state;            /* ipp_jstate_t, 0 if unknown */
	char reasons[256];    /* job-state-reasons */
	char message[256];    /* job-printer-state-message: the backend's last words */
};

/* Why a job failed, for the clerk: the printer's condition when it has one
 * (paper jam…); a filter's or backend's own words are for the log. */
static void failed_why(const struct pstatus *ps, char *out, size_t size)
{
	if (ps->reasons[0] != '\0' && strcmp(ps->reasons, "none") != 0)
		reason_words(ps->reasons, NULL, out, size);
	else
		snprintf(out, size, "its driver or the device reported an error (details in the log)");
}

static bool job_status(http_t *http, int job, struct jstatus *js)
{
	static const char *const want[] = { "job-state", "job-state-reasons",
		"job-printer-state-message" };
	char uri[HTTP_MAX_URI];
	ipp_t *req, *resp;
	ipp_attribute_t *a;

	memset(js, 0, sizeof *js);
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
			 "/jobs/%d", job);
	req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      3, NULL, want);
	if ((resp = cupsDoRequest(http, req, "/")) == NULL || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
		detail_cups("Get-Job-Attributes");
		ippDelete(resp);
		return false;
	}
	if ((a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)) != NULL)
		js->state = ippGetInteger(a, 0);
	copy_strings(ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD),
		     js->reasons, sizeof js->reasons);
	copy_strings(ippFindAttribute(resp, "job-printer-state-message", IPP_TAG_TEXT),
		     js->message, sizeof js->message);
	ippDelete(resp);
	return true;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* One look at the job: true when it is finished one way or another (or parked
 * on a stopped printer / hold), with *outcome and e filled. */
static bool job_settled(http_t *http, const cups_dest_t *dest, const char *name, int job,
			enum print_outcome *outcome, struct err *e)
{
	struct jstatus js;
	struct pstatus ps;
	char why[256];

	if (!job_status(http, job, &js)) {
		*outcome = PRINT_JOB_UNKNOWN;
		if (server_gone())
			return not_running(e, "the connection was lost"), true;
		err_set(e, ERR_IO, "The print server does not know job %d any more: %s", job,
			cupsLastErrorString());
		return true;
	}
	switch (js.state) {
	case IPP_JSTATE_COMPLETED:
		*outcome = PRINT_JOB_COMPLETED;
		return true;
	case IPP_JSTATE_CANCELED:
		*outcome = PRINT_JOB_CANCELED;
		err_set(e, ERR_IO, "The print job on \"%s\" was cancelled before it was done.", name);
		return true;
	case IPP_JSTATE_ABORTED:
		*outcome = PRINT_JOB_ABORTED;
		printer_status(http, dest, &ps);
		failed_why(&ps, why, sizeof why);
		err_set(e, ERR_IO, "Printer \"%s\" could not print the job: %s.", name, why);
		detail_set("job %d aborted: job-state-reasons=%s job-printer-state-message=%s "
			   "printer-state-reasons=%s", job, js.reasons, js.message, ps.reasons);
		return true;
	case IPP_JSTATE_HELD:
		*outcome = PRINT_JOB_HELD;
		err_set(e, ERR_IO, "The job is held in the queue of \"%s\"; it prints when someone releases it.", name);
		return true;
	case IPP_JSTATE_PENDING:
	case IPP_JSTATE_STOPPED:
		printer_status(http, dest, &ps);
		detail_set("job %d: job-state %d job-state-reasons=%s job-printer-state-message=%s "
			   "printer-state %d printer-state-reasons=%s printer-state-message=%s", job,
			   js.state, js.reasons, js.message, ps.state, ps.reasons, ps.message);
		if (ps.state == IPP_PSTATE_STOPPED) {
			*outcome = PRINT_JOB_STOPPED;
			reason_words(ps.reasons, ps.message, why, sizeof why);
			err_set(e, ERR_IO, "Printer \"%s\" is stopped: %s.", name, why);
			return true;
		}
		if (js.state == IPP_JSTATE_STOPPED) {
			/* the printer runs on, this job failed (e.g. a filter error) */
			*outcome = PRINT_JOB_STOPPED;
			failed_why(&ps, why, sizeof why);
			err_set(e, ERR_IO, "Printer \"%s\" could not print the job: %s. The job is stopped "
				"in its queue.", name, why);
			return true;
		}
		return false;
	default:               /* processing */
		return false;
	}
}

bool print_wait(const char *printer, int job, int timeout_ms,
		enum print_outcome *outcome, struct err *e)
{
	enum print_outcome dummy;
	char name[256], why[256];
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0), delay = POLL_FIRST_MS;
	cups_dest_t *dest;
	http_t *http;
	bool done;

	if (outcome == NULL)
		outcome = &dummy;
	*outcome = PRINT_JOB_UNKNOWN;
	detail[0] = '\0';
	if ((http = server_connect(e)) == NULL)
		return false;
	if ((dest = get_dest(http, printer, name, sizeof name, e)) == NULL) {
		httpClose(http);
		return false;
	}
	while (!(done = job_settled(http, dest, name, job, outcome, e))) {
		long long left = deadline - now_ms();

		if (left <= 0)
			break;
		sleep_ms(delay < left ? delay : left);
		delay = delay * 2 < POLL_MAX_MS ? delay * 2 : POLL_MAX_MS;
	}
	if (!done) {
		*outcome = PRINT_JOB_WAITING;
		if (printer_why(http, dest, why, sizeof why))
			err_set(e, ERR_IO, "Printer \"%s\" has not finished the job after %d s (%s). "
				"It stays in the queue.", name, (timeout_ms + 999) / 1000, why);
		else
			err_set(e, ERR_IO, "Printer \"%s\" has not finished the job after %d s. "
				"It stays in the queue.", name, (timeout_ms + 999) / 1000);
	}
	cupsFreeDests(1, dest);
	httpClose(http);
	return *outcome == PRINT_JOB_COMPLETED;
}

bool print_cancel(const char *printer, int job, struct err *e)
{
	char name[256];
	cups_dest_t *dest;
	http_t *http;
	ipp_status_t st;

	detail[0] = '\0';
	if ((http = server_connect(e)) == NULL)
		return false;
	if ((dest = get_dest(http, printer, name, sizeof name, e)) == NULL) {
		httpClose(http);
		return false;
	}
	st = cupsCancelDestJob(http, dest, job);
	cupsFreeDests(1, dest);
	httpClose(http);
	/* "not possible": it already completed, was cancelled or aborted */
	if (st > IPP_STATUS_OK_EVENTS_COMPLETE && st != IPP_STATUS_ERROR_NOT_POSSIBLE) {
		detail_cups("cupsCancelDestJob");
		if (server_gone())
			return not_running(e, "the connection was lost");
		return err_set(e, ERR_IO, "Could not cancel the job on \"%s\": %s", name, cupsLastErrorString());
	}
	return true;
}
