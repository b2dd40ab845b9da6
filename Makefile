# Box office — every entry point. `make demo` and `make check` work on a fresh Debian 12.
VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/boxoffice
MANDIR    := $(PREFIX)/share/man

CC        ?= cc
PKGS      := ncursesw libpq libqrencode libcjson
CFLAGS    ?= -O2 -g
override CFLAGS += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DBOXOFFICE_VERSION='"$(VERSION)"' -DBOXOFFICE_DATADIR='"$(DATADIR)"' \
             -Isrc -Iui $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
             $(shell cups-config --cflags 2>/dev/null)
LDLIBS    += $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(shell cups-config --libs 2>/dev/null) -lm

BUILD     ?= build
BIN       ?= boxoffice
CORE_SRC  := $(wildcard src/*.c)
CORE_SRC  := $(filter-out src/main.c,$(CORE_SRC))
UI_SRC    := $(wildcard ui/*.c)
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ    := $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ITEST_SRC := $(wildcard tests/integration/test_*.c)
ITEST_BIN := $(ITEST_SRC:tests/integration/%.c=$(BUILD)/itests/%)

# Debian packages the project needs at build, test and demo time (postgresql-15 holds the
# contrib extensions: pg_trgm, pgcrypto, uuid-ossp, pg_stat_statements).
DEB_PKGS  := build-essential pkg-config libncurses-dev libpq-dev libqrencode-dev libcjson-dev \
             libcups2-dev libcmocka-dev postgresql-15 postgresql-15-pgtap \
             libtap-parser-sourcehandler-pgtap-perl tmux cups-daemon cups-client cups-filters cups \
             zbar-tools poppler-utils locales clang libclang-rt-dev time valgrind binutils \
             groff-base
VAR       := $(CURDIR)/var

.PHONY: all deps check demo bench asan install uninstall clean db-start db-stop db-reset unit \
        fuzz fuzz-build cups-start cups-stop

all: $(BIN)

$(BIN): $(BUILD)/src/main.o $(CORE_OBJ) $(UI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h ui/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The datadir compiled into paths.o follows PREFIX: this stamp changes only when DATADIR
# does, so `make install PREFIX=/opt/bo` after a plain `make` rebuilds what reads it.
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/src/paths.o: $(BUILD)/datadir.stamp
FORCE:

# The headless terminal the screen tests share (tests/unit/term_harness.h), in every unit test.
UNIT_HARNESS := $(BUILD)/tests/unit/term_harness.o
$(UNIT_HARNESS): tests/unit/term_harness.h

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJ) $(UI_OBJ) $(UNIT_HARNESS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# C modules against a real server (tests/integration/run.sh provides it)
$(BUILD)/itests/%: tests/integration/%.c $(CORE_OBJ) $(UI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

unit: $(UNIT_BIN) $(ITEST_BIN)

# bench programs that drive the project's own modules (tests/bench/run.sh)
BENCH_BIN := $(BUILD)/bench/seatmap_draw $(BUILD)/bench/ticket_render
$(BUILD)/bench/%: tests/bench/%.c $(CORE_OBJ) $(UI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# libFuzzer harnesses of the importers: clang, linking only the pure modules
# (no libpq, no curses) so the fuzzer sees just the code that reads files.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_SRC     := src/venue.c src/venue_native.c src/json_in.c src/strmap.c src/pretix.c src/err.c
FUZZ_BIN     := build-fuzz/fuzz_pretix build-fuzz/fuzz_native

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
	  $(shell pkg-config --cflags libcjson 2>/dev/null) -o $@ $< $(FUZZ_SRC) \
	  $(shell pkg-config --libs libcjson 2>/dev/null) -lm

fuzz-build: $(FUZZ_BIN)

# Longer runs on demand: make fuzz FUZZ_SECONDS=600
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

deps:
	@tests/tools/deps.sh $(DEB_PKGS)

check: deps
	@$(MAKE) --no-print-directory all unit
	@tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/boxoffice CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined" all unit
	@BOXOFFICE_BUILD=build-asan BOXOFFICE_BIN=$(CURDIR)/build-asan/boxoffice tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@tests/bench/run.sh

demo: deps
	@$(MAKE) --no-print-directory all db-start cups-start
	@tests/tools/demo.sh

db-start:
	@tests/tools/pgcluster.sh start $(VAR)/pg

db-stop:
	@tests/tools/pgcluster.sh stop $(VAR)/pg

db-reset: db-stop
	rm -rf $(VAR)/pg

# A private cupsd under var/cups (unix socket only): queues pdf (each job kept as
# var/cups/out/job-<id>-<title>.pdf), zpl and escpos (raw, socket://127.0.0.1:9101
# and :9102; CUPS_ZPL_PORT / CUPS_ESCPOS_PORT change them).
# Use it with: eval "$$(tests/tools/cupsd.sh env var/cups)"
cups-start:
	@tests/tools/cupsd.sh start $(VAR)/cups

cups-stop:
	@tests/tools/cupsd.sh stop $(VAR)/cups

# What `make install` puts under $(DATADIR) (README files stay in the tree), and the
# directories `make uninstall` removes once they are empty.
DATA_FILES := $(wildcard sql/migrations/*.sql sql/demo/*.sql) \
              $(filter-out %README.md,$(shell find assets -type f 2>/dev/null))
DATA_DIRS  := $(sort $(patsubst %/,%,$(dir $(DATA_FILES))) sql assets)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(addprefix $(DESTDIR)$(DATADIR)/,$(DATA_DIRS))
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/boxoffice
	install -m 644 src/boxoffice.1 $(DESTDIR)$(MANDIR)/man1/boxoffice.1
	@set -e; for f in $(DATA_FILES); do \
	  echo "install -m 644 $$f $(DESTDIR)$(DATADIR)/$$f"; \
	  install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f"; \
	done

# Exactly what install put there; directories only when nothing else is left in them.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/boxoffice $(DESTDIR)$(MANDIR)/man1/boxoffice.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(DATA_FILES))
	@for d in $(addprefix $(DESTDIR)$(DATADIR)/,$(shell printf '%s\n' $(DATA_DIRS) | sort -r)) \
	  $(DESTDIR)$(DATADIR); do \
	  if [ -d "$$d" ]; then echo "rmdir $$d"; rmdir --ignore-fail-on-non-empty "$$d"; fi; \
	done

clean:
	rm -rf build build-asan build-fuzz boxoffice
