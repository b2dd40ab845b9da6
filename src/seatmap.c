/* seatmap: rows of event_seat_map and venue_sections copied into structs. */
#include "seatmap.h"

#include "strmap.h"
#include "venue.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool nomem(struct err *e)
{
	return err_set(e, ERR_NOMEM, "Out of memory.");
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t nc;
	void *np;

	if (need <= *cap)
		return true;
	nc = *cap < 16 ? 16 : *cap * 2;
	while (nc < need)
		nc *= 2;
	if ((np = realloc(*p, nc * size)) == NULL)
		return false;
	*p = np;
	*cap = nc;
	return true;
}

void seatmap_init(struct seatmap *m)
{
	memset(m, 0, sizeof *m);
}

void seatmap_free(struct seatmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nseats; i++)
		free(m->seats[i].number);
	for (size_t i = 0; i < m->nrows; i++) {
		free(m->rows[i].label);
		free(m->rows[i].seats);
	}
	for (size_t i = 0; i < m->nsections; i++)
		free(m->sections[i].name);
	for (size_t i = 0; i < m->ndecos; i++) {
		free(m->decos[i].points);
		free(m->decos[i].label);
	}
	for (size_t i = 0; i < m->nholders; i++)
		free(m->holders[i]);
	free(m->seats);
	free(m->rows);
	free(m->sections);
	free(m->decos);
	free(m->holders);
	strmap_free(&m->by_id);
	strmap_free(&m->by_row);
	seatmap_init(m);
}

int seatmap_add_section(struct seatmap *m, const char *id, const char *name, bool general,
			int capacity, struct err *e)
{
	struct seatmap_section *s;

	if (!grow((void **)&m->sections, &m->seccap, m->nsections + 1, sizeof *m->sections))
		return nomem(e), -1;
	s = &m->sections[m->nsections];
	memset(s, 0, sizeof *s);
	snprintf(s->id, sizeof s->id, "%s", id != NULL ? id : "");
	if ((s->name = strdup(name != NULL ? name : "")) == NULL)
		return nomem(e), -1;
	s->general = general;
	s->active = true;
	s->capacity = capacity;
	return (int)m->nsections++;
}

static int row_for(struct seatmap *m, int section, const char *label, struct err *e)
{
	char key[256];
	struct seatmap_row *r;
	long got;

	if (m->by_row == NULL && (m->by_row = strmap_new()) == NULL)
		return nomem(e), -1;
	snprintf(key, sizeof key, "%d\x1f%s", section, label);
	if ((got = strmap_get(m->by_row, key)) >= 0)
		return (int)got;
	if (!grow((void **)&m->rows, &m->rowcap, m->nrows + 1, sizeof *m->rows))
		return nomem(e), -1;
	r = &m->rows[m->nrows];
	memset(r, 0, sizeof *r);
	r->section = section;
	if ((r->label = strdup(label)) == NULL || strmap_put(m->by_row, key, (long)m->nrows) < 0) {
		free(r->label);
		return nomem(e), -1;
	}
	return (int)m->nrows++;
}

int seatmap_add_seat(struct seatmap *m, const char *id, int section, const char *row_label,
		     const char *number, double x, double y, bool accessible,
		     enum seat_state state, struct err *e)
{
	struct seatmap_seat *s;
	int row = row_for(m, section, row_label != NULL ? row_label : "", e);

	if (row < 0)
		return -1;
	if (!grow((void **)&m->seats, &m->seatcap, m->nseats + 1, sizeof *m->seats))
		return nomem(e), -1;
	s = &m->seats[m->nseats];
	memset(s, 0, sizeof *s);
	snprintf(s->id, sizeof s->id, "%s", id != NULL ? id : "");
	if ((s->number = strdup(number != NULL ? number : "")) == NULL)
		return nomem(e), -1;
	s->x = x;
	s->y = y;
	s->section = section;
	s->row = row;
	s->holder = -1;
	s->accessible = accessible;
	s->state = state;
	m->rows[row].n++;
	return (int)m->nseats++;
}

int seatmap_natcmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *ea = a, *eb = b;
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (ea = a; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = b; isdigit((unsigned char)*eb); eb++)
				;
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

