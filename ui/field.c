/* field: one line of editable UTF-8 text. */
#include "field.h"

#include <stdint.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

/* Decodes the UTF-8 character at s (n bytes available) into *cp. Returns
 * its length, 0 when the bytes are not valid UTF-8 (overlong forms and
 * surrogates included). */
static size_t u8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t c, min;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		len = 2, c = p[0] & 0x1Fu, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3, c = p[0] & 0x0Fu, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		len = 4, c = p[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static size_t u8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Printable: no C0/C1 controls, no DEL, no surrogates. */
static bool printable(uint32_t c)
{
	return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) &&
	       !(c >= 0xD800 && c <= 0xDFFF) && c <= 0x10FFFF;
}

static bool mode_takes(const struct field *f, uint32_t c)
{
	if (f->mode == FIELD_AMOUNT)
		return (c >= '0' && c <= '9') || c == '.' || c == ',';
	return true;
}

void field_init(struct field *f, size_t max_bytes, enum field_mode mode, bool ascii)
{
	memset(f, 0, sizeof *f);
	f->max = max_bytes < FIELD_SIZE ? max_bytes : FIELD_SIZE - 1;
	f->mode = mode;
	f->ascii = ascii;
}

void field_set(struct field *f, const char *text, bool fresh)
{
	size_t n = text != NULL ? strlen(text) : 0, i = 0, k;
	uint32_t c;

	f->len = 0;
	while (i < n) {
		k = u8_decode(text + i, n - i, &c);
		if (k == 0) {
			i++;
			continue;
		}
		if (printable(c) && mode_takes(f, c)) {
			if (f->len + k > f->max)
				break;
			memcpy(f->text + f->len, text + i, k);
			f->len += k;
		}
		i += k;
	}
	f->text[f->len] = '\0';
	f->cur = f->len;
	f->fresh = fresh && f->len > 0;
}

const char *field_text(const struct field *f)
{
	return f->text;
}

enum field_op field_key(bool is_code, wint_t key)
{
	if (is_code) {
		switch (key) {
		case KEY_LEFT: return FIELD_OP_LEFT;
		case KEY_RIGHT: return FIELD_OP_RIGHT;
		case KEY_HOME: return FIELD_OP_HOME;
		case KEY_END: return FIELD_OP_END;
		case KEY_BACKSPACE: return FIELD_OP_BACKSPACE;
		case KEY_DC: return FIELD_OP_DELETE;
		default: return FIELD_OP_NONE;
		}
	}
	switch (key) {
	case 127: case CTRL('h'): return FIELD_OP_BACKSPACE;
	case CTRL('d'): return FIELD_OP_DELETE;
	case CTRL('b'): return FIELD_OP_LEFT;
	case CTRL('f'): return FIELD_OP_RIGHT;
	case CTRL('a'): return FIELD_OP_HOME;
	case CTRL('e'): return FIELD_OP_END;
	case CTRL('u'): return FIELD_OP_CLEAR;
	default: break;
	}
	return printable((uint32_t)key) ? FIELD_OP_INSERT : FIELD_OP_NONE;
}

static bool empty_field(struct field *f);

bool field_insert(struct field *f, wint_t wc)
{
	uint32_t c = (uint32_t)wc;
	char mb[4];
	size_t n;

	if (!printable(c) || !mode_takes(f, c) || (f->ascii && c >= 0x80))
		return false;
	n = u8_encode(c, mb);
	if ((f->fresh ? 0 : f->len) + n > f->max)
		return false;
	if (f->fresh)
		empty_field(f);
	memmove(f->text + f->cur + n, f->text + f->cur, f->len - f->cur + 1);
	memcpy(f->text + f->cur, mb, n);
	f->len += n;
	f->cur += n;
	return true;
}

/* Byte offsets of the character boundaries around i. The text is always
 * valid UTF-8, so skipping continuation bytes finds them. */
