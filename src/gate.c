/* gate: one scan through validate_ticket(), the answer in plain structs. */
#include "gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTC, whatever the session's TimeZone */
#define UTC(x) "to_char((" x ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char *const words[GATE_RESULTS] = {
	"ADMITTED", "ALREADY_USED", "CANCELLED", "WRONG_EVENT", "UNKNOWN",
};
static const char *const titles[GATE_RESULTS] = {
	"ADMITTED", "ALREADY SCANNED", "CANCELLED", "WRONG EVENT", "UNKNOWN",
};

const char *gate_result_word(enum gate_result r)
{
	return (unsigned)r < GATE_RESULTS ? words[r] : "UNKNOWN";
}

const char *gate_result_title(enum gate_result r)
{
	return (unsigned)r < GATE_RESULTS ? titles[r] : "UNKNOWN";
}

bool gate_result_parse(const char *word, enum gate_result *r)
{
	for (int i = 0; word != NULL && i < GATE_RESULTS; i++)
		if (strcmp(word, words[i]) == 0) {
			*r = (enum gate_result)i;
			return true;
		}
	return false;
}

bool gate_normalize(const char *in, char *out, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return false;
	out[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)(in != NULL ? in : ""); *p; p++) {
		unsigned char c = *p;
		if (c <= ' ' || c == 0x7f)
			continue; /* blanks, CR, LF, tabs: what scanners add around a code */
		if (n + 1 >= size) {
			out[0] = '\0';
			return false;
		}
		out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	out[n] = '\0';
	return n > 0;
}

bool gate_name(const char *in, char *out, size_t size, struct err *e)
{
	const char *s = in != NULL ? in : "", *t;
	size_t chars = 0, n;

	while (*s == ' ' || *s == '\t')
		s++;
	t = s + strlen(s);
	while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
		t--;
	n = (size_t)(t - s);
	if (n == 0)
		return err_set(e, ERR_INPUT, "Name the gate (for example North or Door 2).");
	for (const char *p = s; p < t; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return err_set(e, ERR_INPUT, "A gate's name is one line of text.");
		if (((unsigned char)*p & 0xC0) != 0x80)
			chars++;
	}
	if (chars > GATE_NAME_MAX || n >= size)
		return err_set(e, ERR_INPUT, "A gate's name has at most %d characters.", GATE_NAME_MAX);
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

char *gate_seat_text(const struct gate_scan *s, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (s->section[0] == '\0')
		buf[0] = '\0';
	else if (s->row[0] == '\0' && s->seat[0] == '\0')
		snprintf(buf, size, "%s (standing)", s->section);
	else
		snprintf(buf, size, "%s, row %s, seat %s", s->section, s->row, s->seat);
	return buf;
}

char *gate_time_text(const char *utc, time_t now, char *buf, size_t size)
{
	struct tm tm, today;
	time_t t;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	memset(&tm, 0, sizeof tm);
	if (utc == NULL || sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return buf;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1 || localtime_r(&t, &tm) == NULL ||
	    localtime_r(&now, &today) == NULL)
		return buf;
	if (strftime(buf, size, tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday
			   ? "%H:%M:%S" : "%a %d %b %H:%M", &tm) == 0)
		buf[0] = '\0';
	return buf;
}

/* Printable ASCII only: anything else was never one of our tokens. */
static bool could_be_token(const char *t)
{
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		if (*p < ' ' || *p > '~')
			return false;
	return true;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

struct answer {
	struct gate_scan *out;
	int rows;
};

static bool answer_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct answer *a = ctx;
	struct gate_scan *s = a->out;

	if (ncols != 10 || a->rows++ > 0 || !gate_result_parse(v[0], &s->result))
		return err_set(e, ERR_DB, "The gate's answer from the database has an unexpected shape.");
	copy(s->ticket_id, sizeof s->ticket_id, v[1]);
	copy(s->event_title, sizeof s->event_title, v[2]);
	copy(s->attendee, sizeof s->attendee, v[3]);
	copy(s->section, sizeof s->section, v[4]);
	copy(s->row, sizeof s->row, v[5]);
	copy(s->seat, sizeof s->seat, v[6]);
	copy(s->tier, sizeof s->tier, v[7]);
	copy(s->scanned_at, sizeof s->scanned_at, v[8]);
	copy(s->scanned_gate, sizeof s->scanned_gate, v[9]);
	return true;
}

bool gate_validate(struct db *db, const char *token, const char *gate, const char *event_id,
		   struct gate_scan *out, struct err *e)
{
	char t[GATE_TOKEN_MAX + 1], g[sizeof out->scanned_gate];
	struct answer a = { out, 0 };
	bool blank = true;

	memset(out, 0, sizeof *out);
	out->result = GATE_UNKNOWN;
	err_clear(e);
	if (!gate_name(gate, g, sizeof g, e))
		return false;
	for (const unsigned char *p = (const unsigned char *)(token != NULL ? token : ""); *p; p++)
		if (*p > ' ' && *p != 0x7f)
			blank = false;
	if (blank)
		return err_set(e, ERR_INPUT, "Nothing was scanned.");
	if (!gate_normalize(token, t, sizeof t) || !could_be_token(t))
		return true; /* longer than any code, or bytes no code has: not a ticket */
	const char *params[] = { t, g, event_id != NULL && event_id[0] != '\0' ? event_id : NULL };
	if (!db_query(db, "SELECT v.result, v.ticket_id, v.event_title, v.attendee_name, v.section_name, "
		      "v.row_label, v.number_label, v.tier_name, " UTC("v.scanned_at") ", v.scanned_gate "
		      "FROM validate_ticket($1, $2, $3::uuid) v", 3, params, answer_row, &a, e))
		return false;
	if (a.rows != 1)
		return err_set(e, ERR_DB, "The gate's answer from the database has an unexpected shape.");
	return true;
}

bool gate_admitted_count(struct db *db, const char *gate, const char *event_id, int *n,
			 struct err *e)
{
	const char *params[] = { gate, event_id };
	char buf[32];

	*n = 0;
	if (!db_query_text(db, "SELECT count(*) FROM ticket_validations v JOIN tickets t ON t.id = v.ticket_id "
			   "WHERE v.gate = $1 AND v.result = 'ADMITTED' AND t.event_id = $2::uuid",
			   2, params, buf, sizeof buf, e))
		return false;
	*n = atoi(buf);
	return true;
}
