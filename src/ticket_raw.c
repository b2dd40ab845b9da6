/* ticket_raw: ZPL and ESC/POS writers; the byte layouts are in the header. */
#include "ticket_raw.h"

#include "qr.h"
#include "ticket_pdf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOTS_PER_MM (203.0 / 25.4)
#define DOTS_PER_PT (203.0 / 72.0)
#define ESCPOS_DOTS_PER_MM 8.0
#define ESCPOS_COLUMNS 48

/* ASCII for U+00A0..U+017F (accents dropped, ligatures spelt out). */
static const char *const latin[224] = {
	/* 00A0 */ " ", "!", "c", "GBP", "?", "JPY", "|", "S",
	/* 00A8 */ "\"", "(C)", "a", "<<", "-", "-", "(R)", "-",
	/* 00B0 */ "o", "+/-", "2", "3", "'", "u", "P", ".",
	/* 00B8 */ ",", "1", "o", ">>", "1/4", "1/2", "3/4", "?",
	/* 00C0 */ "A", "A", "A", "A", "A", "A", "AE", "C",
	/* 00C8 */ "E", "E", "E", "E", "I", "I", "I", "I",
	/* 00D0 */ "D", "N", "O", "O", "O", "O", "O", "x",
	/* 00D8 */ "O", "U", "U", "U", "U", "Y", "Th", "ss",
	/* 00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* 00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* 00F0 */ "d", "n", "o", "o", "o", "o", "o", "/",
	/* 00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* 0100 */ "A", "a", "A", "a", "A", "a", "C", "c",
	/* 0108 */ "C", "c", "C", "c", "C", "c", "D", "d",
	/* 0110 */ "D", "d", "E", "e", "E", "e", "E", "e",
	/* 0118 */ "E", "e", "E", "e", "G", "g", "G", "g",
	/* 0120 */ "G", "g", "G", "g", "H", "h", "H", "h",
	/* 0128 */ "I", "i", "I", "i", "I", "i", "I", "i",
	/* 0130 */ "I", "i", "IJ", "ij", "J", "j", "K", "k",
	/* 0138 */ "k", "L", "l", "L", "l", "L", "l", "L",
	/* 0140 */ "l", "L", "l", "N", "n", "N", "n", "N",
	/* 0148 */ "n", "'n", "N", "n", "O", "o", "O", "o",
	/* 0150 */ "O", "o", "OE", "oe", "R", "r", "R", "r",
	/* 0158 */ "R", "r", "S", "s", "S", "s", "S", "s",
	/* 0160 */ "S", "s", "T", "t", "T", "t", "T", "t",
	/* 0168 */ "U", "u", "U", "u", "U", "u", "U", "u",
	/* 0170 */ "U", "u", "U", "u", "W", "w", "Y", "y",
	/* 0178 */ "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

static const struct {
	uint32_t cp;
	const char *ascii;
} punct[] = {
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" }, { 0x2014, "-" },
	{ 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" }, { 0x201A, "'" }, { 0x201B, "'" },
	{ 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" }, { 0x201F, "\"" },
	{ 0x2020, "+" }, { 0x2022, "*" }, { 0x2026, "..." }, { 0x2032, "'" }, { 0x2033, "\"" },
	{ 0x2039, "<" }, { 0x203A, ">" }, { 0x20AC, "EUR" }, { 0x2122, "TM" }, { 0x2212, "-" },
};

/* Decodes one UTF-8 character at s (n bytes left): its code point, or
 * 0xFFFD for a malformed byte; *len the bytes taken (at least 1). */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t cp, min;
	size_t k;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) { k = 2; cp = s[0] & 0x1F; min = 0x80; }
	else if (s[0] >= 0xE0 && s[0] <= 0xEF) { k = 3; cp = s[0] & 0x0F; min = 0x800; }
	else if (s[0] >= 0xF0 && s[0] <= 0xF4) { k = 4; cp = s[0] & 0x07; min = 0x10000; }
	else return 0xFFFD;
	if (k > n)
		return 0xFFFD;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*len = k;
	return cp;
}

