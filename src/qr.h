/* qr: a QR code as a plain module matrix (libqrencode does the encoding;
 * nothing of it leaks past this module). */
#ifndef BOXOFFICE_QR_H
#define BOXOFFICE_QR_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

struct qr {
	int width;              /* modules per side, no quiet zone */
	unsigned char dark[];   /* width * width, row-major from the top left; 1 = dark */
};

/* Encodes text (8-bit mode, error correction level M, case kept). Returns a
 * matrix the caller owns (qr_free), or NULL with e filled (text too long for
 * any QR version, out of memory). */
struct qr *qr_encode(const char *text, struct err *e);

/* Frees *q and sets it to NULL; q or *q may be NULL. */
void qr_free(struct qr **q);

/* 1 if the module at (x, y) is dark; 0 outside the symbol (the quiet zone). */
static inline int qr_dark(const struct qr *q, int x, int y)
{
	return x >= 0 && y >= 0 && x < q->width && y < q->width ? q->dark[y * q->width + x] : 0;
}

#endif
