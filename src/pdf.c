/* pdf: the writer. Everything goes through one growing buffer per document
 * and one per open page (its content stream). */
#include "pdf.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BOXOFFICE_VERSION
#define BOXOFFICE_VERSION "dev"
#endif

/* Advance widths (1/1000 em) of WinAnsi codes 32..255, from Adobe's
 * Helvetica.afm and Helvetica-Bold.afm (the standard 14 font metrics).
 * Codes WinAnsi leaves unused (127, 129, 141, 143, 144, 157) have the
 * bullet's width, as viewers draw them. */
static const unsigned short helvetica_widths[224] = {
	/*  32 */  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	/*  48 */  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	/*  64 */ 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	/*  80 */  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	/*  96 */  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	/* 112 */  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
	/* 128 */  556, 350, 222, 556, 333,1000, 556, 556, 333,1000, 667, 333,1000, 350, 611, 350,
	/* 144 */  350, 222, 222, 333, 333, 350, 556,1000, 333,1000, 500, 333, 944, 350, 500, 667,
	/* 160 */  278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
	/* 176 */  400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	/* 192 */  667, 667, 667, 667, 667, 667,1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	/* 208 */  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	/* 224 */  556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
	/* 240 */  556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
};
static const unsigned short helvetica_bold_widths[224] = {
	/*  32 */  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	/*  48 */  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	/*  64 */  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	/*  80 */  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	/*  96 */  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	/* 112 */  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
	/* 128 */  556, 350, 278, 556, 500,1000, 556, 556, 333,1000, 667, 333,1000, 350, 611, 350,
	/* 144 */  350, 278, 278, 500, 500, 350, 556,1000, 333,1000, 556, 333, 944, 350, 500, 667,
	/* 160 */  278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
	/* 176 */  400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	/* 192 */  722, 722, 722, 722, 722, 722,1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	/* 208 */  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	/* 224 */  556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
	/* 240 */  611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
};

struct buf {
	char *d;
	size_t len, cap;
};

struct pdf {
	struct buf file;         /* the document so far */
	struct buf page;         /* content stream of the open page */
	bool page_open;
	double page_w, page_h;
	size_t *offsets;         /* byte offset of object i; [0] unused */
	size_t n_objs, cap_objs; /* objects numbered so far (1..n_objs) */
	int *kids;               /* page object numbers */
	size_t n_kids, cap_kids;
	bool failed;             /* out of memory */
	char misuse[96];         /* first drawing call outside a page */
};

static bool grow(struct pdf *p, void **arr, size_t *cap, size_t want, size_t elem)
{
	size_t ncap;
	void *n;

	if (want <= *cap)
		return true;
	ncap = *cap ? *cap : 16;
	while (ncap < want)
		ncap *= 2;
	n = realloc(*arr, ncap * elem);
	if (n == NULL) {
		p->failed = true;
		return false;
	}
	*arr = n;
	*cap = ncap;
	return true;
}

static void put(struct pdf *p, struct buf *b, const char *s, size_t n)
{
	if (p->failed || !grow(p, (void **)&b->d, &b->cap, b->len + n + 1, 1))
		return;
	memcpy(b->d + b->len, s, n);
	b->len += n;
}

static void puts_(struct pdf *p, struct buf *b, const char *s)
{
	put(p, b, s, strlen(s));
}

/* A number with up to 3 decimals, trailing zeros dropped; never
 * locale-dependent (printf's %f would write "1,5" under a German locale). */