/* qsort has no context: the seats being sorted are set just before. */
static const struct seatmap_seat *sort_seats;

static int by_number(const void *pa, const void *pb)
{
	const struct seatmap_seat *a = &sort_seats[*(const int *)pa];
	const struct seatmap_seat *b = &sort_seats[*(const int *)pb];
	int c = seatmap_natcmp(a->number, b->number);

	if (c == 0)
		c = strcmp(a->number, b->number);
	return c;
}

static void recount(struct seatmap *m)
{
	for (size_t i = 0; i < m->nsections; i++)
		memset(m->sections[i].count, 0, sizeof m->sections[i].count);
	for (size_t i = 0; i < m->nseats; i++)
		if (m->seats[i].section >= 0 && (size_t)m->seats[i].section < m->nsections)
			m->sections[m->seats[i].section].count[m->seats[i].state]++;
}

static void boxes(struct seatmap *m)
{
	bool *seen = calloc(m->nsections + 1, sizeof *seen);

	m->has_box = false;
	for (size_t i = 0; i < m->nseats; i++) {
		const struct seatmap_seat *s = &m->seats[i];
		struct seatmap_section *sec = &m->sections[s->section];
		if (!m->has_box || s->x < m->min_x) m->min_x = s->x;
		if (!m->has_box || s->y < m->min_y) m->min_y = s->y;
		if (!m->has_box || s->x > m->max_x) m->max_x = s->x;
		if (!m->has_box || s->y > m->max_y) m->max_y = s->y;
		m->has_box = true;
		if (seen == NULL)
			continue;
		if (!seen[s->section] || s->x < sec->min_x) sec->min_x = s->x;
		if (!seen[s->section] || s->y < sec->min_y) sec->min_y = s->y;
		if (!seen[s->section] || s->x > sec->max_x) sec->max_x = s->x;
		if (!seen[s->section] || s->y > sec->max_y) sec->max_y = s->y;
		seen[s->section] = true;
	}
	free(seen);
}

bool seatmap_finish(struct seatmap *m, struct err *e)
{
	int *fill;

	for (size_t r = 0; r < m->nrows; r++) {
		free(m->rows[r].seats);
		m->rows[r].seats = malloc(((size_t)m->rows[r].n + 1) * sizeof(int));
		if (m->rows[r].seats == NULL)
			return nomem(e);
	}
	if ((fill = calloc(m->nrows + 1, sizeof *fill)) == NULL)
		return nomem(e);
	strmap_free(&m->by_id);
	if ((m->by_id = strmap_new()) == NULL) {
		free(fill);
		return nomem(e);
	}
	for (size_t i = 0; i < m->nseats; i++) {
		int r = m->seats[i].row;
		m->rows[r].seats[fill[r]++] = (int)i;
		if (strmap_put(m->by_id, m->seats[i].id, (long)i) == -2) {
			free(fill);
			return nomem(e);
		}
	}
	free(fill);
	sort_seats = m->seats;
	for (size_t r = 0; r < m->nrows; r++) {
		qsort(m->rows[r].seats, (size_t)m->rows[r].n, sizeof(int), by_number);
		for (int k = 0; k < m->rows[r].n; k++)
			m->seats[m->rows[r].seats[k]].pos = k;
	}
	boxes(m);
	recount(m);
	return true;
}

/* ---- states ---- */

enum seat_state seatmap_state_of(const char *status, const char *hold_id, const char *my_hold)
{
	if (status == NULL || strcmp(status, "AVAILABLE") == 0)
		return SEAT_FREE;
	if (strcmp(status, "SOLD") == 0)
		return SEAT_SOLD;
	if (strcmp(status, "KILLED") == 0)
		return SEAT_KILLED;
	if (strcmp(status, "HELD") == 0) {
		/* event_seat_map reads an expired hold as AVAILABLE already, and shows a
		 * hold's id only to its own clerk: no id is another clerk's hold */
		if (hold_id != NULL && my_hold != NULL && my_hold[0] != '\0' &&
		    strcasecmp(hold_id, my_hold) == 0)
			return SEAT_MINE;
		return SEAT_HELD;
	}
	return SEAT_KILLED; /* unknown: never offer it */
}