static size_t prev_boundary(const struct field *f, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)f->text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static size_t next_boundary(const struct field *f, size_t i)
{
	if (i >= f->len)
		return f->len;
	i++;
	while (i < f->len && ((unsigned char)f->text[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static void cut(struct field *f, size_t from, size_t to)
{
	memmove(f->text + from, f->text + to, f->len - to + 1);
	f->len -= to - from;
	f->cur = from;
}

static bool empty_field(struct field *f)
{
	bool had = f->len > 0;

	f->len = f->cur = 0;
	f->text[0] = '\0';
	f->fresh = false;
	return had;
}

static bool move_to(struct field *f, size_t to)
{
	bool moved = to != f->cur;

	f->fresh = false;
	f->cur = to;
	return moved;
}

bool field_edit(struct field *f, enum field_op op, wint_t key)
{
	switch (op) {
	case FIELD_OP_INSERT:
		return field_insert(f, key);
	case FIELD_OP_BACKSPACE:
		if (f->fresh)
			return empty_field(f);
		if (f->cur == 0)
			return false;
		cut(f, prev_boundary(f, f->cur), f->cur);
		return true;
	case FIELD_OP_DELETE:
		if (f->fresh)
			return empty_field(f);
		if (f->cur == f->len)
			return false;
		cut(f, f->cur, next_boundary(f, f->cur));
		return true;
	case FIELD_OP_LEFT: return move_to(f, prev_boundary(f, f->cur));
	case FIELD_OP_RIGHT: return move_to(f, next_boundary(f, f->cur));
	case FIELD_OP_HOME: return move_to(f, 0);
	case FIELD_OP_END: return move_to(f, f->len);
	case FIELD_OP_CLEAR: return empty_field(f);
	case FIELD_OP_NONE: break;
	}
	return false;
}

/* How the character c is shown and how many columns it takes. */
static int char_width(const struct field *f, uint32_t c, wchar_t *shown)
{
	int cw;

	if (f->ascii && c >= 0x80) {
		*shown = L'?';
		return 1;
	}
	cw = wcwidth((wchar_t)c);
	if (cw < 0) {
		*shown = L'?';
		return 1;
	}
	*shown = (wchar_t)c;
	return cw;
}

/* Width of the character at byte i (1 at the end: the cursor cell). */
static int width_at(const struct field *f, size_t i, size_t *len)
{
	uint32_t c;
	wchar_t shown;

	*len = u8_decode(f->text + i, f->len - i, &c);
	if (*len == 0) {
		*len = 1;
		return 1;
	}
	return char_width(f, c, &shown);
}

int field_cursor_col(const struct field *f)
{
	int col = 0;
	size_t k;

	for (size_t i = 0; i < f->cur; i += k)
		col += width_at(f, i, &k);
	return col;
}

int field_draw(const struct field *f, WINDOW *w, int y, int x, int width, bool focused)
{
	int col = field_cursor_col(f), used = 0, cw;
	size_t start = 0, k;
	uint32_t c;
	wchar_t shown;

	if (width <= 0)
		return x;
	/* Scroll: drop characters on the left until the cursor's cell fits. */
	int curw = f->cur < f->len ? width_at(f, f->cur, &k) : 1;
	while (col + curw > width && start < f->cur) {
		col -= width_at(f, start, &k);
		start += k;
	}
	wmove(w, y, x);
	for (size_t i = start; i < f->len; i += k) {
		k = u8_decode(f->text + i, f->len - i, &c);
		if (k == 0)
			break; /* cannot happen: the text is kept valid */
		cw = char_width(f, c, &shown);
		if (used + cw > width)
			break;
		if (cw == 0 && used == 0)
			continue; /* a combining mark with nothing to sit on */
		wattrset(w, A_UNDERLINE | (focused && (f->fresh || i == f->cur) ? A_REVERSE : 0));
		waddnwstr(w, &shown, 1);
		used += cw;
	}
	for (; used < width; used++) {
		wattrset(w, A_UNDERLINE | (focused && used == col ? A_REVERSE : 0));
		waddch(w, ' ');
	}
	wattrset(w, A_NORMAL);
	if (focused)
		wmove(w, y, x + col);
	return x + col;
}