static void put_num(struct pdf *p, struct buf *b, double v)
{
	char tmp[32], *e = tmp + sizeof tmp, *d = e;
	long long m;
	unsigned long long a;
	int frac;

	if (!isfinite(v))
		v = 0;
	if (v > 1e12)
		v = 1e12;
	if (v < -1e12)
		v = -1e12;
	m = llround(v * 1000.0);
	a = m < 0 ? (unsigned long long)-m : (unsigned long long)m;
	frac = (int)(a % 1000);
	a /= 1000;
	/* written backwards from the end of tmp: decimals, point, digits, sign */
	if (frac != 0) {
		int digits = 3;

		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		while (digits-- > 0) {
			*--d = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--d = '.';
	}
	do {
		*--d = (char)('0' + a % 10);
		a /= 10;
	} while (a != 0);
	if (m < 0)
		*--d = '-';
	put(p, b, d, (size_t)(e - d));
}

/* Appends fmt with: %n a number (double, see put_num), %d an int, %z a
 * size_t, %s a string, %% a percent sign. */
static void out(struct pdf *p, struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[32];

	va_start(ap, fmt);
	for (const char *f = fmt; *f != '\0'; f++) {
		size_t n = strcspn(f, "%");

		put(p, b, f, n);
		f += n;
		if (*f == '\0')
			break;
		switch (*++f) {
		case 'n': put_num(p, b, va_arg(ap, double)); break;
		case 'd': put(p, b, tmp, (size_t)snprintf(tmp, sizeof tmp, "%d", va_arg(ap, int))); break;
		case 'z': put(p, b, tmp, (size_t)snprintf(tmp, sizeof tmp, "%zu", va_arg(ap, size_t))); break;
		case 's': puts_(p, b, va_arg(ap, const char *)); break;
		case '%': put(p, b, "%", 1); break;
		default: f--; break; /* not a directive: next loop copies it */
		}
	}
	va_end(ap);
}

/* Numbers the next object and records where it starts. */
static int obj_begin(struct pdf *p, int num)
{
	if (num == 0)
		num = (int)++p->n_objs;
	if (!grow(p, (void **)&p->offsets, &p->cap_objs, (size_t)num + 1, sizeof *p->offsets))
		return num;
	p->offsets[num] = p->file.len;
	out(p, &p->file, "%d 0 obj\n", num);
	return num;
}

struct pdf *pdf_new(void)
{
	struct pdf *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	/* objects 1 (catalog) and 2 (pages) are written last, at the end */
	p->n_objs = 2;
	puts_(p, &p->file, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
	obj_begin(p, 0);
	puts_(p, &p->file, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
			   " /Encoding /WinAnsiEncoding >>\nendobj\n");
	obj_begin(p, 0);
	puts_(p, &p->file, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold"
			   " /Encoding /WinAnsiEncoding >>\nendobj\n");
	if (p->failed)
		pdf_free(&p);
	return p;
}

void pdf_free(struct pdf **pp)
{
	struct pdf *p;

	if (pp == NULL || *pp == NULL)
		return;
	p = *pp;
	free(p->file.d);
	free(p->page.d);
	free(p->offsets);
	free(p->kids);
	free(p);
	*pp = NULL;
}

void pdf_page_begin(struct pdf *p, double width_pt, double height_pt)
{
	if (p->page_open)
		pdf_page_end(p);
	p->page_open = true;
	p->page_w = width_pt;
	p->page_h = height_pt;
	p->page.len = 0;
	puts_(p, &p->page, "0 g 0 G\n");
}

void pdf_page_end(struct pdf *p)
{
	int content, page;

	if (!p->page_open)
		return;
	p->page_open = false;
	content = obj_begin(p, 0);
	out(p, &p->file, "<< /Length %z >>\nstream\n", p->page.len);
	put(p, &p->file, p->page.d != NULL ? p->page.d : "", p->page.len);
	puts_(p, &p->file, "\nendstream\nendobj\n");
	page = obj_begin(p, 0);
	out(p, &p->file, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %n %n]\n"
		"   /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>\n"
		"   /Contents %d 0 R >>\nendobj\n", p->page_w, p->page_h, content);
	if (grow(p, (void **)&p->kids, &p->cap_kids, p->n_kids + 1, sizeof *p->kids))
		p->kids[p->n_kids++] = page;
}

static bool on_page(struct pdf *p, const char *what)
{
	if (p->page_open)
		return true;
	if (p->misuse[0] == '\0')
		snprintf(p->misuse, sizeof p->misuse, "PDF: %s drawn outside a page.", what);
	return false;
}

void pdf_text(struct pdf *p, enum pdf_font font, double size_pt, double x, double y,
	      const char *s, size_t n)
{
	if (!on_page(p, "text"))
		return;
	out(p, &p->page, "BT /F%d %n Tf %n %n Td (", font == PDF_HELVETICA_BOLD ? 2 : 1,
	    size_pt, x, y);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];

		if (c == '(' || c == ')' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(p, &p->page, esc, 2);
		} else if (c < 32 || c == 127) {
			put(p, &p->page, esc, (size_t)snprintf(esc, sizeof esc, "\\%03o", c));
		} else {
			put(p, &p->page, (const char *)&s[i], 1);
		}
	}
	puts_(p, &p->page, ") Tj ET\n");
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width_pt,
	      double dash_pt)
{
	if (!on_page(p, "a line"))
		return;
	if (dash_pt > 0)
		out(p, &p->page, "[%n] 0 d %n w %n %n m %n %n l S [] 0 d\n", dash_pt, width_pt,
		    x1, y1, x2, y2);
	else
		out(p, &p->page, "%n w %n %n m %n %n l S\n", width_pt, x1, y1, x2, y2);
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width_pt)
{
	if (on_page(p, "a rectangle"))
		out(p, &p->page, "%n w %n %n %n %n re S\n", width_pt, x, y, w, h);
}