static int holder_index(struct seatmap *m, const char *who)
{
	char **nh;

	for (size_t i = 0; i < m->nholders; i++)
		if (strcmp(m->holders[i], who) == 0)
			return (int)i;
	if ((nh = realloc(m->holders, (m->nholders + 1) * sizeof *nh)) == NULL)
		return -2;
	m->holders = nh;
	if ((nh[m->nholders] = strdup(who)) == NULL)
		return -2;
	return (int)m->nholders++;
}

bool seatmap_set_state(struct seatmap *m, int seat, enum seat_state st, const char *held_by)
{
	struct seatmap_seat *s;
	int h = -1;

	if (seat < 0 || (size_t)seat >= m->nseats)
		return true;
	s = &m->seats[seat];
	if (st == SEAT_HELD && held_by != NULL && held_by[0] != '\0' &&
	    (h = holder_index(m, held_by)) == -2)
		return false;
	if (s->section >= 0 && (size_t)s->section < m->nsections) {
		m->sections[s->section].count[s->state]--;
		m->sections[s->section].count[st]++;
	}
	s->state = st;
	s->holder = h;
	return true;
}

const char *seatmap_holder(const struct seatmap *m, int seat)
{
	if (seat < 0 || (size_t)seat >= m->nseats || m->seats[seat].holder < 0)
		return NULL;
	return m->holders[m->seats[seat].holder];
}

int seatmap_find_id(const struct seatmap *m, const char *id)
{
	return m->by_id != NULL ? (int)strmap_get(m->by_id, id) : -1;
}

const char *seatmap_state_name(enum seat_state st)
{
	static const char *const names[] = { "yours", "available", "held", "sold",
					     "not for sale" };
	return (unsigned)st < SEAT_NSTATES ? names[st] : "?";
}

/* ---- loading ---- */

struct load {
	struct seatmap *m;
	const char *my_hold;
	bool refresh;
};

static double num(const char *v)
{
	return v != NULL ? strtod(v, NULL) : 0;
}

