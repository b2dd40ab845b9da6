/* cli_gate: one ticket validated at a gate, as text or JSON. */
#include "cli_gate.h"

#include "db.h"
#include "events.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

bool cli_gate_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (n != 2)
		return err_set(e, ERR_USAGE, "validate needs one ticket code: validate TOKEN --gate G");
	o->command = CLI_VALIDATE;
	o->words[0] = w[1];
	o->nwords = 1;
	return true;
}

bool cli_gate_check(const struct cli_options *o, struct err *e)
{
	if (o->command != CLI_VALIDATE)
		return o->gate == NULL || err_set(e, ERR_USAGE, "--gate is for validate");
	if (o->gate == NULL)
		return err_set(e, ERR_USAGE, "validate needs --gate NAME: the door the ticket is scanned at");
	return true;
}

int cli_gate_exit(enum gate_result r)
{
	switch (r) {
	case GATE_ADMITTED: return CLI_EXIT_OK;
	case GATE_ALREADY_USED: return CLI_EXIT_ALREADY_USED;
	case GATE_CANCELLED: return CLI_EXIT_CANCELLED;
	case GATE_WRONG_EVENT: return CLI_EXIT_WRONG_EVENT;
	case GATE_UNKNOWN: break;
	}
	return CLI_EXIT_UNKNOWN;
}

static void line(FILE *out, const char *key, const char *val)
{
	if (val != NULL && val[0] != '\0')
		fprintf(out, "%-10s%s\n", key, val);
}

static void print_text(FILE *out, const struct gate_scan *s, const char *gate)
{
	char seat[600], scanned[600];

	fprintf(out, "%s\n", gate_result_word(s->result));
	if (s->result == GATE_UNKNOWN) {
		fprintf(out, "No ticket has this code: not one of ours, mistyped, or replaced by a "
			"reprint.\n");
		return;
	}
	line(out, "event:", s->event_title);
	line(out, "attendee:", s->attendee);
	line(out, "seat:", gate_seat_text(s, seat, sizeof seat));
	line(out, "tier:", s->tier);
	if (s->scanned_at[0] != '\0') {
		snprintf(scanned, sizeof scanned, "%s at gate %s", s->scanned_at,
			 s->scanned_gate[0] ? s->scanned_gate : gate);
		line(out, s->result == GATE_ADMITTED ? "admitted:" : "scanned:", scanned);
	}
	line(out, "ticket:", s->ticket_id);
}

static void add_text(cJSON *o, const char *key, const char *val)
{
	if (val != NULL && val[0] != '\0')
		cJSON_AddStringToObject(o, key, val);
	else
		cJSON_AddNullToObject(o, key);
}

static bool print_json(FILE *out, const struct gate_scan *s, const char *gate)
{
	cJSON *root = cJSON_CreateObject();
	char *text;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "result", gate_result_word(s->result));
	cJSON_AddStringToObject(root, "gate", gate);
	add_text(root, "ticket_id", s->ticket_id);
	add_text(root, "event", s->event_title);
	add_text(root, "attendee", s->attendee);
	add_text(root, "section", s->section);
	add_text(root, "row", s->row);
	add_text(root, "seat", s->seat);
	add_text(root, "tier", s->tier);
	add_text(root, "scanned_at", s->scanned_at);
	add_text(root, "scanned_gate", s->scanned_gate);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

int cli_gate_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	char event[EVENT_ID_SIZE] = "", gate[GATE_NAME_MAX * 4 + 1];
	struct gate_scan s;
	struct db *db;
	struct err e;
	bool ok;

	err_clear(&e);
	if (!gate_name(o->gate, gate, sizeof gate, &e)) {
		e.code = ERR_USAGE;
		cli_print_error(err_out, &e);
		return CLI_EXIT_USAGE;
	}
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	ok = (o->event == NULL || events_find(db, o->event, false, event, &e)) &&
	     gate_validate(db, o->words[0], gate, event, &s, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (o->json ? !print_json(out, &s, gate) : (print_text(out, &s, gate), false)) {
		err_set(&e, ERR_NOMEM, "Out of memory.");
		cli_print_error(err_out, &e);
		return CLI_EXIT_FAIL;
	}
	return cli_gate_exit(s.result);
}
