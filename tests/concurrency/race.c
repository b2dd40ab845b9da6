/* race: N real connections, one login each, racing on the sale functions.
 *
 *   race SCENARIO --event UUID [--clients N] [--seconds S] [--attempts M]
 *        [--login-prefix race_] [--password-prefix pw_] [--dbname DB] [--held-out FILE]
 *        [--tokens FILE] [--latency-dir DIR]
 *
 * SCENARIO: same-seat | best-available | ga | holds | gate | gate-spread (what each
 * checks: tests/concurrency/run.sh). The gate scenarios validate ticket codes read
 * from --tokens (one a line) with validate_ticket(code, "Gate NN", event), client i
 * being gate NN: in `gate` every client scans every code in the same order, so each
 * ticket is scanned by all of them at the same moment (successes = ADMITTED,
 * conflicts = ALREADY_USED); in `gate-spread` client i scans codes i, i+N, … (a door
 * where each scan is another ticket; at most --attempts each), the bench's case.
 * Client i (1-based) logs in as <login-prefix><i, two digits> with the password
 * <password-prefix><login>; host and port come from libpq's environment (PGHOST, PGPORT).
 * The parent reads the event's tiers and seat map once as client 1, forks the
 * children, waits until every one has connected, then releases them together by
 * closing the pipe they all block reading. Each child sends its counts back over its
 * own pipe; the parent prints the totals as key=value lines on stdout:
 *   scenario clients connected attempts successes places conflicts soldout elapsed_ms
 *   sqlstate.<CODE>=<count>   message.<CODE>=<step xN, ...>: <first message seen>
 * and, for `holds`, writes one line "child,login,hold_id,seat_id" per seat a
 * successful child holds to --held-out. Judging the figures is the caller's job.
 *
 * A test tool, not product code: it includes libpq-fe.h itself. Every statement is
 * sent with PQexecParams; no SQL text is ever built from values.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLIENTS 64
#define MAX_SEATS 4096
#define MAX_STATES 12
#define HOLD_WIDTH 5
#define UUID_LEN 36
#define MAX_ERRORS 5   /* unexpected errors a looping child tolerates before it stops */

enum scenario { SAME_SEAT, BEST_AVAILABLE, GA, HOLDS, GATE, GATE_SPREAD };

struct seat {
    char id[UUID_LEN + 1];
    char row[24];
    int number;
    double x, y;
    int available;
};

/* What a child sends back: fixed size, well under PIPE_BUF. */
struct outcome {
    int child;
    int connected;
    long attempts, successes, places, conflicts, soldout;
    int nstates;
    /* per SQLSTATE and step: how often, and the first message */
    struct { char code[6]; char step[16]; long n; char msg[120]; } states[MAX_STATES];
    char hold_id[UUID_LEN + 1];
    int nheld;
    char held[HOLD_WIDTH][UUID_LEN + 1];
};

static struct {
    enum scenario scenario;
    const char *scenario_name;
    const char *event;
    const char *dbname;
    const char *login_prefix;
    const char *password_prefix;
    const char *held_out;
    const char *latency_dir;   /* bench: one file of sale times (ms) per child */
    int clients;
    double seconds;
    long attempts;
    const char *tokens_file;   /* gate scenarios: the codes to scan */
} opt = { BEST_AVAILABLE, "best-available", NULL, NULL, "race_", "pw_", NULL, NULL, 16, 20.0, 400,
          NULL };

/* Read in the parent before forking, shared read-only by the children. */
#define MAX_TOKENS 50000
#define TOKEN_LEN 63
static char tokens[MAX_TOKENS][TOKEN_LEN + 1];
static int ntokens;
static char tier_seated[2][UUID_LEN + 1];
static int ntier_seated;
static char tier_ga[UUID_LEN + 1];
static struct seat plan[MAX_SEATS];
static int nplan;

