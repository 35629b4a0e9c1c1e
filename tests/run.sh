#!/usr/bin/env bash
# Runs every test of willakuy: the cmocka table tests of each stage, built
# normally and with AddressSanitizer + UBSan, then the end-to-end scripts in
# tests/e2e/ (which run the real binary and check its output with ffmpeg,
# mpg123 and mp3val), some of them also with the sanitizer binary. Ends with
# the line "N passed, N failed" and fails if any test failed.
set -u
cd "$(dirname "$0")/.."
export WILLAKUY_DATA="$PWD"
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
pass=0
fail=0
failed=""
only="${1:-}"

run() {
	local name=$1
	shift
	case "$name" in *"$only"*) ;; *) return ;; esac
	local start=$SECONDS out
	if out=$("$@" 2>&1); then
		pass=$((pass + 1))
		printf 'ok    %-44s %3ss\n' "$name" $((SECONDS - start))
	else
		fail=$((fail + 1))
		failed="$failed $name"
		printf 'FAIL  %-44s %3ss\n' "$name" $((SECONDS - start))
		printf '%s\n' "$out" | tail -n 40 | sed 's/^/      /'
	fi
}

for t in build/tests/test_*; do
	[ -x "$t" ] && run "unit/$(basename "$t")" "$t"
done
for t in build/asan/tests/test_*; do
	[ -x "$t" ] && run "asan/$(basename "$t")" "$t"
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
for t in build/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=${t##*/fuzz_}
	corpus=$(mktemp -d)
	run "fuzz/$name" "$t" -max_total_time=4 -timeout=10 -rss_limit_mb=1024 \
	    -artifact_prefix="$corpus/" "$corpus" "tests/fuzz/corpus/$name"
	rm -rf "$corpus"
done

echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
