/* qr: libqrencode → struct qr. */
#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

struct qr *qr_encode(const char *text, struct err *e)
{
	QRcode *code;
	struct qr *q;
	size_t n;

	if (text == NULL || text[0] == '\0') {
		err_set(e, ERR_INPUT, "Nothing to put in the QR code.");
		return NULL;
	}
	/* case-sensitive 1: with 0 libqrencode upper-cases the payload */
	code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL) {
		if (errno == ENOMEM)
			err_set(e, ERR_NOMEM, "Out of memory while making a QR code.");
		else
			err_set(e, ERR_INPUT, "The QR code text is too long (%zu bytes).", strlen(text));
		return NULL;
	}
	n = (size_t)code->width * (size_t)code->width;
	q = malloc(sizeof *q + n);
	if (q == NULL) {
		QRcode_free(code);
		err_set(e, ERR_NOMEM, "Out of memory while making a QR code.");
		return NULL;
	}
	q->width = code->width;
	for (size_t i = 0; i < n; i++)
		q->dark[i] = code->data[i] & 1; /* bit 0: dark module */
	QRcode_free(code);
	return q;
}

void qr_free(struct qr **q)
{
	if (q == NULL)
		return;
	free(*q);
	*q = NULL;
}
