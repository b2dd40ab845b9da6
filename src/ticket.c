/* ticket: placeholder checking and expansion for layout texts. */
#include "ticket.h"

#include "money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum ph { PH_EVENT, PH_DATE, PH_TIME, PH_VENUE, PH_SECTION, PH_ROW, PH_SEAT, PH_TIER,
	  PH_PRICE, PH_ORDER, PH_CUSTOMER, PH_TICKET, PH_PLACE, PH_COUNT };

static const char *const ph_names[PH_COUNT] = {
	"event", "date", "time", "venue", "section", "row", "seat", "tier",
	"price", "order", "customer", "ticket", "place",
};

size_t ticket_utf8_cut(const char *s, size_t len)
{
	size_t j = len, need;
	unsigned char c;

	/* back over at most three continuation bytes to the last lead byte */
	while (j > 0 && len - j < 4 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j--;
	if (j == 0)
		return 0;
	c = (unsigned char)s[j - 1];
	if (c < 0x80)
		return len == j ? len : j; /* stray continuation bytes after ASCII */
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return (j - 1) + need <= len ? len : j - 1;
}

char *ticket_copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (size == 0)
		return dst;
	if (src == NULL)
		src = "";
	n = strnlen(src, size);
	if (n >= size)
		n = ticket_utf8_cut(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return dst;
}

void ticket_order_ref(const char *order_id, char out[TICKET_ORDER_SIZE])
{
	size_t i;

	for (i = 0; i < TICKET_ORDER_SIZE - 1 && order_id != NULL && order_id[i] != '\0'; i++)
		out[i] = (char)toupper((unsigned char)order_id[i]);
	out[i] = '\0';
}

/* The output of an expansion: appends cut at the end, then trimmed to a
 * character boundary once. */
struct out {
	char *buf;
	size_t size, len;
	bool cut;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->buf == NULL || o->cut)
		return;
	if (o->len + n >= o->size) {
		n = o->size - 1 - o->len;
		o->cut = true;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void put_value(struct out *o, enum ph ph, const struct ticket_print *t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char buf[200];
	const char *s = buf;
	struct tm tm;

	buf[0] = '\0';
	if ((ph == PH_DATE || ph == PH_TIME) && localtime_r(&t->start, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	switch (ph) {
	case PH_EVENT: s = t->event; break;
	case PH_VENUE: s = t->venue; break;
	case PH_SECTION: s = t->section; break;
	case PH_TIER: s = t->tier; break;
	case PH_CUSTOMER: s = t->customer; break;
	case PH_ORDER: s = t->order; break;
	case PH_ROW: s = t->general ? "" : t->row; break;
	case PH_SEAT: s = t->general ? "General admission" : t->seat; break;
	case PH_PRICE: money_show(t->price, buf, sizeof buf); break;
	case PH_TICKET: ticket_order_ref(t->ticket_id, buf); break;
	case PH_PLACE:
		if (t->general)
			s = "General admission";
		else
			snprintf(buf, sizeof buf, "Row %s, Seat %s", t->row, t->seat);
		break;
	case PH_DATE:
		snprintf(buf, sizeof buf, "%s %d %s %d", days[tm.tm_wday % 7], tm.tm_mday,
			 months[tm.tm_mon % 12], tm.tm_year + 1900);
		break;
	case PH_TIME:
		snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
		break;
	case PH_COUNT: break;
	}
	put(o, s, strlen(s));
}

static const char *known_list(void)
{
	return "event, date, time, venue, section, row, seat, tier, price, order, customer, ticket, place";
}

/* One pass for both checking (t NULL) and expanding. */
static bool scan(const char *tmpl, const char *where, const struct ticket_print *t,
		 struct out *o, struct err *e)
{
	const char *p = tmpl;

	while (*p != '\0') {
		const char *close;
		size_t n;
		int ph;

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			put(o, p, 1);
			p += 2;
			continue;
		}
		if (p[0] != '{') {
			n = strcspn(p, "{}");
			if (n == 0)
				n = 1; /* a lone '}' is itself */
			put(o, p, n);
			p += n;
			continue;
		}
		close = strchr(p + 1, '}');
		if (close == NULL)
			return err_set(e, ERR_INPUT,
				       "%s: \"{\" is not closed (write {{ for a literal brace)", where);
		n = (size_t)(close - p - 1);
		for (ph = 0; ph < PH_COUNT; ph++)
			if (strlen(ph_names[ph]) == n && memcmp(ph_names[ph], p + 1, n) == 0)
				break;
		if (ph == PH_COUNT)
			return err_set(e, ERR_INPUT, "%s: unknown placeholder {%.*s} (known: %s)", where,
				       (int)(n > 40 ? 40 : n), p + 1, known_list());
		if (t != NULL)
			put_value(o, (enum ph)ph, t);
		p = close + 1;
	}
	return true;
}

bool ticket_template_check(const char *tmpl, const char *where, struct err *e)
{
	struct out o = { 0 };

	return scan(tmpl, where, NULL, &o, e);
}

bool ticket_expand(const char *tmpl, const struct ticket_print *t, char *out, size_t size,
		   struct err *e)
{
	struct out o = { out, size, 0, false };
	bool ok;

	if (size == 0)
		return err_set(e, ERR_INPUT, "No room for the ticket text.");
	ok = scan(tmpl, "text", t, &o, e);
	if (o.cut)
		o.len = ticket_utf8_cut(out, o.len);
	out[o.len] = '\0';
	return ok;
}