static FILE *urandom;

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "race: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned random_u32(void)
{
    unsigned char b[4];
    if (fread(b, 1, sizeof b, urandom) != sizeof b)
        die("%s", "cannot read /dev/urandom");
    return (unsigned)b[0] << 24 | (unsigned)b[1] << 16 | (unsigned)b[2] << 8 | b[3];
}

/* A version 4 UUID, made on the client as the terminal would make its order id. */
static void new_uuid(char out[UUID_LEN + 1])
{
    unsigned char b[16];
    if (fread(b, 1, sizeof b, urandom) != sizeof b)
        die("%s", "cannot read /dev/urandom");
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, UUID_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
             b[12], b[13], b[14], b[15]);
}

static void login_of(int i, char *login, size_t n)
{
    snprintf(login, n, "%s%02d", opt.login_prefix, i);
}

static PGconn *connect_as(int i)
{
    char login[64], password[128], appname[64];
    login_of(i, login, sizeof login);
    snprintf(password, sizeof password, "%s%s", opt.password_prefix, login);
    snprintf(appname, sizeof appname, "race-%s-%02d", opt.scenario_name, i);
    const char *keys[] = { "dbname", "user", "password", "application_name",
                           "connect_timeout", NULL };
    const char *vals[] = { opt.dbname, login, password, appname, "10", NULL };
    return PQconnectdbParams(keys, vals, 0);
}