static const char *ascii_of(uint32_t cp, char *one)
{
	if (cp >= 0x20 && cp < 0x7F) {
		one[0] = (char)cp;
		one[1] = '\0';
		return one;
	}
	if (cp >= 0xA0 && cp < 0x180)
		return latin[cp - 0xA0];
	for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++)
		if (punct[i].cp == cp)
			return punct[i].ascii;
	return "?";
}

size_t ticket_ascii(const char *utf8, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = strlen(utf8), o = 0, k;

	if (size == 0)
		return 0;
	while (n > 0) {
		char one[2];
		const char *a = ascii_of(utf8_next(s, n, &k), one);
		size_t al = strlen(a);

		if (o + al >= size)
			break;
		memcpy(out + o, a, al);
		o += al;
		s += k;
		n -= k;
	}
	out[o] = '\0';
	return o;
}

/* ---- output buffer ---- */

struct obuf {
	char *d;
	size_t len, cap;
	bool failed;
};

static void put(struct obuf *b, const void *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *d;

		while (cap < b->len + n + 1)
			cap *= 2;
		d = realloc(b->d, cap);
		if (d == NULL) {
			b->failed = true;
			return;
		}
		b->d = d;
		b->cap = cap;
	}
	memcpy(b->d + b->len, s, n);
	b->len += n;
}

/* Only integers go through printf here, so the locale cannot change them. */
static void putf(struct obuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct obuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static bool finish(struct obuf *b, char **buf, size_t *len, struct err *e)
{
	if (b->failed) {
		free(b->d);
		return err_set(e, ERR_NOMEM, "Out of memory while writing tickets.");
	}
	if (b->d == NULL)
		put(b, "", 0);
	if (b->failed)
		return err_set(e, ERR_NOMEM, "Out of memory while writing tickets.");
	b->d[b->len] = '\0'; /* put() always leaves room for it */
	*buf = b->d;
	*len = b->len;
	return true;
}

static long dots(double mm)
{
	return lround(mm * DOTS_PER_MM);
}

/* The QR module size in dots: the largest that fits the symbol and its
 * quiet zone in side_dots, within [1, max]. */
static int module_dots(double side_dots, int width, int max)
{
	int m = (int)floor(side_dots / (width + 8));

	return m < 1 ? 1 : m > max ? max : m;
}

/* ---- ZPL ---- */

/* ^FD data: with ^FH and _XX escapes when it holds ZPL's ^ ~ or the
 * escape character _ itself. */
static void zpl_field(struct obuf *b, const char *s, size_t n)
{
	if (memchr(s, '^', n) == NULL && memchr(s, '~', n) == NULL && memchr(s, '_', n) == NULL) {
		put(b, "^FD", 3);
		put(b, s, n);
		return;
	}
	put(b, "^FH^FD", 6);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '^' || s[i] == '~' || s[i] == '_')
			putf(b, "_%02X", (unsigned char)s[i]);
		else
			put(b, &s[i], 1);
	}
}

static void zpl_text(struct obuf *b, const struct layout_item *it, const char *utf8)
{
	char a[TICKET_TEXT_MAX + 4];
	size_t n = ticket_ascii(utf8, a, TICKET_TEXT_MAX);
	struct ticket_fit f;
	double top;
	long h;

	if (n == 0)
		return;
	f = ticket_fit_text(it, PDF_HELVETICA_BOLD, a, n, "...");
	n = f.keep;
	if (f.cut) {
		memcpy(a + n, "...", 3);
		n += 3;
	}
	h = lround(f.size_pt * DOTS_PER_PT);
	h = h < 1 ? 1 : h;
	top = it->y_mm + (it->size_pt - f.size_pt) * LAYOUT_MM_PER_PT * LAYOUT_BASELINE_EM;
	putf(b, "^FO%ld,%ld^A0N,%ld,%ld", dots(it->x_mm), dots(top), h, h);
	if (it->align != LAYOUT_LEFT)
		putf(b, "^FB%ld,1,0,%c", dots(it->w_mm), it->align == LAYOUT_CENTER ? 'C' : 'R');
	zpl_field(b, a, n);
	put(b, "^FS\n", 4);
}

