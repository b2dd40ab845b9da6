/* field: a one-line text input for the screens' forms (customer name,
 * e-mail, amounts, card references). It holds UTF-8 text up to a limit in
 * bytes, edits it a character at a time (never half a character), and draws
 * itself into any WINDOW *, scrolling sideways when the text is wider than
 * the space it gets. No screen knowledge here: a screen decides which keys
 * reach the field (field_key tells it which keys are editing keys). */
#ifndef BOXOFFICE_FIELD_H
#define BOXOFFICE_FIELD_H

#include "draw.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Room for the longest field plus the NUL; max_bytes is at most
 * FIELD_SIZE - 1. */
#define FIELD_SIZE 256

enum field_mode {
	FIELD_TEXT,   /* any printable character */
	FIELD_AMOUNT, /* only what an amount can hold: digits, '.' and ',' */
};

enum field_op {
	FIELD_OP_NONE,      /* not an editing key */
	FIELD_OP_INSERT,    /* a printable character */
	FIELD_OP_BACKSPACE, /* Backspace, ^H, DEL */
	FIELD_OP_DELETE,    /* Delete, ^D */
	FIELD_OP_LEFT,      /* Left, ^B */
	FIELD_OP_RIGHT,     /* Right, ^F */
	FIELD_OP_HOME,      /* Home, ^A */
	FIELD_OP_END,       /* End, ^E */
	FIELD_OP_CLEAR,     /* ^U: empty the field */
};

struct field {
	char text[FIELD_SIZE]; /* UTF-8, NUL-terminated */
	size_t len;            /* bytes used */
	size_t cur;            /* cursor: a byte offset on a character boundary */
	size_t max;            /* the most bytes the field takes */
	enum field_mode mode;
	bool ascii;  /* the locale is not UTF-8: typing accepts ASCII only and
	              * drawing shows '?' for other characters (as draw.c does) */
	bool fresh;  /* prefilled: the first character typed replaces the text,
	              * Backspace or Delete empties it, a cursor key keeps it */
};

/* An empty field taking up to max_bytes bytes (clamped to FIELD_SIZE - 1). */
void field_init(struct field *f, size_t max_bytes, enum field_mode mode, bool ascii);

/* Replaces the text, cursor at its end. Keeps whole valid UTF-8 characters
 * up to the limit; drops control characters, invalid bytes and (in amount
 * mode) anything an amount cannot hold. fresh: see struct field. text may be
 * NULL (empty). */
void field_set(struct field *f, const char *text, bool fresh);

/* The text (a pointer into f). */
const char *field_text(const struct field *f);

/* Which editing operation a key from wget_wch is, FIELD_OP_NONE if none.
 * is_code: the key is a KEY_* code. */
enum field_op field_key(bool is_code, wint_t key);

/* Applies an operation; key is the character for FIELD_OP_INSERT. Returns
 * false when the field refused it (too long, a character the mode does not
 * take, nothing to delete, the cursor already at that end). */
bool field_edit(struct field *f, enum field_op op, wint_t key);

/* Inserts one character at the cursor (FIELD_OP_INSERT). */
bool field_insert(struct field *f, wint_t wc);

/* Draws the field at (y, x) in exactly width columns, underlined so its
 * extent shows. When focused, the cell under the cursor is drawn reversed
 * (visible even with the terminal's cursor hidden) and the window's cursor
 * is left there. Text wider than width scrolls so the cursor stays in view.
 * Returns the window column of the cursor. */
int field_draw(const struct field *f, WINDOW *w, int y, int x, int width, bool focused);

/* The display width of the text before the cursor. */
int field_cursor_col(const struct field *f);

#endif
