/* ticket_pdf: layout items → pdf.c calls. */
#include "ticket_pdf.h"

#include "qr.h"

#include <stdlib.h>
#include <string.h>

#define K PDF_PT_PER_MM

struct ticket_fit ticket_fit_text(const struct layout_item *it, enum pdf_font font,
				  const char *s, size_t n, const char *ell)
{
	double box = it->w_mm * K, ell_w;
	struct ticket_fit f = { it->size_pt, n, false };

	if (pdf_text_width(font, f.size_pt, s, n) <= box)
		return f;
	if (it->fit == LAYOUT_SHRINK) {
		/* the size that makes it fit, not below the minimum */
		f.size_pt = it->size_pt * box / pdf_text_width(font, it->size_pt, s, n);
		if (f.size_pt >= it->min_size_pt)
			return f;
		f.size_pt = it->min_size_pt;
	}
	ell_w = pdf_text_width(font, f.size_pt, ell, strlen(ell));
	f.cut = true;
	while (f.keep > 0 && pdf_text_width(font, f.size_pt, s, f.keep) + ell_w > box)
		f.keep--;
	while (f.keep > 0 && s[f.keep - 1] == ' ')
		f.keep--;
	return f;
}

static void draw_text(struct pdf *p, const struct layout *l, const struct layout_item *it,
		      const char *utf8)
{
	enum pdf_font font = it->bold ? PDF_HELVETICA_BOLD : PDF_HELVETICA;
	char win[TICKET_TEXT_MAX + 4];
	size_t n = pdf_winansi(utf8, win, TICKET_TEXT_MAX);
	struct ticket_fit f;
	double w, x = it->x_mm * K;
	/* the baseline stays where the full size puts it, even when shrunk */
	double y = (l->height_mm - it->y_mm - it->size_pt * LAYOUT_MM_PER_PT * LAYOUT_BASELINE_EM) * K;

	if (n == 0)
		return;
	f = ticket_fit_text(it, font, win, n, "\x85");
	n = f.keep;
	if (f.cut)
		win[n++] = '\x85'; /* WinAnsi "…" */
	w = pdf_text_width(font, f.size_pt, win, n);
	if (it->align == LAYOUT_CENTER)
		x += (it->w_mm * K - w) / 2;
	else if (it->align == LAYOUT_RIGHT)
		x += it->w_mm * K - w;
	pdf_text(p, font, f.size_pt, x, y, win, n);
}

/* The QR: one rectangle per horizontal run of dark modules, filled at once
 * (one path, so no seams between rows). */
static bool draw_qr(struct pdf *p, const struct layout *l, const struct layout_item *it,
		    const char *token, struct err *e)
{
	struct qr *q = qr_encode(token, e);
	double m, x0, top;

	if (q == NULL)
		return false;
	m = it->w_mm * K / (q->width + 8);
	x0 = it->x_mm * K + 4 * m;
	top = (l->height_mm - it->y_mm) * K - 4 * m;
	for (int y = 0; y < q->width; y++) {
		for (int x = 0; x < q->width;) {
			int run = 0;

			while (x + run < q->width && qr_dark(q, x + run, y))
				run++;
			if (run > 0)
				pdf_rect_path(p, x0 + x * m, top - (y + 1) * m, run * m, m);
			x += run > 0 ? run : 1;
		}
	}
	pdf_fill(p);
	qr_free(&q);
	return true;
}

static bool draw_item(struct pdf *p, const struct layout *l, const struct layout_item *it,
		      const struct ticket_print *t, struct err *e)
{
	char text[TICKET_TEXT_MAX];
	double h = l->height_mm;

	switch (it->type) {
	case LAYOUT_TEXT:
		if (!ticket_expand(it->text, t, text, sizeof text, e))
			return false;
		draw_text(p, l, it, text);
		return true;
	case LAYOUT_QR:
		return draw_qr(p, l, it, t->token, e);
	case LAYOUT_LINE:
		pdf_line(p, it->x_mm * K, (h - it->y_mm) * K, it->x2_mm * K, (h - it->y2_mm) * K,
			 it->width_pt, it->dash_mm * K);
		return true;
	case LAYOUT_BOX:
		if (it->fill) {
			pdf_rect_path(p, it->x_mm * K, (h - it->y_mm - it->h_mm) * K, it->w_mm * K,
				      it->h_mm * K);
			pdf_fill(p);
		} else {
			pdf_rect(p, it->x_mm * K, (h - it->y_mm - it->h_mm) * K, it->w_mm * K,
				 it->h_mm * K, it->width_pt);
		}
		return true;
	}
	return true;
}

bool ticket_pdf_render(const struct layout *l, const struct ticket_print *t, size_t n,
		       char **buf, size_t *len, struct err *e)
{
	struct pdf *p;
	bool ok = true;

	if (n == 0)
		return err_set(e, ERR_INPUT, "No tickets to print.");
	p = pdf_new();
	if (p == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory while writing a PDF.");
	for (size_t i = 0; i < n && ok; i++) {
		pdf_page_begin(p, l->width_mm * K, l->height_mm * K);
		for (size_t j = 0; j < l->n_items && ok; j++)
			ok = draw_item(p, l, &l->items[j], &t[i], e);
	}
	ok = ok && pdf_finish(p, buf, len, e);
	pdf_free(&p);
	return ok;
}
