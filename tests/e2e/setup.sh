#!/usr/bin/env bash
# Event set-up end to end (issue 6): the real program in tmux against the demo data in a
# throwaway database (PG* from tests/run.sh), read back with capture-pane.
#   super_a presses E, makes an event on the Lyric Theatre three weeks ahead, takes a section
#   off sale and puts it back, is refused publishing without a price, adds a tier, publishes:
#   psql shows the event PUBLISHED with that price, clerk_a's `boxoffice events` lists it and
#   so does super_a's events screen. On The Tempest a GA capacity below what is sold and
#   taking a section with tickets off sale are refused in words, and the tables are unchanged.
#   clerk_a's events screen offers no E.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_setup
sock="bo-setup-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"
printf '*:*:%s:clerk_a:clerk_a-demo\n*:*:%s:super_a:super_a-demo\n' "$db" "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }
tempest=$(sql "SELECT id FROM events WHERE title = 'The Tempest'")
section() {  # section EVENT-ID NAME: "true none": is_active and the event's capacity override
  sql "SELECT es.is_active || ' ' || COALESCE(es.custom_capacity::text, 'none') FROM event_sections es
        JOIN sections s ON s.id = es.section_id WHERE es.event_id = '$1' AND s.name = '$2'"
}

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
keys() { tm send-keys -t bo "$@"; }
start() {  # start LOGIN: the box office in a fresh tmux session at 80x24
  tm kill-server >/dev/null 2>&1
  sock="bo-setup-$$-$1"
  tm new-session -d -s bo -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=$1' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
}

day=$(date -d "+21 days" +%F)
start super_a
wait_for "The Tempest"; tap_ok $? "super_a: the events screen"
tap_like "$(screen)" "E setup" "the key bar offers E to a supervisor"
keys E
wait_for "Event set-up . super_a @ Lyric Theatre Company"; tap_ok $? "E opens event set-up"
s=$(screen)
tap_like "$s" "The Tempest +Lyric Theatre +ON SALE" "published events read ON SALE"
tap_like "$s" "Hamlet \(in rehearsal\) +Lyric Theatre +DRAFT" "the draft is listed as DRAFT"

# a new event: venue, title, start
keys n
wait_for "New event"; tap_ok $? "n opens the new-event form"
tap_like "$(screen)" "Venue +< Lyric Theatre >" "… on the Lyric Theatre"
keys -l "Pericles"; keys Tab; keys -l "$day 25:00"; keys Enter
wait_for "25:00 is not a time of day"; tap_ok $? "a time that does not exist is refused in words"
keys C-u; keys -l "$day 19:30"; keys Enter
wait_for "Draft created on Lyric Theatre"; tap_ok $? "Enter creates the draft"
s=$(screen)
tap_like "$s" "Set-up . Pericles .* DRAFT" "… and shows it: title, date, DRAFT"
tap_like "$s" "Stalls +seats +yes" "… with its sections"
pericles=$(sql "SELECT id FROM events WHERE title = 'Pericles'")
tap_is "$(sql "SELECT status || ' ' || (extract(epoch FROM start_time)::bigint = $(date -d "$day 19:30" +%s))
               FROM events WHERE id = '$pericles'")" "DRAFT true" "psql: a DRAFT starting at $day 19:30 local time"

# a section off sale and on again
keys Down; keys Space
wait_for "Balcony is no longer on sale"; tap_ok $? "Space takes Balcony off sale"
tap_like "$(screen)" "Balcony +seats +no " "… the table says no"
tap_is "$(section "$pericles" Balcony)" "false none" "… and so does event_sections"
keys Space
wait_for "Balcony is on sale for this event"; tap_ok $? "Space again activates Balcony"
tap_like "$(screen)" "Balcony +seats +yes " "… the table says yes"
tap_is "$(section "$pericles" Balcony)" "true none" "… and so does event_sections"

