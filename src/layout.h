/* layout: ticket layouts, JSON files in assets/layouts/ (cJSON through
 * json_in), read strictly: every error names the key and what was expected
 * ("items[2].size_mm: expected a positive number", "page.width_mm:
 * missing …"), unknown keys are refused, every item must lie on the page,
 * and every text's placeholders are checked here, at load time, not when
 * printing.
 *
 * The file (all lengths in millimetres, origin top left, y down):
 *   { "name": "boca", "page": { "width_mm": 139.7, "height_mm": 50.8 },
 *     "items": [ ITEM, … ] }             (1 to LAYOUT_MAX_ITEMS items)
 * ITEM is one of
 *   { "type": "text", "x_mm", "y_mm", "size_pt", "text",
 *     optional "bold": false, "align": "left"|"center"|"right",
 *     "max_width_mm", "fit": "shrink"|"cut", "min_size_pt" }
 *       The text sits in a box from x_mm to x_mm + max_width_mm (default:
 *       the page's right edge; center and right alignment need it given),
 *       its top at y_mm, one em (size_pt) tall, baseline at 0.8 em.
 *       Too wide: "shrink" (default) lowers the size down to min_size_pt
 *       (default 60% of size_pt), then cuts the text and ends it with "…";
 *       "cut" only cuts. Placeholders: see ticket.h; "{{" is a literal "{".
 *   { "type": "qr", "x_mm", "y_mm", "size_mm" }
 *       top left corner and side of the square, including the 4-module
 *       white quiet zone around the symbol.
 *   { "type": "line", "x1_mm", "y1_mm", "x2_mm", "y2_mm",
 *     optional "width_pt": 0.5, "dash_mm": 0 (0: solid) }
 *   { "type": "box", "x_mm", "y_mm", "w_mm", "h_mm",
 *     optional "width_pt": 0.5, "fill": false }
 * A layout is named by its file name without ".json" ([A-Za-z0-9_.-]). */
#ifndef BOXOFFICE_LAYOUT_H
#define BOXOFFICE_LAYOUT_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define LAYOUT_NAME_SIZE 64
#define LAYOUT_TEXT_SIZE 256   /* a text item's template, bytes with the NUL */
#define LAYOUT_MAX_ITEMS 200
#define LAYOUT_MAX_MM 2000.0   /* largest page side */
#define LAYOUT_MAX_FILE ((size_t)1 << 20)

/* Where a text's baseline sits below its top, and its full height, in ems. */
#define LAYOUT_BASELINE_EM 0.8
#define LAYOUT_MM_PER_PT (25.4 / 72.0)

enum layout_type { LAYOUT_TEXT, LAYOUT_QR, LAYOUT_LINE, LAYOUT_BOX };
enum layout_align { LAYOUT_LEFT, LAYOUT_CENTER, LAYOUT_RIGHT };
enum layout_fit { LAYOUT_SHRINK, LAYOUT_CUT };

struct layout_item {
	enum layout_type type;
	/* text, qr, box: top left corner; line: its start (x1_mm, y1_mm) */
	double x_mm, y_mm;
	/* text: width of its box (max_width_mm, or to the page edge);
	 * qr: w = h = size_mm; box: w_mm, h_mm; line: unused (0) */
	double w_mm, h_mm;
	double x2_mm, y2_mm;          /* line: its end */
	double size_pt, min_size_pt;  /* text */
	double width_pt;              /* line, box: stroke width */
	double dash_mm;               /* line: dash length, 0 = solid */
	bool bold;                    /* text */
	bool fill;                    /* box */
	enum layout_align align;      /* text */
	enum layout_fit fit;          /* text */
	char text[LAYOUT_TEXT_SIZE];  /* text: template, checked */
};

struct layout {
	char name[LAYOUT_NAME_SIZE];
	double width_mm, height_mm;
	size_t n_items;
	struct layout_item items[];
};

/* Parses a layout from json[0..len). Returns a layout the caller owns
 * (layout_free), or NULL with e naming the key and what was expected. */
struct layout *layout_parse(const char *json, size_t len, struct err *e);

/* Reads and parses a layout file; errors start with the file's name. */
struct layout *layout_load_file(const char *path, struct err *e);

/* The file for name_or_path: something with a '/' or ending in ".json" is a
 * path, used as given; otherwise a layout name, found as
 * <assets>/layouts/<name>.json (assets from paths_assetsdir(assets_dir)).
 * assets_dir may be NULL. */
bool layout_path(const char *name_or_path, const char *assets_dir, char *out, size_t size,
		 struct err *e);

/* layout_path() then layout_load_file(). Caller owns the result. */
struct layout *layout_load(const char *name_or_path, const char *assets_dir, struct err *e);

/* Frees *l and sets it to NULL; l or *l may be NULL. */
void layout_free(struct layout **l);

#endif
