# willakuy: market prices and network news for community radio, in Spanish
# and Quechua. `make` builds the binary; `make demo` and `make check` also
# install what Debian packages are missing (see `deps`).

PREFIX ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/willakuy
DOCDIR ?= $(PREFIX)/share/doc/willakuy
DESTDIR ?=
VERSION = 0.1.0

PKGS = libxml-2.0 espeak-ng sndfile lame soxr libebur128 libopusenc sqlite3
CC ?= cc
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WK_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -O2 -g \
	-DWK_VERSION='"$(VERSION)"' -DWK_DATADIR='"$(DATADIR)"' \
	-DWK_LOCALEDIR='"$(PREFIX)/share/locale"' -Isrc $(PKG_CFLAGS)
WK_LIBS = $(PKG_LIBS) -lpthread -lm

# src/ holds a folder per stage of the pipeline (see README's source layout).
SRC = $(wildcard src/*/*.c)
LIBSRC = $(filter-out src/cli/main.c,$(SRC))
OBJ = $(SRC:src/%.c=build/%.o)
LIBOBJ = $(LIBSRC:src/%.c=build/%.o)

# Build trees: the normal one (build/) and a sanitizer one (build/asan/).
ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
ASAN_LIBOBJ = $(LIBSRC:src/%.c=build/asan/%.o)

# Debian packages: to build, to run the demo, and to test.
DEPS_BUILD = gcc make pkg-config libxml2-dev libespeak-ng-dev espeak-ng-data \
	libsndfile1-dev libmp3lame-dev libsoxr-dev libebur128-dev libopusenc-dev \
	libsqlite3-dev gettext
# `make deb` also needs Debian's packaging tools.
DEPS_DEB = $(DEPS_BUILD) dpkg-dev debhelper fakeroot lintian
DEPS_CHECK = $(DEPS_DEB) libcmocka-dev ffmpeg mpg123 mp3val sox lame \
	espeak-ng libxml2-utils valgrind clang libclang-rt-14-dev gettext \
	locales chromium eyed3 python3-mutagen python3-feedparser podget liquidsoap \
	sqlite3 adduser apt

all: willakuy locale/es/LC_MESSAGES/willakuy.mo

# Messages in Spanish (gettext). `make pot` extracts the messages again and
# rebuilds po/es.po from the translations in po/make-es.py.
locale/es/LC_MESSAGES/willakuy.mo: po/es.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ po/es.po

pot:
	xgettext --keyword=_ --keyword=N_ --language=C --from-code=UTF-8 \
	  --package-name=willakuy --package-version=$(VERSION) \
	  -o po/willakuy.pot src/*/*.c
	python3 po/make-es.py po/willakuy.pot po/es.po

# Example kits of recorded prompts (espeak-ng at a higher pitch) for the
# example price bulletin, in build/kit/<lang>/prompts/, laid out as a
# station's own folder: `WILLAKUY_LOCAL=build/kit ./willakuy build ...` to
# hear them. Generated, never shipped (7 MB a language): only a station's
# own recordings are spliced.
kit-examples: willakuy
	examples/kit/make-kit.sh es build/kit ./willakuy
	examples/kit/make-kit.sh qu build/kit ./willakuy

willakuy: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(WK_LIBS) $(LDLIBS)

build/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WK_CFLAGS) -MMD -MP $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WK_CFLAGS) $(ASAN_FLAGS) -O1 -MMD -MP $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/willakuy: $(ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $(ASAN_OBJ) $(WK_LIBS) $(LDLIBS)

build build/asan build/tests build/asan/tests:
	mkdir -p $@

# deps: install the Debian packages that are missing (as root), or print the
# command that would (otherwise). DEPS selects the list.
DEPS ?= $(DEPS_BUILD)
deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "deps: apt-get failed" >&2; exit 1; }; \
	else \
	  echo "deps: missing Debian packages. Run:" >&2; \
	  echo "  sudo apt-get install -y$$missing" >&2; exit 1; \
	fi

deps-check:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_CHECK)"
	@$(MAKE) --no-print-directory deps-locale