# publishing without a price is refused; with one it goes on sale
keys p
wait_for "Not published: event .Pericles. has no price in any section on sale"
tap_ok $? "publishing without a price is refused in the database's words (naming the event)"
tap_is "$(sql "SELECT status FROM events WHERE id = '$pericles'")" "DRAFT" "… and it stays a draft"
keys Up; keys t
wait_for "Price tier in Stalls"; tap_ok $? "t opens a tier form for Stalls"
keys -l "Standard"; keys Tab; keys -l "35.5"; keys Tab; keys -l "1.25"; keys Enter
wait_for "Standard in Stalls: 35.50 \+ fee 1.25"; tap_ok $? "the tier is saved"
tap_like "$(screen)" "Standard +35.50 +1.25 +0" "… and listed under Prices in Stalls"
keys p
wait_for "Published: Pericles is on sale now"; tap_ok $? "p publishes"
tap_like "$(screen)" "Set-up . Pericles .* ON SALE" "… the title says ON SALE"
tap_is "$(sql "SELECT e.status || ' ' || tt.name || ' ' || tt.price || ' ' || tt.fee FROM events e
               JOIN ticket_tiers tt ON tt.event_id = e.id AND NOT tt.deleted WHERE e.id = '$pericles'")" \
  "PUBLISHED Standard 35.50 1.25" "psql: PUBLISHED with Standard at 35.50 + 1.25"
out=$(as clerk_a events 2>&1)
tap_like "$out" "Pericles" "clerk_a's boxoffice events lists it"

# refusals on The Tempest: the table stays as it was
keys Escape
wait_for "Event set-up . super_a"; tap_ok $? "Esc goes back to the list"
tap_like "$(screen)" "Pericles +Lyric Theatre +ON SALE" "… where Pericles is ON SALE"
keys g; keys Enter
wait_for "Set-up . The Tempest"; tap_ok $? "Enter opens The Tempest"
sold=$(sql "SELECT sold FROM event_sections es JOIN sections s ON s.id = es.section_id
            WHERE es.event_id = '$tempest' AND s.name = 'Promenade'")
keys G; keys c
wait_for "Capacity of Promenade"; tap_ok $? "c on Promenade asks for its capacity"
keys -l "1"; keys Enter
wait_for "Capacity not changed: Promenade: capacity 1 is below the $sold places"
tap_ok $? "a capacity below the $sold places sold is refused in words"
tap_is "$(section "$tempest" Promenade)" "true none" "… event_sections is unchanged"
keys Escape
wait_for "c capacity"
tap_like "$(screen)" "Promenade +GA +yes +200 +$sold " "… and so is the table on screen"
keys g; keys Space
wait_for "Not taken off sale: Stalls cannot be taken out of the event: [0-9]+ live tickets"
tap_ok $? "taking Stalls (with tickets) off sale is refused in words"
tap_like "$(screen)" "Stalls +seats +yes " "… the table still says yes"
tap_is "$(section "$tempest" Stalls)" "true none" "… and so does event_sections"

# back on the events screen, the new event is there to sell
keys Escape; wait_for "Event set-up . super_a"
keys Escape
wait_for "Box office . super_a"; tap_ok $? "Esc, Esc: the events screen"
tap_like "$(screen)" "Pericles" "… which lists Pericles for selling"
keys q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# a clerk is not offered set-up
start clerk_a
wait_for "The Tempest"; tap_ok $? "clerk_a: the events screen"
s=$(screen)
tap_is "$(printf '%s\n' "$s" | grep -c 'E setup')" 0 "the key bar offers no E"
keys E
wait_for "Search: E"; tap_ok $? "E is just a letter of a search"
tap_is "$(screen | grep -c 'Event set-up')" 0 "… and no set-up opens"
keys Escape; keys q
wait_for "EXIT=0"; tap_ok $? "q quits"
tap_is "$(cat "$tmp/app.err")" "" "nothing on stderr"
tap_done