void pdf_rect_path(struct pdf *p, double x, double y, double w, double h)
{
	if (on_page(p, "a rectangle"))
		out(p, &p->page, "%n %n %n %n re\n", x, y, w, h);
}

void pdf_fill(struct pdf *p)
{
	if (on_page(p, "a fill"))
		puts_(p, &p->page, "f\n");
}

bool pdf_finish(struct pdf *p, char **buf, size_t *len, struct err *e)
{
	size_t xref, n;
	int info;

	pdf_page_end(p);
	if (p->misuse[0] != '\0')
		return err_set(e, ERR_INPUT, "%s", p->misuse);
	if (p->n_kids == 0)
		return err_set(e, ERR_INPUT, "PDF: a document needs at least one page.");
	obj_begin(p, 2);
	puts_(p, &p->file, "<< /Type /Pages /Kids [");
	for (size_t i = 0; i < p->n_kids; i++)
		out(p, &p->file, i ? " %d 0 R" : "%d 0 R", p->kids[i]);
	out(p, &p->file, "] /Count %z >>\nendobj\n", p->n_kids);
	obj_begin(p, 1);
	puts_(p, &p->file, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	info = obj_begin(p, 0);
	puts_(p, &p->file, "<< /Producer (boxoffice " BOXOFFICE_VERSION ") >>\nendobj\n");
	xref = p->file.len;
	n = p->n_objs + 1;
	out(p, &p->file, "xref\n0 %z\n0000000000 65535 f \n", n);
	for (size_t i = 1; i < n; i++) {
		char entry[24];

		snprintf(entry, sizeof entry, "%010zu 00000 n \n", p->failed ? 0 : p->offsets[i]);
		put(p, &p->file, entry, 20);
	}
	out(p, &p->file, "trailer\n<< /Size %z /Root 1 0 R /Info %d 0 R >>\nstartxref\n%z\n%%%%EOF\n",
	    n, info, xref);
	if (p->failed)
		return err_set(e, ERR_NOMEM, "Out of memory while writing a PDF.");
	p->file.d[p->file.len] = '\0'; /* put() always leaves room for it */
	*buf = p->file.d;
	*len = p->file.len;
	p->file.d = NULL;
	p->file.len = p->file.cap = 0;
	p->failed = true; /* spent */
	return true;
}

double pdf_text_width(enum pdf_font font, double size_pt, const char *s, size_t n)
{
	const unsigned short *w = font == PDF_HELVETICA_BOLD ? helvetica_bold_widths
							     : helvetica_widths;
	long units = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		units += c >= 32 ? w[c - 32] : w['?' - 32];
	}
	return (double)units * size_pt / 1000.0;
}

/* Bytes of the UTF-8 sequence at s (1 for a malformed one). */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	size_t n = s[0] < 0xC2 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 1;

	if (n > avail)
		return 1;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Without iconv (no gconv modules): ASCII and Latin-1 map to themselves. */
static size_t latin1_only(const char *utf8, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t i = 0, o = 0, n = strlen(utf8);

	while (i < n && o + 1 < size) {
		size_t k = utf8_len(s + i, n - i);

		if (k == 1)
			out[o++] = s[i] < 0x80 ? (char)s[i] : '?';
		else if (k == 2 && s[i] <= 0xC3)
			out[o++] = (char)(((s[i] & 0x03) << 6) | (s[i + 1] & 0x3F));
		else
			out[o++] = '?';
		i += k;
	}
	out[o] = '\0';
	return o;
}

size_t pdf_winansi(const char *utf8, char *out, size_t size)
{
	iconv_t cd;
	char *in = (char *)utf8, *o = out;
	size_t inleft = strlen(utf8), outleft, n;

	if (size == 0)
		return 0;
	cd = iconv_open("WINDOWS-1252", "UTF-8");
	if (cd == (iconv_t)-1)
		return latin1_only(utf8, out, size);
	outleft = size - 1;
	while (inleft > 0 && outleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;
		/* EILSEQ (no equivalent, or malformed) or EINVAL (cut short) */
		*o++ = '?';
		outleft--;
		n = utf8_len((const unsigned char *)in, inleft);
		in += n;
		inleft -= n;
	}
	iconv_close(cd);
	n = (size_t)(o - out);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 32 || out[i] == 127)
			out[i] = '?';
	return n;
}