static void note_state(struct outcome *o, const char *code, const char *step, const char *msg)
{
    for (int i = 0; i < o->nstates; i++) {
        if (strcmp(o->states[i].code, code) == 0 && strcmp(o->states[i].step, step) == 0) {
            o->states[i].n++;
            return;
        }
    }
    int i = o->nstates < MAX_STATES ? o->nstates++ : MAX_STATES - 1;
    snprintf(o->states[i].code, sizeof o->states[i].code, "%s", code);
    snprintf(o->states[i].step, sizeof o->states[i].step, "%s", step);
    o->states[i].n = 1;
    /* one line: the parent prints it as a key=value value */
    snprintf(o->states[i].msg, sizeof o->states[i].msg, "%s", msg ? msg : "");
    for (char *p = o->states[i].msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
}

/* Runs one statement. Returns the result when it succeeded; otherwise records its
 * SQLSTATE (or "CONN" when the connection itself failed), copies it to state and
 * returns NULL. */
static PGresult *run(PGconn *c, struct outcome *o, char state[6], const char *step,
                     const char *sql, int n, const char *const *vals)
{
    PGresult *r = PQexecParams(c, sql, n, NULL, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
        return r;
    const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    snprintf(state, 6, "%s", code ? code : "CONN");
    note_state(o, state, step, msg ? msg : PQerrorMessage(c));
    PQclear(r);
    return NULL;
}

/* A uuid[] parameter in array-literal form: a value, not SQL. */
static void uuid_array(char *buf, size_t n, char ids[][UUID_LEN + 1], int k)
{
    size_t used = 0;
    buf[used++] = '{';
    for (int i = 0; i < k && used + UUID_LEN + 2 < n; i++) {
        if (i)
            buf[used++] = ',';
        memcpy(buf + used, ids[i], UUID_LEN);
        used += UUID_LEN;
    }
    buf[used++] = '}';
    buf[used] = '\0';
}

/* After a failed step: undo what the sale left behind, recording any error too. */
static void cleanup(PGconn *c, struct outcome *o, const char *step, const char *sql,
                    const char *hold_id)
{
    char state[6];
    const char *v[] = { hold_id };
    PGresult *r = run(c, o, state, step, sql, 1, v);
    PQclear(r);
}

/* Order and pay what hold_id holds (seats) or a GA quantity, exact cash.
 * Returns 1 when paid, 0 when refused or failed (state says why). */
static int order_and_pay(PGconn *c, struct outcome *o, char state[6], const char *hold_id,
                         const char *seat_array, const char *tier, int quantity, int expect)
{
    char qty[16];
    char total[32];
    PGresult *r;
    if (seat_array) {
        const char *v[] = { hold_id, opt.event, seat_array, tier };
        r = run(c, o, state, "create_order",
                "SELECT o.total_amount FROM public.create_order($1::uuid, $2::uuid,"
                " (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object("
                "   'seat_id', s, 'tier_id', $4::uuid))"
                "    FROM pg_catalog.unnest($3::uuid[]) s)) o", 4, v);
    } else {
        snprintf(qty, sizeof qty, "%d", quantity);
        const char *v[] = { hold_id, opt.event, tier, qty };
        r = run(c, o, state, "create_order",
                "SELECT o.total_amount FROM public.create_order($1::uuid, $2::uuid,"
                " pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object("
                "   'tier_id', $3::uuid, 'quantity', $4::integer))) o", 4, v);
    }
    if (!r) {
        /* The order was not made: let the held seats go, as the terminal would. */
        if (seat_array)
            cleanup(c, o, "release_holds", "SELECT public.release_holds($1::uuid)", hold_id);
        return 0;
    }
    if (PQntuples(r) != 1) {
        PQclear(r);
        snprintf(state, 6, "ROWS");
        note_state(o, state, "create_order", "returned no order");
        return 0;
    }
    snprintf(total, sizeof total, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);

    const char *v[] = { hold_id, total };
    r = run(c, o, state, "mark_paid",
            "SELECT count(*) FROM public.mark_paid($1::uuid, pg_catalog.jsonb_build_array("
            " pg_catalog.jsonb_build_object('method', 'CASH', 'amount', $2::numeric,"
            "                               'tendered', $2::numeric)))", 2, v);
    if (!r) {
        /* Not paid: give the seats or places back (the order becomes FAILED). */
        cleanup(c, o, "abandon_order", "SELECT public.abandon_order($1::uuid)", hold_id);
        return 0;
    }
    int tickets = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    if (tickets != expect) {
        snprintf(state, 6, "COUNT");
        note_state(o, state, "mark_paid", "issued a different number of tickets than ordered");
        return 0;
    }
    return 1;
}

/* Holds the given seats under a fresh hold id. Returns 1 when held. */
static int hold(PGconn *c, struct outcome *o, char state[6], char hold_id[UUID_LEN + 1],
                const char *seat_array, int k)
{
    new_uuid(hold_id);
    const char *v[] = { opt.event, hold_id, seat_array };
    PGresult *r = run(c, o, state, "hold_seats",
                      "SELECT h.seat_id FROM public.hold_seats($1::uuid, $2::uuid, $3::uuid[]) h",
                      3, v);
    if (!r)
        return 0;
    int got = PQntuples(r);
    PQclear(r);
    if (got != k) {
        snprintf(state, 6, "COUNT");
        note_state(o, state, "hold_seats", "returned a different number of seats than asked");
        return 0;
    }
    return 1;
}

/* The seat map as this client sees it now: only AVAILABLE seats are marked free. */
static int read_map(PGconn *c, struct outcome *o, char state[6], struct seat *map, int *n)
{
    const char *v[] = { opt.event };
    PGresult *r = run(c, o, state, "event_seat_map",
                      "SELECT m.seat_id, m.row_label, m.number_label, m.x_position, m.y_position,"
                      "       m.status = 'AVAILABLE'"
                      "  FROM public.event_seat_map($1::uuid) m"
                      " ORDER BY m.y_position, m.x_position", 1, v);
    if (!r)
        return 0;
    int rows = PQntuples(r);
    if (rows > MAX_SEATS)
        rows = MAX_SEATS;
    for (int i = 0; i < rows; i++) {
        snprintf(map[i].id, sizeof map[i].id, "%s", PQgetvalue(r, i, 0));
        snprintf(map[i].row, sizeof map[i].row, "%s", PQgetvalue(r, i, 1));
        map[i].number = atoi(PQgetvalue(r, i, 2));
        map[i].x = atof(PQgetvalue(r, i, 3));
        map[i].y = atof(PQgetvalue(r, i, 4));
        map[i].available = PQgetvalue(r, i, 5)[0] == 't';
    }
    PQclear(r);
    *n = rows;
    return 1;
}

/* Best available pair: the frontmost row (map sorted by y, then x) that has two free
 * neighbours (consecutive numbers), and there the pair nearest the row's centre.
 * Returns 1 and the two indexes, or 0 when no pair is left. */
static int best_pair(const struct seat *map, int n, int *a, int *b)
{
    for (int start = 0; start < n;) {
        int end = start;
        while (end < n && strcmp(map[end].row, map[start].row) == 0)
            end++;
        double centre = (map[start].x + map[end - 1].x) / 2;
        double best = -1;
        for (int i = start; i + 1 < end; i++) {
            if (!map[i].available || !map[i + 1].available || map[i + 1].number != map[i].number + 1)
                continue;
            double d = (map[i].x + map[i + 1].x) / 2 - centre;
            if (d < 0)
                d = -d;
            if (best < 0 || d < best) {
                best = d;
                *a = i;
                *b = i + 1;
            }
        }
        if (best >= 0)
            return 1;
        start = end;
    }
    return 0;
}

static int expected_refusal(const char *state)
{
    return strcmp(state, opt.scenario == GA ? "BO003" : "BO002") == 0;
}

/* One scan at gate `gate`, sent as src/gate.c sends it. Returns the result word
 * (or NULL when the call failed; state says why); the time goes to lat. */
static const char *validate(PGconn *c, struct outcome *o, char state[6], const char *token,
                            const char *gate, FILE *lat)
{
    static char result[16];
    const char *v[] = { token, gate, opt.event };
    double t0 = now_s();
    PGresult *r = run(c, o, state, "validate",
                      "SELECT v.result, v.ticket_id, v.event_title, v.attendee_name, v.section_name, "
                      "v.row_label, v.number_label, v.tier_name, to_char((v.scanned_at) AT TIME ZONE "
                      "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), v.scanned_gate "
                      "FROM validate_ticket($1, $2, $3::uuid) v", 3, v);
    if (!r)
        return NULL;
    if (lat)
        fprintf(lat, "%.3f\n", (now_s() - t0) * 1e3);
    snprintf(result, sizeof result, "%s", PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return result;
}

static void count_scan(struct outcome *o, const char *result)
{
    if (!result)
        return;
    o->attempts++;
    if (strcmp(result, "ADMITTED") == 0)
        o->successes++;
    else if (strcmp(result, "ALREADY_USED") == 0)
        o->conflicts++;
    else   /* CANCELLED, WRONG_EVENT, UNKNOWN: none should happen here */
        note_state(o, strncmp(result, "UNKNOWN", 7) == 0 ? "UNKWN" : strncmp(result, "WRONG", 5) == 0
                   ? "WRONG" : "CANCL", "validate", result);
}

static void child_main(int idx, int go_fd, int ready_fd, int out_fd)
{
    struct outcome o;
    memset(&o, 0, sizeof o);
    o.child = idx;
    char state[6];
    char hold_id[UUID_LEN + 1];
    char seats[HOLD_WIDTH][UUID_LEN + 1];
    char arr[HOLD_WIDTH * (UUID_LEN + 1) + 3];
    static struct seat map[MAX_SEATS];
    int nmap = 0;

    /* A hung child must not hang the test: die well after the time bound. */
    alarm((unsigned)opt.seconds + 30);

    PGconn *c = connect_as(idx);
    o.connected = PQstatus(c) == CONNECTION_OK;
    if (!o.connected)
        note_state(&o, "CONN", "connect", PQerrorMessage(c));
    if (write(ready_fd, "r", 1) != 1)
        _exit(3);
    close(ready_fd);
    char byte;
    while (read(go_fd, &byte, 1) < 0 && errno == EINTR)
        ;   /* EOF: the parent closed the barrier */
    close(go_fd);

    double deadline = now_s() + opt.seconds;
    int errors = 0;
    const char *tier = ntier_seated ? tier_seated[(idx - 1) % ntier_seated] : NULL;   /* none for the gate */

    if (o.connected) {
        switch (opt.scenario) {
        case SAME_SEAT: {
            /* the best seat of the house: front row, centre */
            int a = -1;
            for (int i = 0; i < nplan; i++)
                if (strcmp(plan[i].row, plan[0].row) == 0
                    && (a < 0 || abs(plan[i].number - 13) < abs(plan[a].number - 13)))
                    a = i;
            memcpy(seats[0], plan[a].id, UUID_LEN + 1);
            uuid_array(arr, sizeof arr, seats, 1);
            o.attempts++;
            if (hold(c, &o, state, hold_id, arr, 1)) {
                if (order_and_pay(c, &o, state, hold_id, arr, tier, 0, 1)) {
                    o.successes++;
                    o.places++;
                }
            } else if (expected_refusal(state)) {
                o.conflicts++;
            }
            break;
        }
        case BEST_AVAILABLE: {
            FILE *lat = NULL;
            if (opt.latency_dir) {
                char path[512];
                snprintf(path, sizeof path, "%s/latency-%02d.ms", opt.latency_dir, idx);
                lat = fopen(path, "w");
            }
            while (o.attempts < opt.attempts && now_s() < deadline) {
                int a, b;
                if (!read_map(c, &o, state, map, &nmap))
                    break;
                if (!best_pair(map, nmap, &a, &b))
                    break;   /* sold out, to the last pair of neighbours */
                memcpy(seats[0], map[a].id, UUID_LEN + 1);
                memcpy(seats[1], map[b].id, UUID_LEN + 1);
                uuid_array(arr, sizeof arr, seats, 2);
                o.attempts++;
                double t0 = now_s();
                if (hold(c, &o, state, hold_id, arr, 2)) {
                    if (order_and_pay(c, &o, state, hold_id, arr, tier, 0, 2)) {
                        o.successes++;
                        o.places += 2;
                        if (lat)   /* a whole sale: hold → order → pay → tickets */
                            fprintf(lat, "%.3f\n", (now_s() - t0) * 1e3);
                    } else if (++errors >= MAX_ERRORS) {
                        break;
                    }
                } else if (expected_refusal(state)) {
                    o.conflicts++;   /* someone was faster: read the map again */
                } else if (++errors >= MAX_ERRORS) {
                    break;
                }
            }
            if (lat)
                fclose(lat);
            break;
        }
        case GA: {
            int refused = 0, qty = 1 + (int)(random_u32() % 3);
            while (o.attempts < opt.attempts && now_s() < deadline) {
                new_uuid(hold_id);
                o.attempts++;
                if (order_and_pay(c, &o, state, hold_id, NULL, tier_ga, qty, qty)) {
                    o.successes++;
                    o.places += qty;
                    refused = 0;
                    qty = 1 + (int)(random_u32() % 3);
                } else if (expected_refusal(state)) {
                    o.soldout++;
                    /* Places held by pending orders always end up sold here, so a
                     * refusal of a single place means the floor is sold out. */
                    if (++refused >= 2)
                        break;
                    qty = 1;
                } else if (++errors >= MAX_ERRORS) {
                    break;
                }
            }
            break;
        }
        case HOLDS: {
            /* child i holds seats i..i+4 of the front row: neighbours overlap */
            int k = 0;
            for (int i = 0; i < nplan && k < HOLD_WIDTH; i++)
                if (strcmp(plan[i].row, plan[0].row) == 0 && plan[i].number >= idx
                    && plan[i].number < idx + HOLD_WIDTH)
                    memcpy(seats[k++], plan[i].id, UUID_LEN + 1);
            uuid_array(arr, sizeof arr, seats, k);
            o.attempts++;
            if (k == HOLD_WIDTH && hold(c, &o, state, hold_id, arr, k)) {
                o.successes++;
                o.places += k;
                memcpy(o.hold_id, hold_id, sizeof o.hold_id);
                o.nheld = k;
                memcpy(o.held, seats, sizeof o.held);
            } else if (k == HOLD_WIDTH && expected_refusal(state)) {
                o.conflicts++;
            } else if (k != HOLD_WIDTH) {
                note_state(&o, "PLAN", "plan", "the front row is too short for this many clients");
            }
            break;
        }
        case GATE:
        case GATE_SPREAD: {
            char gate[32];
            FILE *lat = NULL;
            int step = opt.scenario == GATE ? 1 : opt.clients;
            snprintf(gate, sizeof gate, "Gate %02d", idx);
            if (opt.latency_dir) {
                char path[512];
                snprintf(path, sizeof path, "%s/latency-%02d.ms", opt.latency_dir, idx);
                lat = fopen(path, "w");
            }
            for (int k = opt.scenario == GATE ? 0 : idx - 1;
                 k < ntokens && (opt.scenario == GATE || o.attempts < opt.attempts); k += step) {
                const char *res = validate(c, &o, state, tokens[k], gate, lat);
                if (!res && ++errors >= MAX_ERRORS)
                    break;
                count_scan(&o, res);
            }
            if (lat)
                fclose(lat);
            break;
        }
        }
    }
    PQfinish(c);
    if (write(out_fd, &o, sizeof o) != (ssize_t)sizeof o)
        _exit(3);
    close(out_fd);
    _exit(0);
}

/* The event's tiers and seat plan, read once as client 1 (under its RLS). */
static void read_event(void)
{
    struct outcome scratch;
    memset(&scratch, 0, sizeof scratch);
    char state[6];
    PGconn *c = connect_as(1);
    if (PQstatus(c) != CONNECTION_OK)
        die("cannot connect as the first client: %s", PQerrorMessage(c));
    const char *v[] = { opt.event };
    PGresult *r = run(c, &scratch, state, "tiers",
                      "SELECT tt.id, s.type FROM public.ticket_tiers tt"
                      "  JOIN public.sections s ON s.id = tt.section_id"
                      " WHERE tt.event_id = $1::uuid AND NOT tt.deleted"
                      " ORDER BY s.type, tt.name", 1, v);
    if (!r)
        die("cannot read the event's tiers: %s", scratch.states[0].msg);
    for (int i = 0; i < PQntuples(r); i++) {
        if (strcmp(PQgetvalue(r, i, 1), "NUMBERED") == 0 && ntier_seated < 2)
            snprintf(tier_seated[ntier_seated++], UUID_LEN + 1, "%s", PQgetvalue(r, i, 0));
        else if (strcmp(PQgetvalue(r, i, 1), "GENERAL") == 0 && !tier_ga[0])
            snprintf(tier_ga, sizeof tier_ga, "%s", PQgetvalue(r, i, 0));
    }
    PQclear(r);
    if (!ntier_seated || !tier_ga[0])
        die("event %s needs a seated and a standing tier", opt.event);
    if (!read_map(c, &scratch, state, plan, &nplan) || nplan == 0)
        die("cannot read the seat map of event %s", opt.event);
    PQfinish(c);
}

/* The codes to scan, one a line (a trailing CR or LF is not part of one). */
static void read_tokens(void)
{
    char line[256];
    if (!opt.tokens_file)
        die("%s", "the gate scenarios need --tokens FILE");
    FILE *f = fopen(opt.tokens_file, "r");
    if (!f)
        die("cannot read %s", opt.tokens_file);
    while (ntokens < MAX_TOKENS && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        size_t n = strlen(line);
        if (n > TOKEN_LEN)
            die("a code in %s is too long", opt.tokens_file);
        if (n > 0)
            memcpy(tokens[ntokens++], line, n + 1);
    }
    fclose(f);
    if (ntokens == 0)
        die("no codes in %s", opt.tokens_file);
}

static void usage(void)
{
    fprintf(stderr, "usage: race same-seat|best-available|ga|holds|gate|gate-spread --event UUID\n"
                    "            [--clients N] [--tokens FILE]\n"
                    "            [--seconds S] [--attempts M] [--dbname DB] [--held-out FILE]\n"
                    "            [--latency-dir DIR]\n"
                    "            [--login-prefix P] [--password-prefix P]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    static const char *names[] = { "same-seat", "best-available", "ga", "holds", "gate",
                                   "gate-spread" };
    int found = 0;
    for (int s = 0; s < 6; s++)
        if (strcmp(argv[1], names[s]) == 0) {
            opt.scenario = (enum scenario)s;
            opt.scenario_name = names[s];
            found = 1;
        }
    if (!found)
        usage();
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            usage();
        const char *v = argv[++i];
        if (strcmp(a, "--event") == 0) opt.event = v;
        else if (strcmp(a, "--clients") == 0) opt.clients = atoi(v);
        else if (strcmp(a, "--seconds") == 0) opt.seconds = atof(v);
        else if (strcmp(a, "--attempts") == 0) opt.attempts = atol(v);
        else if (strcmp(a, "--dbname") == 0) opt.dbname = v;
        else if (strcmp(a, "--held-out") == 0) opt.held_out = v;
        else if (strcmp(a, "--latency-dir") == 0) opt.latency_dir = v;
        else if (strcmp(a, "--tokens") == 0) opt.tokens_file = v;
        else if (strcmp(a, "--login-prefix") == 0) opt.login_prefix = v;
        else if (strcmp(a, "--password-prefix") == 0) opt.password_prefix = v;
        else usage();
    }
    if (!opt.event || opt.clients < 1 || opt.clients > MAX_CLIENTS || opt.seconds <= 0
        || opt.attempts < 1)
        usage();
    urandom = fopen("/dev/urandom", "rb");
    if (!urandom)
        die("%s", "cannot open /dev/urandom");
    setvbuf(urandom, NULL, _IONBF, 0);   /* children must not share buffered bytes */

    if (opt.scenario == GATE || opt.scenario == GATE_SPREAD)
        read_tokens();
    else
        read_event();

    int go[2], ready[2], out[MAX_CLIENTS];
    pid_t pid[MAX_CLIENTS];
    if (pipe(go) || pipe(ready))
        die("pipe: %s", strerror(errno));
    fflush(NULL);
    for (int i = 0; i < opt.clients; i++) {
        int p[2];
        if (pipe(p))
            die("pipe: %s", strerror(errno));
        pid[i] = fork();
        if (pid[i] < 0)
            die("fork: %s", strerror(errno));
        if (pid[i] == 0) {
            close(go[1]);     /* else the barrier never opens */
            close(ready[0]);
            close(p[0]);
            for (int j = 0; j < i; j++)
                close(out[j]);
            child_main(i + 1, go[0], ready[1], p[1]);
        }
        close(p[1]);
        out[i] = p[0];
    }
    close(go[0]);
    close(ready[1]);

    /* Barrier: every child has connected (or failed to); then all go at once. */
    int arrived = 0;
    char byte;
    while (arrived < opt.clients) {
        ssize_t k = read(ready[0], &byte, 1);
        if (k == 1)
            arrived++;
        else if (k == 0 || errno != EINTR)
            break;   /* a child died before the barrier */
    }
    close(ready[0]);
    double t0 = now_s();
    close(go[1]);

    struct outcome all[MAX_CLIENTS];
    int lost = 0;
    for (int i = 0; i < opt.clients; i++) {
        size_t got = 0;
        while (got < sizeof all[i]) {
            ssize_t k = read(out[i], (char *)&all[i] + got, sizeof all[i] - got);
            if (k > 0)
                got += (size_t)k;
            else if (k == 0 || errno != EINTR)
                break;
        }
        close(out[i]);
        if (got != sizeof all[i]) {
            memset(&all[i], 0, sizeof all[i]);
            all[i].child = i + 1;
            note_state(&all[i], "LOST", "report", "child died without reporting");
            lost++;
        }
    }
    double elapsed = now_s() - t0;
    for (int i = 0; i < opt.clients; i++) {
        int status;
        while (waitpid(pid[i], &status, 0) < 0 && errno == EINTR)
            ;
    }

    long connected = 0, attempts = 0, successes = 0, places = 0, conflicts = 0, soldout = 0;
    /* per SQLSTATE: total, and "step xN, step xM: first message" */
    struct { char code[6]; long n; char steps[160]; char msg[120]; } states[MAX_STATES * 4];
    struct { char code[6]; char step[16]; long n; } by_step[MAX_STATES * 4];
    int nstates = 0, nsteps = 0;
    for (int i = 0; i < opt.clients; i++) {
        connected += all[i].connected;
        attempts += all[i].attempts;
        successes += all[i].successes;
        places += all[i].places;
        conflicts += all[i].conflicts;
        soldout += all[i].soldout;
        for (int s = 0; s < all[i].nstates; s++) {
            int j = 0;
            while (j < nstates && strcmp(states[j].code, all[i].states[s].code) != 0)
                j++;
            if (j == nstates) {
                if (nstates == MAX_STATES * 4)
                    continue;
                nstates++;
                memcpy(states[j].code, all[i].states[s].code, sizeof states[j].code);
                memcpy(states[j].msg, all[i].states[s].msg, sizeof states[j].msg);
                states[j].n = 0;
            }
            states[j].n += all[i].states[s].n;
            int k = 0;
            while (k < nsteps && (strcmp(by_step[k].code, all[i].states[s].code) != 0
                                  || strcmp(by_step[k].step, all[i].states[s].step) != 0))
                k++;
            if (k == nsteps) {
                if (nsteps == MAX_STATES * 4)
                    continue;
                nsteps++;
                memcpy(by_step[k].code, all[i].states[s].code, sizeof by_step[k].code);
                memcpy(by_step[k].step, all[i].states[s].step, sizeof by_step[k].step);
                by_step[k].n = 0;
            }
            by_step[k].n += all[i].states[s].n;
        }
    }
    printf("scenario=%s\nclients=%d\nconnected=%ld\nlost=%d\nattempts=%ld\nsuccesses=%ld\n"
           "places=%ld\nconflicts=%ld\nsoldout=%ld\nelapsed_ms=%.0f\n",
           opt.scenario_name, opt.clients, connected, lost, attempts, successes, places,
           conflicts, soldout, elapsed * 1000);
    for (int j = 0; j < nstates; j++) {
        size_t used = 0;
        states[j].steps[0] = '\0';
        for (int k = 0; k < nsteps; k++)
            if (strcmp(by_step[k].code, states[j].code) == 0 && used < sizeof states[j].steps)
                used += (size_t)snprintf(states[j].steps + used, sizeof states[j].steps - used,
                                         "%s%s x%ld", used ? ", " : "", by_step[k].step,
                                         by_step[k].n);
        printf("sqlstate.%s=%ld\nmessage.%s=%s: %s\n", states[j].code, states[j].n,
               states[j].code, states[j].steps, states[j].msg);
    }

    if (opt.held_out) {
        FILE *f = fopen(opt.held_out, "w");
        if (!f)
            die("cannot write %s", opt.held_out);
        for (int i = 0; i < opt.clients; i++) {
            char login[64];
            login_of(all[i].child, login, sizeof login);
            for (int s = 0; s < all[i].nheld; s++)
                fprintf(f, "%d,%s,%s,%s\n", all[i].child, login, all[i].hold_id, all[i].held[s]);
        }
        if (fclose(f))
            die("cannot write %s", opt.held_out);
    }
    return 0;
}
