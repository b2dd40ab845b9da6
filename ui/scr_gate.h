/* scr_gate: gate validation mode (issue 7), full screen. First the gate's
 * name; then a scan box that takes what a USB scanner types (the code and
 * Enter) or a person types, and the answer to each scan LARGE: a band the
 * width of the screen with the result in block letters — green ADMITTED
 * (seat, tier), yellow ALREADY SCANNED (when, which gate), red CANCELLED,
 * WRONG EVENT (which event it is for), UNKNOWN, and NOT CHECKED when the call
 * failed (the ticket must be scanned again). Without colour the band is
 * reverse video and every refusal says STOP along its edges; in ASCII the
 * letters are '#'. Below: details, the count admitted at this gate and the
 * last scans. The scan box stays ready: no key dismisses a result.
 *
 * A pure screen (DESIGN §5): init; key → command through a table; do;
 * recalc; draw into any WINDOW *. The app validates (src/gate.h). */
#ifndef BOXOFFICE_SCR_GATE_H
#define BOXOFFICE_SCR_GATE_H

#include "draw.h"
#include "field.h"
#include "gate.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <wchar.h>

/* Scans kept for the list (as many as fit are shown, newest first). */
#define SCR_GATE_RECENT 12

enum gt_cmd {
	GT_NONE,
	GT_EDIT,     /* an editing key for the box in front */
	GT_ENTER,    /* Enter, Tab (scanners end with either) */
	GT_ESC,      /* Esc */
	GT_HELP,     /* F1; ? with an empty scan box */
	GT_YES,      /* y in the leave question */
	GT_NO,       /* n in the leave question */
	/* for the app, from scr_gate_do: */
	GT_NAMED,    /* the gate's name was given: check it and start (scr_gate_start) */
	GT_SCAN,     /* a code was scanned: scr_gate_code(), validate, show */
	GT_BACK,     /* leave without scanning (Esc while asking the name) */
	GT_LEAVE,    /* leave confirmed */
};

/* What the band shows. */
enum gt_show { GT_SHOW_READY, GT_SHOW_RESULT, GT_SHOW_NOT_CHECKED };

struct scr_gate_entry {
	bool checked;                 /* false: NOT CHECKED */
	enum gate_result result;
	char clock[16];               /* local time of the scan, "19:42:05" */
	char text[200];               /* seat and tier, or what went wrong */
};

struct scr_gate {
	const struct ui_style *style; /* not owned */
	char title[256];              /* "The Tempest · Fri 27 Nov 19:30" */
	char event[256];              /* the event's title alone (WRONG EVENT says it) */
	char gate[GATE_NAME_MAX * 4 + 1];
	bool naming;                  /* asking the gate's name */
	struct field name;
	struct field scan;
	bool asking_leave;            /* "Leave gate mode?" */
	bool help;
	bool offline;                 /* the connection is down: scans are not checked */
	int admitted;                 /* at this gate for this event */
	enum gt_show show;
	struct gate_scan last;        /* GT_SHOW_RESULT */
	char last_code[24];           /* the end of the code scanned last, "…7C01AB3F" */
	char last_clock[16];
	char last_first[GATE_TIME_SIZE]; /* ALREADY SCANNED: the first scan's time, local */
	char why[256];                /* GT_SHOW_NOT_CHECKED: what failed */
	struct scr_gate_entry recent[SCR_GATE_RECENT]; /* newest first */
	int nrecent;
	char code[GATE_TOKEN_MAX + 1]; /* the code taken by GT_SCAN */
	char status[256];
	bool status_error;
	/* Computed by recalc: */
	int band_y, band_h, detail_y, list_y, list_rows;
};

/* Starts by asking the gate's name; remembered (NULL: none) prefills it. */
void scr_gate_init(struct scr_gate *s, const struct ui_style *st, const char *title,
		   const char *event, const char *remembered);

/* The name was accepted: scanning starts, admitted counted so far. */
void scr_gate_start(struct scr_gate *s, const char *gate, int admitted);

/* The message line; error draws it as a problem. NULL clears. */
void scr_gate_message(struct scr_gate *s, const char *msg, bool error);

/* The connection is down (drawn as NO CONNECTION while it lasts). */
void scr_gate_set_offline(struct scr_gate *s, bool offline);

enum gt_cmd scr_gate_key(const struct scr_gate *s, bool is_code, wint_t key);

/* Carries out cmd for key; returns GT_NAMED, GT_SCAN, GT_BACK or GT_LEAVE
 * for the app, else GT_NONE. A key that closes the help or the leave
 * question and is part of a code goes on into the scan box, so a scan is
 * never swallowed. */
enum gt_cmd scr_gate_do(struct scr_gate *s, enum gt_cmd cmd, bool is_code, wint_t key);

/* The name typed (GT_NAMED). */
const char *scr_gate_name_text(const struct scr_gate *s);

/* The code taken by GT_SCAN (the box is already empty for the next one). */
const char *scr_gate_code(const struct scr_gate *s);

/* A scan's answer, shown at once; now: the time of the scan. */
void scr_gate_result(struct scr_gate *s, const struct gate_scan *scan, time_t now);

/* The scan of code could not be checked (why: in words). */
void scr_gate_not_checked(struct scr_gate *s, const char *code, const char *why, time_t now);

void scr_gate_recalc(struct scr_gate *s, int height, int width);
void scr_gate_draw(const struct scr_gate *s, WINDOW *w);

/* Colour pairs of the bands; after the colours are started. */
void scr_gate_colors_init(const struct ui_style *st);

#endif
