/* ticket_raw: tickets in the languages of thermal ticket printers, sent as
 * they are through CUPS raw queues (application/vnd.cups-raw). Text is
 * transliterated to ASCII (ticket_ascii) since neither language is told a
 * code page here.
 *
 * ZPL II (Zebra, 203 dpi; 1 mm = 203/25.4 dots, rounded), per ticket:
 *   ^XA\n^PW<page width>^LL<page height>^LH0,0\n
 *   then per item, in the layout's order, each ending in "^FS\n":
 *   text  ^FO<x>,<y>^A0N,<h>,<h>[^FB<w>,1,0,<C|R>][^FH]^FD<text>^FS
 *         h = size in dots (size_pt × 203/72, after shrink-to-fit), y the
 *         top of the text (kept on the full size's baseline when shrunk);
 *         ^FB (a one-line block as wide as the box) only for center/right;
 *         ^FH only when the text holds ^ ~ or _ (written _5E _7E _5F).
 *         Fitting measures with the Helvetica-Bold widths (font 0 is a bold
 *         sans) and cuts with "...". Empty texts are left out.
 *   qr    ^FO<x + 4m>,<y + 4m>^BQN,2,<m>^FDMA,<token>^FS
 *         model 2, magnification m = dots per module, the largest (1..10)
 *         that fits the symbol and its 4-module quiet zone in size_mm;
 *         "MA," = error correction M, automatic data mode.
 *   line  ^FO<left>,<top>^GB<w>,<h>,<t>^FS when horizontal or vertical
 *         (w or h = t), else ^FO<left>,<top>^GD<w>,<h>,<t>,B,<R|L>^FS;
 *         t = width_pt in dots (at least 1); dashes are drawn solid.
 *   box   ^FO<x>,<y>^GB<w>,<h>,<t>^FS (filled: t = the smaller side)
 *   ^XZ\n
 *
 * ESC/POS (Epson TM-style 80 mm receipt printers: 48 columns of font A,
 * 8 dots per mm), per ticket:
 *   1B 40                     ESC @  initialise
 *   then text and QR items ordered by y_mm, then x_mm (lines and boxes are
 *   not drawn: the paper is a roll, the layout gives order and alignment):
 *   text  1B 61 a             ESC a  0 left, 1 centre, 2 right
 *         1B 45 b             ESC E  bold 1 / 0
 *         1D 21 s             GS !   00 normal; 01 double height from 12 pt;
 *                                    11 double width and height from 18 pt
 *         <ASCII text, at most 48 columns (24 double width), cut with "...">
 *         0A
 *   qr    1B 61 01                          centre
 *         1D 28 6B 04 00 31 41 32 00        GS ( k fn 165: model 2
 *         1D 28 6B 03 00 31 43 m            fn 167: module size m dots (1..16,
 *                                            from size_mm as for ZPL)
 *         1D 28 6B 03 00 31 45 31           fn 169: error correction M
 *         1D 28 6B pL pH 31 50 30 <token>   fn 180: store; pL + 256 pH =
 *                                            token length + 3
 *         1D 28 6B 03 00 31 51 30           fn 181: print
 *         0A
 *   end   1B 61 00 1B 45 00 1D 21 00        back to left, plain, normal size
 *         1D 56 41 00                       GS V 65 0: feed to the cutter, full cut
 */
#ifndef BOXOFFICE_TICKET_RAW_H
#define BOXOFFICE_TICKET_RAW_H

#include "err.h"
#include "layout.h"
#include "ticket.h"

#include <stdbool.h>
#include <stddef.h>

/* Render n tickets (n >= 1). On success *buf (the caller frees it with
 * free()) and *len hold the bytes to send, followed by a NUL not counted in
 * *len. */
bool ticket_zpl_render(const struct layout *l, const struct ticket_print *t, size_t n,
		       char **buf, size_t *len, struct err *e);
bool ticket_escpos_render(const struct layout *l, const struct ticket_print *t, size_t n,
			  char **buf, size_t *len, struct err *e);

/* UTF-8 → printable ASCII: Latin-1 and Latin Extended-A letters lose their
 * accents ("é" → "e", "ß" → "ss", "Œ" → "OE"), typographic punctuation
 * becomes its ASCII look-alike ("–" → "-", "“" → "\"", "…" → "..."),
 * "€" → "EUR"; anything else, control characters and malformed bytes
 * become '?'. Writes at most size - 1 bytes and a NUL; returns the length. */
size_t ticket_ascii(const char *utf8, char *out, size_t size);

#endif
