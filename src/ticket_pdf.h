/* ticket_pdf: tickets → PDF, one page per ticket, the page the layout's
 * size. Text in Helvetica / Helvetica-Bold (WinAnsi; what it lacks prints as
 * '?'), the QR as filled rectangles (one per horizontal run of dark
 * modules, 4-module quiet zone inside the layout's size_mm). */
#ifndef BOXOFFICE_TICKET_PDF_H
#define BOXOFFICE_TICKET_PDF_H

#include "err.h"
#include "layout.h"
#include "pdf.h"
#include "ticket.h"

#include <stdbool.h>
#include <stddef.h>

/* Renders n tickets (n >= 1) with layout l. On success *buf (the caller
 * frees it with free()) and *len hold the PDF file (NUL-terminated, the NUL
 * not counted). */
bool ticket_pdf_render(const struct layout *l, const struct ticket_print *t, size_t n,
		       char **buf, size_t *len, struct err *e);

/* How a text item's text s[0..n) (single-byte text: WinAnsi or ASCII,
 * measured with the Helvetica metrics of font) fits its box: the size to
 * draw it at, and how many bytes to keep; when bytes are dropped the caller
 * appends the ellipsis ell (whose width is counted). */
struct ticket_fit {
	double size_pt;
	size_t keep;
	bool cut;
};
struct ticket_fit ticket_fit_text(const struct layout_item *it, enum pdf_font font,
				  const char *s, size_t n, const char *ell);

#endif