static int section_by_id(const struct seatmap *m, const char *id)
{
	for (size_t i = 0; i < m->nsections; i++)
		if (strcmp(m->sections[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* section_id, name, type, capacity, seats, min_x, min_y, max_x, max_y,
 * is_active, event capacity, sold, held */
static bool section_row(void *ctx, int nc, const char *const *v, struct err *e)
{
	struct load *l = ctx;
	int i;

	if (nc != 13 || v[0] == NULL)
		return err_set(e, ERR_DB, "The section list from the database has an unexpected shape.");
	i = seatmap_add_section(l->m, v[0], v[1], v[2] != NULL && strcmp(v[2], "GENERAL") == 0,
				(int)num(v[3]), e);
	if (i < 0)
		return false;
	struct seatmap_section *s = &l->m->sections[i];
	s->seats = (int)num(v[4]);
	/* No event_sections row: the section is not part of this event. */
	s->active = v[9] != NULL && strcmp(v[9], "t") == 0;
	if (v[10] != NULL)
		s->capacity = (int)num(v[10]);
	s->sold = (int)num(v[11]);
	s->held = (int)num(v[12]);
	return true;
}

/* kind, shape, geometry::text, label */
static double jnum(const cJSON *o, const char *key)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(it) ? it->valuedouble : 0;
}

static bool deco_points(struct seatmap_deco *d, const cJSON *pts)
{
	int n = cJSON_GetArraySize(pts), k = 0;
	const cJSON *p;

	if (n <= 0)
		return true;
	if ((d->points = calloc((size_t)n * 2, sizeof(double))) == NULL)
		return false;
	cJSON_ArrayForEach(p, pts) {
		if (cJSON_IsArray(p) && cJSON_GetArraySize(p) >= 2) {
			d->points[2 * k] = cJSON_GetArrayItem(p, 0)->valuedouble;
			d->points[2 * k + 1] = cJSON_GetArrayItem(p, 1)->valuedouble;
			k++;
		}
	}
	d->npoints = k;
	return true;
}

static bool deco_row(void *ctx, int nc, const char *const *v, struct err *e)
{
	struct seatmap *m = ((struct load *)ctx)->m;
	struct seatmap_deco *d;
	cJSON *g;

	if (nc != 4 || v[0] == NULL)
		return err_set(e, ERR_DB, "The decorations from the database have an unexpected shape.");
	if (!grow((void **)&m->decos, &m->decocap, m->ndecos + 1, sizeof *m->decos))
		return nomem(e);
	d = &m->decos[m->ndecos++];
	memset(d, 0, sizeof *d);
	d->kind = strcmp(v[0], "stage") == 0 ? SEATMAP_DECO_STAGE
		  : strcmp(v[0], "text") == 0 ? SEATMAP_DECO_TEXT : SEATMAP_DECO_SHAPE;
	d->shape = v[1] == NULL ? SEATMAP_SHAPE_NONE
		   : strcmp(v[1], "rectangle") == 0 ? SEATMAP_SHAPE_RECT
		   : strcmp(v[1], "circle") == 0 ? SEATMAP_SHAPE_CIRCLE
		   : strcmp(v[1], "ellipse") == 0 ? SEATMAP_SHAPE_ELLIPSE
		   : strcmp(v[1], "polygon") == 0 ? SEATMAP_SHAPE_POLYGON : SEATMAP_SHAPE_NONE;
	if (v[3] != NULL && (d->label = strdup(v[3])) == NULL)
		return nomem(e);
	if (v[2] == NULL || (g = cJSON_Parse(v[2])) == NULL)
		return true; /* a decoration we cannot read is not worth failing the map */
	d->x = jnum(g, "x");
	d->y = jnum(g, "y");
	d->width = jnum(g, "width");
	d->height = jnum(g, "height");
	d->radius = jnum(g, "radius");
	d->rx = jnum(g, "rx");
	d->ry = jnum(g, "ry");
	d->rotation = jnum(g, "rotation");
	bool ok = deco_points(d, cJSON_GetObjectItemCaseSensitive(g, "points"));
	cJSON_Delete(g);
	return ok ? true : nomem(e);
}

/* seat_id, section_id, row_label, number_label, x, y, is_accessible,
 * status, hold_id, held_by, hold_expires_at */
static bool seat_row(void *ctx, int nc, const char *const *v, struct err *e)
{
	struct load *l = ctx;
	enum seat_state st;
	int sec, i;

	if (nc != 11 || v[0] == NULL || v[1] == NULL)
		return err_set(e, ERR_DB, "The seat map from the database has an unexpected shape.");
	st = seatmap_state_of(v[7], v[8], l->my_hold);
	if (l->refresh) {
		if ((i = seatmap_find_id(l->m, v[0])) < 0)
			return true; /* a seat that appeared since: the next load shows it */
		return seatmap_set_state(l->m, i, st, v[9]) ? true : nomem(e);
	}
	if ((sec = section_by_id(l->m, v[1])) < 0)
		return err_set(e, ERR_DB, "A seat belongs to a section the venue does not list.");
	i = seatmap_add_seat(l->m, v[0], sec, v[2], v[3], num(v[4]), num(v[5]),
			     v[6] != NULL && strcmp(v[6], "t") == 0, SEAT_FREE, e);
	if (i < 0)
		return false;
	l->m->seats[i].state = st;
	if (st == SEAT_HELD && v[9] != NULL && (l->m->seats[i].holder = holder_index(l->m, v[9])) == -2)
		return nomem(e);
	return true;
}

static const char *const sql_venue = "SELECT venue_id FROM events WHERE id = $1";
static const char *const sql_sections =
	"SELECT vs.section_id, vs.name, vs.type, vs.capacity, vs.seats, vs.min_x, vs.min_y, "
	"vs.max_x, vs.max_y, es.is_active, es.capacity, es.sold, es.held "
	"FROM venue_sections($1) vs "
	"LEFT JOIN event_sections es ON es.section_id = vs.section_id AND es.event_id = $2 "
	"ORDER BY vs.sort_order, vs.name";
static const char *const sql_decos =
	"SELECT kind, shape, geometry::text, label FROM venue_decorations "
	"WHERE venue_id = $1 ORDER BY sort_order";
static const char *const sql_seats = "SELECT * FROM event_seat_map($1, $2)";

bool seatmap_load(struct db *db, const char *event_id, const char *section_id,
		  const char *my_hold, struct seatmap *out, struct err *e)
{
	struct load l = { out, my_hold, false };
	const char *p1[1] = { event_id };
	const char *p2[2];
	bool whole = section_id == NULL || section_id[0] == '\0';

	seatmap_init(out);
	snprintf(out->event_id, sizeof out->event_id, "%s", event_id);
	snprintf(out->section_id, sizeof out->section_id, "%s", whole ? "" : section_id);
	if (!db_query_text(db, sql_venue, 1, p1, out->venue_id, sizeof out->venue_id, e))
		goto fail;
	p2[0] = out->venue_id;
	p2[1] = event_id;
	if (!db_query(db, sql_sections, 2, p2, section_row, &l, e))
		goto fail;
	p1[0] = out->venue_id;
	if (!db_query(db, sql_decos, 1, p1, deco_row, &l, e))
		goto fail;
	p2[0] = event_id;
	p2[1] = whole ? NULL : section_id;
	if (!db_query(db, sql_seats, 2, p2, seat_row, &l, e) || !seatmap_finish(out, e))
		goto fail;
	return true;
fail:
	seatmap_free(out);
	return false;
}

/* section_id, is_active, capacity, sold, held: the event's live counters */
static bool counter_row(void *ctx, int nc, const char *const *v, struct err *e)
{
	struct seatmap *m = ctx;
	int i;

	if (nc != 5 || v[0] == NULL)
		return err_set(e, ERR_DB, "The section counters from the database have an unexpected shape.");
	if ((i = section_by_id(m, v[0])) < 0)
		return true; /* a section added since: the next load shows it */
	m->sections[i].active = v[1] != NULL && strcmp(v[1], "t") == 0;
	if (v[2] != NULL)
		m->sections[i].capacity = (int)num(v[2]);
	m->sections[i].sold = (int)num(v[3]);
	m->sections[i].held = (int)num(v[4]);
	return true;
}

static const char *const sql_counters =
	"SELECT section_id, is_active, capacity, sold, held FROM event_sections WHERE event_id = $1";

bool seatmap_refresh(struct db *db, struct seatmap *m, const char *my_hold, struct err *e)
{
	struct load l = { m, my_hold, true };
	const char *p2[2] = { m->event_id, m->section_id[0] != '\0' ? m->section_id : NULL };

	if (!db_query(db, sql_seats, 2, p2, seat_row, &l, e))
		return false;
	recount(m);
	/* GA places (and capacity overrides) change with orders, not seats. */
	return db_query(db, sql_counters, 1, p2, counter_row, m, e);
}

bool seatmap_from_venue(const struct venue *v, struct seatmap *out, struct err *e)
{
	char id[32];
	size_t k = 0;

	seatmap_init(out);
	for (size_t si = 0; si < v->nsections; si++) {
		const struct venue_section *vs = &v->sections[si];
		snprintf(id, sizeof id, "SEC%zu", si);
		int sec = seatmap_add_section(out, id, vs->name, vs->type == VENUE_GENERAL,
					      (int)vs->capacity, e);
		if (sec < 0)
			goto fail;
		for (size_t r = 0; r < vs->nrows; r++)
			for (size_t i = 0; i < vs->rows[r].nseats; i++) {
				const struct venue_seat *st = &vs->rows[r].seats[i];
				snprintf(id, sizeof id, "S%zu", k++);
				if (seatmap_add_seat(out, id, sec, vs->rows[r].label, st->number,
						     (double)st->x / 100, (double)st->y / 100,
						     st->accessible, SEAT_FREE, e) < 0)
					goto fail;
			}
	}
	for (size_t i = 0; i < v->ndecorations; i++) {
		const struct venue_decoration *vd = &v->decorations[i];
		struct seatmap_deco *d;
		if (!grow((void **)&out->decos, &out->decocap, out->ndecos + 1, sizeof *out->decos)) {
			nomem(e);
			goto fail;
		}
		d = &out->decos[out->ndecos++];
		memset(d, 0, sizeof *d);
		d->kind = (enum seatmap_deco_kind)vd->kind;
		d->shape = (enum seatmap_shape)vd->shape;
		d->x = vd->x / 100.0;
		d->y = vd->y / 100.0;
		d->width = vd->width / 100.0;
		d->height = vd->height / 100.0;
		d->radius = vd->radius / 100.0;
		d->rx = vd->rx / 100.0;
		d->ry = vd->ry / 100.0;
		d->rotation = vd->rotation / 100.0;
		if ((vd->text != NULL && (d->label = strdup(vd->text)) == NULL) ||
		    (vd->npoints > 0 &&
		     (d->points = malloc(vd->npoints * 2 * sizeof(double))) == NULL)) {
			nomem(e);
			goto fail;
		}
		for (size_t k = 0; k < vd->npoints * 2 && d->points != NULL; k++)
			d->points[k] = vd->points[k] / 100.0;
		d->npoints = (int)vd->npoints;
	}
	if (!seatmap_finish(out, e))
		goto fail;
	for (size_t i = 0; i < out->nsections; i++)
		if (!out->sections[i].general)
			out->sections[i].seats = out->sections[i].capacity =
				out->sections[i].count[SEAT_FREE];
	return true;
fail:
	seatmap_free(out);
	return false;
}

/* ---- labels ---- */

char *seatmap_seat_name(const struct seatmap *m, int seat, char *buf, size_t size)
{
	const struct seatmap_seat *s;

	if (seat < 0 || (size_t)seat >= m->nseats) {
		snprintf(buf, size, "?");
		return buf;
	}
	s = &m->seats[seat];
	snprintf(buf, size, "%s row %s seat %s", m->sections[s->section].name,
		 m->rows[s->row].label, s->number);
	return buf;
}

static int seat_in_row(const struct seatmap *m, int row, const char *number, size_t len)
{
	const struct seatmap_row *r = &m->rows[row];

	for (int k = 0; k < r->n; k++) {
		const char *n = m->seats[r->seats[k]].number;
		if (strlen(n) == len && strncasecmp(n, number, len) == 0)
			return r->seats[k];
	}
	return -1;
}

struct lookup {
	int found[2];       /* first two matches */
	int nfound;
	int best_row;       /* longest row label that matched as a prefix */
	size_t best_len;
};

/* Tries "row label" + optional ' ' or ':' + "number" for every row. When
 * the text has a separator, the label must end right at it ("1:12" is row
 * 1, never row "1:1"); without one every split is tried. */
static void lookup_all(const struct seatmap *m, int section, const char *t, size_t len,
		       struct lookup *lk)
{
	bool sep = memchr(t, ':', len) != NULL || memchr(t, ' ', len) != NULL;

	memset(lk, 0, sizeof *lk);
	lk->best_row = -1;
	for (size_t r = 0; r < m->nrows; r++) {
		const struct seatmap_row *row = &m->rows[r];
		size_t ll = strlen(row->label), k = ll;
		if ((section >= 0 && row->section != section) || ll == 0 || ll >= len ||
		    strncasecmp(row->label, t, ll) != 0)
			continue;
		if (sep && t[k] != ':' && t[k] != ' ')
			continue;
		if (ll > lk->best_len) {
			lk->best_len = ll;
			lk->best_row = (int)r;
		}
		while (k < len && (t[k] == ' ' || (k == ll && t[k] == ':')))
			k++;
		int s = k < len ? seat_in_row(m, (int)r, t + k, len - k) : -1;
		if (s < 0)
			continue;
		if (lk->nfound < 2)
			lk->found[lk->nfound] = s;
		lk->nfound++;
	}
}

static int find_n(const struct seatmap *m, int section, const char *t, size_t len,
		  struct err *e)
{
	struct lookup lk;
	char a[128], b[128];

	while (len > 0 && t[0] == ' ')
		t++, len--;
	while (len > 0 && t[len - 1] == ' ')
		len--;
	if (len == 0)
		return err_set(e, ERR_INPUT, "Type a seat as row and number, like A12."), -1;
	lookup_all(m, section, t, len, &lk);
	if (lk.nfound == 1)
		return lk.found[0];
	if (lk.nfound > 1) {
		seatmap_seat_name(m, lk.found[0], a, sizeof a);
		seatmap_seat_name(m, lk.found[1], b, sizeof b);
		err_set(e, ERR_INPUT, "\"%.*s\" could be %s or %s; write the row, a colon and the "
			"number (like A:12)%s.", (int)len, t, a, b,
			m->seats[lk.found[0]].section != m->seats[lk.found[1]].section
				? ", in the section's own map" : "");
		return -1;
	}
	if (lk.best_row >= 0) {
		const struct seatmap_row *r = &m->rows[lk.best_row];
		size_t k = lk.best_len;
		if (k < len && (t[k] == ':' || t[k] == ' '))
			k++;
		err_set(e, ERR_INPUT, "Row %s of %s has no seat %.*s.", r->label,
			m->sections[r->section].name, (int)(len - k), t + k);
		return -1;
	}
	size_t rl = 0;
	while (rl < len && !isdigit((unsigned char)t[rl]) && t[rl] != ':' && t[rl] != ' ')
		rl++;
	if (rl == 0)
		rl = len;
	if (section >= 0)
		err_set(e, ERR_INPUT, "There is no row %.*s in %s.", (int)rl, t,
			m->sections[section].name);
	else
		err_set(e, ERR_INPUT, "There is no row %.*s.", (int)rl, t);
	return -1;
}

int seatmap_find_label(const struct seatmap *m, int section, const char *text, struct err *e)
{
	return find_n(m, section, text, strlen(text), e);
}

/* One range part: "A12", "A12-A15" or "A12-15" into [*lo, *hi] of a row. */
static bool range_part(const struct seatmap *m, int section, const char *t, size_t len,
		       int *first, int *last, struct err *e)
{
	struct err first_err, tmp;
	int l, r;

	if ((l = find_n(m, section, t, len, &first_err)) >= 0) {
		*first = *last = l;
		return true;
	}
	for (size_t p = 1; p + 1 < len; p++) {
		if (t[p] != '-')
			continue;
		if ((l = find_n(m, section, t, p, &tmp)) < 0) {
			first_err = tmp;
			continue;
		}
		const struct seatmap_seat *ls = &m->seats[l];
		size_t k = p + 1;
		while (k < len && t[k] == ' ')
			k++;
		if ((r = find_n(m, ls->section, t + k, len - k, &tmp)) < 0) {
			/* "A12-15": the number alone, in the first seat's row. */
			size_t n = len - k;
			while (n > 0 && t[k + n - 1] == ' ')
				n--;
			if ((r = seat_in_row(m, ls->row, t + k, n)) < 0) {
				first_err = tmp;
				continue;
			}
		}
		if (m->seats[r].row != ls->row) {
			char a[128], b[128];
			return err_set(e, ERR_INPUT, "%s and %s are in different rows; a range "
				       "stays within one row.", seatmap_seat_name(m, l, a, sizeof a),
				       seatmap_seat_name(m, r, b, sizeof b));
		}
		*first = l;
		*last = r;
		return true;
	}
	*e = first_err;
	return false;
}

bool seatmap_parse_range(const struct seatmap *m, int section, const char *text, int **out,
			 size_t *n, struct err *e)
{
	unsigned char *seen = calloc(m->nseats + 1, 1);
	int *ids = NULL;
	size_t cnt = 0, cap = 0;
	const char *p = text;

	*out = NULL;
	*n = 0;
	if (seen == NULL)
		return nomem(e);
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
		int a, b;
		if (!range_part(m, section, p, len, &a, &b, e))
			goto fail;
		const struct seatmap_row *row = &m->rows[m->seats[a].row];
		int lo = m->seats[a].pos, hi = m->seats[b].pos;
		if (lo > hi) {
			int t = lo;
			lo = hi;
			hi = t;
		}
		for (int k = lo; k <= hi; k++) {
			int s = row->seats[k];
			if (seen[s])
				continue;
			if (!grow((void **)&ids, &cap, cnt + 1, sizeof *ids)) {
				nomem(e);
				goto fail;
			}
			seen[s] = 1;
			ids[cnt++] = s;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	free(seen);
	*out = ids;
	*n = cnt;
	return true;
fail:
	free(seen);
	free(ids);
	return false;
}
