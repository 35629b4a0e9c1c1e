#!/usr/bin/env bash
# Runs every test of willakuy: the cmocka table tests of each stage, built
# normally and with AddressSanitizer + UBSan, then the end-to-end scripts in
# tests/e2e/ (which run the real binary and check its output with ffmpeg,
# mpg123 and mp3val), some of them also with the sanitizer binary, then a
# short run of each libFuzzer target. `tests/run.sh NAME` runs those whose
# name contains NAME.
#
# A suite the tree has but that did not run is a failure: a unit test of
# tests/unit/ or a fuzz target of the Makefile whose binary is not built
# (`make check` builds them all), or a NAME that matches no test. An e2e
# script that cannot run here (a tool it needs is missing) prints one line
# saying why and exits 77: it is counted as skipped, with that line. Ends
# with the line "N passed, N failed, N skipped" and fails if any test
# failed or did not run.
set -u
cd "$(dirname "$0")/.."
export WILLAKUY_DATA="$PWD"
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
pass=0
fail=0
skip=0
failed=""
only="${1:-}"

# wanted NAME: the test is among those asked for.
wanted() {
	case "$1" in *"$only"*) return 0 ;; esac
	return 1
}

flunk() {	# flunk NAME SECONDS WHY...
	local name=$1 secs=$2
	shift 2
	fail=$((fail + 1))
	failed="$failed $name"
	printf 'FAIL  %-44s %3ss\n' "$name" "$secs"
	printf '%s\n' "$@" | tail -n 40 | sed 's/^/      /'
}

run() {
	local name=$1 start=$SECONDS out rc
	shift
	wanted "$name" || return 0
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
		printf 'ok    %-44s %3ss\n' "$name" $((SECONDS - start))
	elif [ "$rc" -eq 77 ]; then
		skip=$((skip + 1))
		printf 'skip  %-44s %3ss  %s\n' "$name" $((SECONDS - start)) \
		    "$(printf '%s\n' "$out" | sed '/^[[:space:]]*$/d' | tail -n 1)"
	else
		flunk "$name" $((SECONDS - start)) "$out"
	fi
}

# built NAME BINARY: the binary of a test the tree has is there.
built() {
	wanted "$1" || return 1
	[ -x "$2" ] && return 0
	flunk "$1" 0 "not built: make $2"
	return 1
}

units=$(ls tests/unit/test_*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
for u in $units; do
	built "unit/$u" "build/tests/$u" && run "unit/$u" "build/tests/$u"
done
for u in $units; do
	built "asan/$u" "build/asan/tests/$u" && run "asan/$u" "build/asan/tests/$u"
done
for t in tests/e2e/*.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	run "e2e/$(basename "$t" .sh)" bash "$t" "$PWD/willakuy"
done
# The sanitizer build runs the end-to-end tests that exercise the most code.
for t in tests/e2e/demo.sh tests/e2e/check.sh tests/e2e/cli.sh; do
	run "asan-e2e/$(basename "$t" .sh)" bash "$t" "$PWD/build/asan/willakuy"
done

# A short smoke run of each libFuzzer target on the seed corpus
# (`make fuzz` runs them for longer).
for name in $(sed -n 's/^FUZZ_TARGETS *= *//p' Makefile); do
	t=build/fuzz/fuzz_$name
	built "fuzz/$name" "$t" || continue
	corpus=$(mktemp -d)
	run "fuzz/$name" "$t" -max_total_time=4 -timeout=10 -rss_limit_mb=1024 \
	    -artifact_prefix="$corpus/" "$corpus" "tests/fuzz/corpus/$name"
	rm -rf "$corpus"
done

if [ $((pass + fail + skip)) -eq 0 ]; then
	flunk "${only:-(all)}" 0 "no test is named like '$only'"
fi
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
