/* shift_pdf: a shift report (shift.h) as a one-page A4 PDF (pdf.h) for the
 * supervisor's file: who, when, the float, expected against counted per
 * method with the variance, comps, tickets cancelled since, the sign-off and
 * its note, and lines for two signatures. Printed through CUPS (print.h) on
 * the remembered printer (config.h) or the one asked for. */
#ifndef BOXOFFICE_SHIFT_PDF_H
#define BOXOFFICE_SHIFT_PDF_H

#include "err.h"
#include "shift.h"

#include <stdbool.h>
#include <stddef.h>

/* Renders r; org (NULL: none) names the organisation in the heading. On
 * success *buf (the caller frees it) and *len hold the PDF. */
bool shift_pdf_render(const struct shift_report *r, const char *org, char **buf, size_t *len,
		      struct err *e);

/* Renders and prints r on wanted (NULL or "": the remembered printer, else
 * CUPS's default), following the job for up to wait_ms. printer (size
 * bytes) gets the printer's name and *job the job id, also on failure once
 * known. A raw ticket printer (ZPL, ESC/POS) is refused: it cannot print a
 * page. A job that did not print is cancelled; e says why in words. */
bool shift_pdf_print(const struct shift_report *r, const char *org, const char *wanted, int wait_ms,
		     char *printer, size_t size, int *job, struct err *e);

#endif
