# Box office — every entry point. `make demo` and `make check` work on a fresh Debian 12.
VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/boxoffice

CC        ?= cc
PKGS      := ncursesw libpq libqrencode libcjson
CFLAGS    ?= -O2 -g
override CFLAGS += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DBOXOFFICE_VERSION='"$(VERSION)"' -DBOXOFFICE_DATADIR='"$(DATADIR)"' \
             -Isrc -Iui $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
             $(shell cups-config --cflags 2>/dev/null)
LDLIBS    += $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(shell cups-config --libs 2>/dev/null)

BUILD     ?= build
BIN       ?= boxoffice
CORE_SRC  := $(wildcard src/*.c)
CORE_SRC  := $(filter-out src/main.c,$(CORE_SRC))
UI_SRC    := $(wildcard ui/*.c)
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ    := $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages the project needs at build, test and demo time.
DEB_PKGS  := build-essential pkg-config libncurses-dev libpq-dev libqrencode-dev libcjson-dev \
             libcups2-dev libcmocka-dev postgresql-15 postgresql-contrib-15 postgresql-15-pgtap \
             libtap-parser-sourcehandler-pgtap-perl tmux cups-daemon cups-client cups-filters \
             zbar-tools poppler-utils locales
VAR       := $(CURDIR)/var

.PHONY: all deps check demo bench asan install uninstall clean db-start db-stop db-reset unit

all: $(BIN)

$(BIN): $(BUILD)/src/main.o $(CORE_OBJ) $(UI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h ui/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJ) $(UI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

deps:
	@tests/tools/deps.sh $(DEB_PKGS)

check: deps
	@$(MAKE) --no-print-directory all unit
	@tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/boxoffice CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined" all unit
	@BOXOFFICE_BUILD=build-asan BOXOFFICE_BIN=$(CURDIR)/build-asan/boxoffice tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run.sh

demo: deps
	@$(MAKE) --no-print-directory all db-start
	@tests/tools/demo.sh

db-start:
	@tests/tools/pgcluster.sh start $(VAR)/pg

db-stop:
	@tests/tools/pgcluster.sh stop $(VAR)/pg

db-reset: db-stop
	rm -rf $(VAR)/pg

install: boxoffice
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/sql/migrations $(DESTDIR)$(DATADIR)/sql/demo $(DESTDIR)$(DATADIR)/assets
	install -m 755 boxoffice $(DESTDIR)$(BINDIR)/boxoffice
	install -m 644 sql/migrations/*.sql $(DESTDIR)$(DATADIR)/sql/migrations/
	install -m 644 sql/demo/*.sql $(DESTDIR)$(DATADIR)/sql/demo/
	cp -R assets/. $(DESTDIR)$(DATADIR)/assets/
	rm -f $(DESTDIR)$(DATADIR)/assets/README.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/boxoffice
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan boxoffice