static bool zpl_qr(struct obuf *b, const struct layout_item *it, const char *token,
		   struct err *e)
{
	struct qr *q = qr_encode(token, e);
	char data[TICKET_TOKEN_SIZE + 8];
	int m;

	if (q == NULL)
		return false;
	m = module_dots(it->w_mm * DOTS_PER_MM, q->width, 10);
	qr_free(&q);
	putf(b, "^FO%ld,%ld^BQN,2,%d", dots(it->x_mm) + 4 * m, dots(it->y_mm) + 4 * m, m);
	snprintf(data, sizeof data, "MA,%s", token);
	zpl_field(b, data, strlen(data));
	put(b, "^FS\n", 4);
	return true;
}

static void zpl_line(struct obuf *b, const struct layout_item *it)
{
	long x1 = dots(it->x_mm), y1 = dots(it->y_mm), x2 = dots(it->x2_mm), y2 = dots(it->y2_mm);
	long t = lround(it->width_pt * DOTS_PER_PT);
	long left = x1 < x2 ? x1 : x2, top = y1 < y2 ? y1 : y2;
	long w = labs(x2 - x1), h = labs(y2 - y1);

	t = t < 1 ? 1 : t;
	if (w == 0 || h == 0) {
		/* the stroke centred on the line, as in the PDF */
		if (h == 0)
			top = top - t / 2 < 0 ? 0 : top - t / 2;
		else
			left = left - t / 2 < 0 ? 0 : left - t / 2;
		putf(b, "^FO%ld,%ld^GB%ld,%ld,%ld^FS\n", left, top, w > t ? w : t, h > t ? h : t, t);
		return;
	}
	/* "/" (up to the right, y down) is R, "\" is L */
	putf(b, "^FO%ld,%ld^GD%ld,%ld,%ld,B,%c^FS\n", left, top, w, h, t,
	     (x2 - x1) * (y2 - y1) < 0 ? 'R' : 'L');
}

static void zpl_box(struct obuf *b, const struct layout_item *it)
{
	long w = dots(it->w_mm), h = dots(it->h_mm), t = lround(it->width_pt * DOTS_PER_PT);

	w = w < 1 ? 1 : w;
	h = h < 1 ? 1 : h;
	t = it->fill ? (w < h ? w : h) : t < 1 ? 1 : t;
	putf(b, "^FO%ld,%ld^GB%ld,%ld,%ld^FS\n", dots(it->x_mm), dots(it->y_mm), w, h, t);
}

bool ticket_zpl_render(const struct layout *l, const struct ticket_print *t, size_t n,
		       char **buf, size_t *len, struct err *e)
{
	struct obuf b = { 0 };
	char text[TICKET_TEXT_MAX];

	if (n == 0)
		return err_set(e, ERR_INPUT, "No tickets to print.");
	for (size_t i = 0; i < n; i++) {
		putf(&b, "^XA\n^PW%ld^LL%ld^LH0,0\n", dots(l->width_mm), dots(l->height_mm));
		for (size_t j = 0; j < l->n_items; j++) {
			const struct layout_item *it = &l->items[j];
			bool ok = true;

			switch (it->type) {
			case LAYOUT_TEXT:
				ok = ticket_expand(it->text, &t[i], text, sizeof text, e);
				if (ok)
					zpl_text(&b, it, text);
				break;
			case LAYOUT_QR: ok = zpl_qr(&b, it, t[i].token, e); break;
			case LAYOUT_LINE: zpl_line(&b, it); break;
			case LAYOUT_BOX: zpl_box(&b, it); break;
			}
			if (!ok) {
				free(b.d);
				return false;
			}
		}
		put(&b, "^XZ\n", 4);
	}
	return finish(&b, buf, len, e);
}

/* ---- ESC/POS ---- */

