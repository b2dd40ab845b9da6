/* print: the CUPS side of printing (DESIGN §4). The only module that includes
 * CUPS headers. Destinations with their state, the default destination, a job
 * streamed from memory through the libcups Dest API, and the job followed until
 * it is done. Every failure is written for the clerk in e->msg; the CUPS text of
 * the last failure is kept for the log (print_log_detail).
 *
 * Which server: libcups' usual rules — $CUPS_SERVER (a host or a socket path),
 * ~/.cups/client.conf, /etc/cups/client.conf, the local scheduler. Tests and the
 * demo point CUPS_SERVER at a private cupsd (tests/tools/cupsd.sh).
 *
 * Error codes: ERR_CONNECT when the print server cannot be reached, ERR_INPUT
 * when the printer does not exist (or none is the default), ERR_NOMEM, and
 * ERR_IO for everything the printer or the server refused. */
#ifndef BOXOFFICE_PRINT_H
#define BOXOFFICE_PRINT_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define PRINT_MIME_PDF "application/pdf"
#define PRINT_MIME_RAW "application/vnd.cups-raw" /* ZPL, ESC/POS: sent unchanged */

enum print_state {            /* IPP printer-state */
	PRINT_READY = 3,      /* idle */
	PRINT_PRINTING = 4,   /* processing a job */
	PRINT_STOPPED = 5,    /* stopped: jobs wait in the queue */
};

struct print_dest {
	char *name;           /* queue name, e.g. "pdf" */
	char *info;           /* description (printer-info), "" if none */
	char *location;       /* printer-location, "" if none */
	char *reasons;        /* printer-state-reasons without "none", comma-separated, "" if none */
	char *message;        /* printer-state-message when stopped or not accepting, else "" */
	int state;            /* enum print_state */
	bool accepting;       /* printer-is-accepting-jobs */
	bool is_default;      /* the one print_default_name() picks */
	bool raw;             /* no driver: bytes reach the device unchanged (ZPL, ESC/POS) */
};

struct print_dests {
	struct print_dest *v; /* owned, in the server's order (by name) */
	size_t n;
};

/* Lists the destinations of the print server (cupsGetDests2): local queues and
 * classes, no network browsing. On success the caller owns out's contents
 * (print_dests_free); an empty list is a success (no printers set up). On
 * failure out is empty. */
bool print_list(struct print_dests *out, struct err *e);

/* Frees the strings and the array, leaves d empty. NULL is fine. */
void print_dests_free(struct print_dests *d);

/* "ready", "printing", "stopped" (or "unknown"). Static string. */
const char *print_state_word(int state);

/* One line for a printer screen: "ready", "printing", "stopped: out of paper",
 * "ready, not accepting jobs: closed for the night". Writes into out (truncated
 * to fit). */
void print_dest_status(const struct print_dest *d, char *out, size_t size);

/* The name of the default destination, in CUPS' order: $LPDEST, $PRINTER
 * (except the placeholder "lp"), the lpoptions default (~/.cups/lpoptions),
 * the server's default. A name from the environment is returned even if no
 * such printer exists (print_submit then says so). The remembered printer of
 * config.h is the caller's business: use it first when set. */
bool print_default_name(char *out, size_t size, struct err *e);

/* Sends data (len bytes, from memory) as one job with one document:
 * cupsGetNamedDest → cupsCopyDestInfo → cupsCreateDestJob →
 * cupsStartDestDocument → cupsWriteRequestData → cupsFinishDestDocument.
 * printer NULL or "" = print_default_name(). mime is PRINT_MIME_PDF or
 * PRINT_MIME_RAW (any MIME type CUPS knows works). title names the job (job-name
 * and document-name). On success *job is the job id; the job may still be
 * waiting — follow it with print_wait. A stopped printer accepts the job into
 * its queue (print_wait then says "stopped"); a printer not accepting jobs
 * refuses it here. On failure no job is left behind. */
bool print_submit(const char *printer, const char *title, const char *mime,
		  const void *data, size_t len, int *job, struct err *e);

enum print_outcome {
	PRINT_JOB_COMPLETED,  /* the printer (or its backend) took the whole job */
	PRINT_JOB_WAITING,    /* still queued or printing when the time ran out */
	PRINT_JOB_STOPPED,    /* the printer is stopped; the job waits in its queue */
	PRINT_JOB_HELD,       /* the job is held in the queue (e.g. by an operator) */
	PRINT_JOB_CANCELED,   /* someone cancelled it */
	PRINT_JOB_ABORTED,    /* the print system gave up on it (driver or device error) */
	PRINT_JOB_UNKNOWN,    /* could not find out (server gone, job unknown) */
};

/* Follows job on printer (NULL = default) until it is completed, cancelled,
 * aborted, or waits on a stopped printer or a hold, for at most timeout_ms.
 * True only for PRINT_JOB_COMPLETED; otherwise e says why in words, with the
 * printer's own message when it has one. A job that is stopped, held or still
 * waiting stays in the queue: it prints when the printer is started again
 * unless print_cancel removes it (do that before sending the same tickets to
 * another printer). outcome may be NULL.
 * Polls the job (IPP Get-Job-Attributes) and its printer every 20 ms rising to
 * 250 ms: CUPS pushes no job events to a client that could wait on a socket
 * (its ippget notifications are pulled too), and a time bound is needed anyway
 * because a device that never answers keeps a job "processing" for days. */
bool print_wait(const char *printer, int job, int timeout_ms,
		enum print_outcome *outcome, struct err *e);

/* Cancels job on printer (NULL = default). A job already finished is fine. */
bool print_cancel(const char *printer, int job, struct err *e);

/* The CUPS text of this thread's last print_* failure (cupsLastErrorString()
 * or the system error), for the log; "" if none. Static per-thread buffer. */
const char *print_log_detail(void);

#endif
