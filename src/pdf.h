/* pdf: a minimal PDF 1.4 writer into memory. Pages of any size in points
 * (origin bottom left, y up, as PDF has it), the base-14 fonts Helvetica and
 * Helvetica-Bold with WinAnsiEncoding (nothing embedded), text, lines,
 * rectangles stroked or filled. Content streams are not compressed.
 *
 * The file it writes, objects in the order they are written:
 *   %PDF-1.4 and a binary comment line
 *   3 0 obj  Helvetica           4 0 obj  Helvetica-Bold
 *   then per page: its content stream, then the /Page object
 *   2 0 obj  /Pages (Kids, Count)   1 0 obj  /Catalog   N 0 obj  /Info
 *   xref (one 20-byte entry per object, byte offsets exact), trailer
 *   (/Size, /Root 1 0 R, /Info), startxref, %%EOF.
 * Numbers are written with at most 3 decimals and '.' whatever the locale.
 *
 * Text given to pdf_text() is already WinAnsi (Windows-1252) bytes:
 * pdf_winansi() converts UTF-8, pdf_text_width() measures with the standard
 * Helvetica AFM widths.
 *
 * Drawing calls do not fail one by one: running out of memory or drawing
 * outside a page is remembered and reported by pdf_finish(). */
#ifndef BOXOFFICE_PDF_H
#define BOXOFFICE_PDF_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

enum pdf_font { PDF_HELVETICA, PDF_HELVETICA_BOLD };

/* points per millimetre */
#define PDF_PT_PER_MM (72.0 / 25.4)

struct pdf;

/* A new empty document the caller owns (pdf_free), or NULL (out of memory). */
struct pdf *pdf_new(void);

/* Frees *p and sets it to NULL; p or *p may be NULL. */
void pdf_free(struct pdf **p);

/* Starts a page width × height points; ends the one before if still open. */
void pdf_page_begin(struct pdf *p, double width_pt, double height_pt);
void pdf_page_end(struct pdf *p);

/* Text s[0..n) (WinAnsi bytes) with its baseline starting at (x, y). */
void pdf_text(struct pdf *p, enum pdf_font font, double size_pt, double x, double y,
	      const char *s, size_t n);

/* A stroked line (dashes dash_pt long with gaps as long; 0: solid), and a
 * stroked rectangle (x, y its bottom left corner). */
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width_pt,
	      double dash_pt);
void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width_pt);

/* Filled rectangles: add any number to the path, then fill them at once. */
void pdf_rect_path(struct pdf *p, double x, double y, double w, double h);
void pdf_fill(struct pdf *p);

/* Ends the open page and writes the document. On success *buf (malloc'ed,
 * the caller frees it with free()) and *len hold the file, followed by a
 * NUL byte not counted in *len (so it may be searched as a string); p is spent
 * (only pdf_free may follow). False with e filled if anything failed. */
bool pdf_finish(struct pdf *p, char **buf, size_t *len, struct err *e);

/* Width of s[0..n) (WinAnsi bytes) in points. */
double pdf_text_width(enum pdf_font font, double size_pt, const char *s, size_t n);

/* Converts UTF-8 to WinAnsi (Windows-1252) with iconv: a character with no
 * WinAnsi equivalent, a control character or a malformed byte becomes '?'.
 * Writes at most size - 1 bytes and a NUL into out (cut short if it does not
 * fit); returns the length written. */
size_t pdf_winansi(const char *utf8, char *out, size_t size);

#endif