static void escpos_text(struct obuf *b, const struct layout_item *it, const char *utf8)
{
	unsigned char mode[9] = { 0x1B, 0x61, (unsigned char)it->align, 0x1B, 0x45,
				  it->bold ? 1 : 0, 0x1D, 0x21, 0x00 };
	char a[TICKET_TEXT_MAX + 4];
	size_t n = ticket_ascii(utf8, a, TICKET_TEXT_MAX), cols = ESCPOS_COLUMNS;

	if (n == 0)
		return;
	if (it->size_pt >= 18) {
		mode[8] = 0x11;
		cols /= 2;
	} else if (it->size_pt >= 12) {
		mode[8] = 0x01;
	}
	if (n > cols) {
		n = cols - 3;
		while (n > 0 && a[n - 1] == ' ')
			n--;
		memcpy(a + n, "...", 3);
		n += 3;
	}
	put(b, mode, sizeof mode);
	put(b, a, n);
	put(b, "\n", 1);
}

static bool escpos_qr(struct obuf *b, const struct layout_item *it, const char *token,
		      struct err *e)
{
	struct qr *q = qr_encode(token, e);
	size_t n = strlen(token) + 3;
	unsigned char m;

	if (q == NULL)
		return false;
	m = (unsigned char)module_dots(it->w_mm * ESCPOS_DOTS_PER_MM, q->width, 16);
	qr_free(&q);
	put(b, "\x1B\x61\x01", 3);
	put(b, "\x1D\x28\x6B\x04\x00\x31\x41\x32\x00", 9);
	put(b, "\x1D\x28\x6B\x03\x00\x31\x43", 7);
	put(b, &m, 1);
	put(b, "\x1D\x28\x6B\x03\x00\x31\x45\x31", 8);
	put(b, "\x1D\x28\x6B", 3);
	put(b, (unsigned char[]){ (unsigned char)(n & 0xFF), (unsigned char)(n >> 8) }, 2);
	put(b, "\x31\x50\x30", 3);
	put(b, token, n - 3);
	put(b, "\x1D\x28\x6B\x03\x00\x31\x51\x30", 8);
	put(b, "\n", 1);
	return true;
}

/* Text and QR items in reading order: by y, then x, then layout order. */
static bool before(const struct layout *l, size_t a, size_t b)
{
	const struct layout_item *p = &l->items[a], *q = &l->items[b];

	if (p->y_mm != q->y_mm)
		return p->y_mm < q->y_mm;
	if (p->x_mm != q->x_mm)
		return p->x_mm < q->x_mm;
	return a < b;
}

static size_t reading_order(const struct layout *l, size_t *order)
{
	size_t k = 0;

	for (size_t j = 0; j < l->n_items; j++)
		if (l->items[j].type == LAYOUT_TEXT || l->items[j].type == LAYOUT_QR)
			order[k++] = j;
	/* insertion sort: layouts are small */
	for (size_t i = 1; i < k; i++) {
		size_t v = order[i], j = i;

		while (j > 0 && before(l, v, order[j - 1])) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
	return k;
}

bool ticket_escpos_render(const struct layout *l, const struct ticket_print *t, size_t n,
			  char **buf, size_t *len, struct err *e)
{
	struct obuf b = { 0 };
	size_t order[LAYOUT_MAX_ITEMS], k = reading_order(l, order);
	char text[TICKET_TEXT_MAX];

	if (n == 0)
		return err_set(e, ERR_INPUT, "No tickets to print.");
	for (size_t i = 0; i < n; i++) {
		put(&b, "\x1B\x40", 2);
		for (size_t j = 0; j < k; j++) {
			const struct layout_item *it = &l->items[order[j]];
			bool ok = true;

			if (it->type == LAYOUT_QR) {
				ok = escpos_qr(&b, it, t[i].token, e);
			} else {
				ok = ticket_expand(it->text, &t[i], text, sizeof text, e);
				if (ok)
					escpos_text(&b, it, text);
			}
			if (!ok) {
				free(b.d);
				return false;
			}
		}
		put(&b, "\x1B\x61\x00\x1B\x45\x00\x1D\x21\x00", 9);
		put(&b, "\x1D\x56\x41\x00", 4);
	}
	return finish(&b, buf, len, e);
}