# The tests read Spanish messages under LANG=es_PE.UTF-8.
deps-locale:
	@if ! locale -a 2>/dev/null | grep -qi '^es_PE\.utf-\?8$$'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps: generating the es_PE.UTF-8 locale"; \
	    sed -i 's/^# *es_PE.UTF-8 UTF-8/es_PE.UTF-8 UTF-8/' /etc/locale.gen; \
	    grep -q '^es_PE.UTF-8 UTF-8' /etc/locale.gen || \
	      echo 'es_PE.UTF-8 UTF-8' >>/etc/locale.gen; \
	    locale-gen >/dev/null; \
	  else \
	    echo "deps: the tests need the es_PE.UTF-8 locale. Run:" >&2; \
	    echo "  sudo sed -i 's/^# *es_PE.UTF-8/es_PE.UTF-8/' /etc/locale.gen && sudo locale-gen" >&2; \
	    exit 1; \
	  fi; \
	fi

# The example day, in Spanish when the locale can be had (made when run as
# root), ending with the two pages to open.
DEMO_DATE = 2026-11-29
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory deps-locale || \
	  echo "demo: without es_PE.UTF-8 the messages and the report are in English"
	@rc=0; LANG=es_PE.UTF-8 LC_ALL= LANGUAGE= ./willakuy build \
	  -c examples/station.xml -d $(DEMO_DATE) -o out bulletins/*.xml || rc=$$?; \
	echo; \
	echo "Open the day's report:     file://$(CURDIR)/out/$(DEMO_DATE)/report.html"; \
	echo "and the listeners' page:   file://$(CURDIR)/out/latest/index.html"; \
	echo "(the bulletins: out/$(DEMO_DATE)/*.mp3; willakuy exited $$rc, see README's Exit status)"; \
	exit $$rc

# Tests: cmocka table tests per stage, then end-to-end shell tests, with the
# normal build and again with AddressSanitizer and UBSan.
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=build/tests/%)
ASAN_TEST_BIN = $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)

build/tests/%: tests/unit/%.c $(LIBOBJ) | build/tests
	$(CC) $(WK_CFLAGS) -Isrc $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBOBJ) \
	  $(WK_LIBS) -lcmocka $(LDFLAGS)

build/asan/tests/%: tests/unit/%.c $(ASAN_LIBOBJ) | build/asan/tests
	$(CC) $(WK_CFLAGS) $(ASAN_FLAGS) -O1 -Isrc $(CPPFLAGS) $(CFLAGS) -o $@ $< \
	  $(ASAN_LIBOBJ) $(WK_LIBS) -lcmocka $(LDFLAGS)

check:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory all build/asan/willakuy $(TEST_BIN) \
	  $(ASAN_TEST_BIN) $(FUZZ_BIN)
	@bash tests/run.sh

# libFuzzer targets (clang): one per reader and one for the verbalizer.
# `make fuzz` runs each for FUZZ_SECONDS, keeping new inputs in
# build/fuzz/corpus-NAME and crashes in build/fuzz/; `make check` runs each
# for a few seconds on the seed corpus in tests/fuzz/corpus/.
FUZZ_TARGETS = prices news bulletin station catalog voice verbal
FUZZ_ID_prices = 1
FUZZ_ID_news = 2
FUZZ_ID_bulletin = 3
FUZZ_ID_station = 4
FUZZ_ID_catalog = 5
FUZZ_ID_voice = 6
FUZZ_ID_verbal = 7
FUZZ_SECONDS ?= 120
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
FUZZ_OBJ = $(LIBSRC:src/%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(filter-out -Werror -O2,$(WK_CFLAGS)) $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_reader.c $(FUZZ_OBJ) | build/fuzz/obj
	$(FUZZ_CC) $(filter-out -Werror -O2,$(WK_CFLAGS)) $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer -DREADER=$(FUZZ_ID_$*) -Isrc -o $@ $< $(FUZZ_OBJ) \
	  $(WK_LIBS)

build/fuzz/obj:
	mkdir -p $@

fuzz:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus-$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  WILLAKUY_DATA=$(CURDIR) build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=build/fuzz/crash-$$t- -print_final_stats=1 \
	    build/fuzz/corpus-$$t tests/fuzz/corpus/$$t 2>&1 | \
	    grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|crash-' ; \
	done

# Benchmarks: willakuy against a shell pipeline and against espeak-ng +
# lame alone, incremental rebuilds and memory (bench/run.sh); a network
# day of 12 short bulletins for 1, 3 and 10 stations (bench/network.sh); a
# spreadsheet of a million prices imported (bench/import.sh). The verbalizer on
# held-out bulletin text (bench/heldout.sh).
DEPS_BENCH = $(DEPS_CHECK) python3
bench:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_BENCH)"
	@$(MAKE) --no-print-directory willakuy build/bench_history
	@bash bench/run.sh
	@bash bench/history.sh
	@bash bench/network.sh
	@bash bench/import.sh
	@sh bench/heldout.sh

build/bench_history: bench/history_bench.c $(LIBOBJ) | build
	$(CC) $(WK_CFLAGS) -Isrc $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBOBJ) \
	  $(WK_LIBS) $(LDFLAGS)

# Install: the binary, the data under $(DATADIR) (voices, schemas, the
# default station, clips, example bulletins and feeds, the crontab and
# systemd units, which name the installed binary by its full path, since
# cron's PATH is /usr/bin:/bin), man pages, the guides and messages. The
# installed binary finds its data without the source tree.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
	  $(DESTDIR)$(PREFIX)/share/locale/es/LC_MESSAGES $(DESTDIR)$(DOCDIR)
	install -m 755 willakuy $(DESTDIR)$(PREFIX)/bin/willakuy
	cp -R voices bulletins examples $(DESTDIR)$(DATADIR)/
	sed -i 's|/usr/local/bin/willakuy|$(PREFIX)/bin/willakuy|g' \
	  $(DESTDIR)$(DATADIR)/examples/crontab \
	  $(DESTDIR)$(DATADIR)/examples/systemd/*
	install -m 644 doc/willakuy.1 $(DESTDIR)$(MANPREFIX)/man1/willakuy.1
	install -m 644 doc/willakuy.5 $(DESTDIR)$(MANPREFIX)/man5/willakuy.5
	install -m 644 README.md doc/guia-operadores.md doc/guia-editores.md \
	  $(DESTDIR)$(DOCDIR)/
	install -m 644 locale/es/LC_MESSAGES/willakuy.mo \
	  $(DESTDIR)$(PREFIX)/share/locale/es/LC_MESSAGES/willakuy.mo

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/willakuy \
	  $(DESTDIR)$(MANPREFIX)/man1/willakuy.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/willakuy.5 \
	  $(DESTDIR)$(PREFIX)/share/locale/es/LC_MESSAGES/willakuy.mo
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# deb: the Debian package willakuy_$(VERSION)_<arch>.deb at the top of the
# tree (debian/: the binary and data under /usr, the station, bulletins
# and clips in /etc/willakuy, the user willakuy, /var/lib/willakuy, a
# systemd timer and a cron.d file). Built by dpkg-buildpackage from a copy
# of the sources in build/deb/, so that the tree's own build stays; no
# network. DEB_BUILD_OPTIONS passes on (parallel=2 by default).
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null)
DEB = willakuy_$(VERSION)_$(DEB_ARCH).deb
DEB_BUILD_OPTIONS ?= parallel=2
deb:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_DEB)"
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	  [ "$$v" = "$(VERSION)" ] || { echo "deb: debian/changelog says $$v," \
	    "the Makefile $(VERSION): add a changelog entry (dch -v $(VERSION))" >&2; \
	    exit 1; }
	rm -rf build/deb
	mkdir -p build/deb/willakuy-$(VERSION)
	tar -c --exclude=./build --exclude=./out --exclude=./willakuy \
	  --exclude=./locale --exclude=./.git --exclude='./*.deb' \
	  --exclude=./bench/out . | \
	  tar -x -C build/deb/willakuy-$(VERSION)
	cd build/deb/willakuy-$(VERSION) && \
	  DEB_BUILD_OPTIONS="$(DEB_BUILD_OPTIONS)" dpkg-buildpackage -b -us -uc \
	    >../build.log 2>&1 || { tail -n 40 ../build.log >&2; exit 1; }
	cp build/deb/$(DEB) .
	@echo "deb: $(DEB) (install: sudo apt-get install ./$(DEB); lintian: make lintian)"

# lintian on the package (errors fail; warnings are listed).
lintian:
	lintian --fail-on error --tag-display-limit 0 $(DEB)

clean:
	rm -rf build willakuy out locale willakuy_*.deb

.PHONY: kit-examples all deps deps-check deps-locale demo check clean fuzz bench pot install uninstall deb lintian

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)
