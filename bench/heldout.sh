#!/bin/sh
# Scores the verbalizer on the held-out tables of bench/heldout/: realistic
# bulletin sentences (price bulletins, weather warnings, health notices,
# municipal announcements) with the spoken form expected by Peru's
# conventions, one "written<TAB>spoken" row a line, LANG-SET.tsv. They were
# written by a helper session, not by Ayacucho's editors (README, "How the
# languages are spoken"), and are not read by make check: they measure,
# they do not gate. Usage: bench/heldout.sh [-v] [WILLAKUY]; -v prints each
# row said otherwise.
set -eu
verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
bin=${1:-./willakuy}
dir=$(dirname "$0")/heldout
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "$dir"/*.tsv; do
	name=$(basename "$t" .tsv)
	lang=${name%%-*}
	cut -f1 "$t" > "$tmp/in"
	cut -f2 "$t" > "$tmp/want"
	"$bin" verbalize -l "$lang" < "$tmp/in" > "$tmp/got" || true
	total=$(wc -l < "$tmp/want")
	ok=$(paste -d '\t' "$tmp/want" "$tmp/got" | awk -F '\t' '$1 == $2' | wc -l)
	awk -v n="$name" -v ok="$ok" -v t="$total" \
		'BEGIN { printf "held-out %-6s %3d/%3d  %5.1f %%\n", n, ok, t, 100 * ok / t }'
	if [ $verbose = 1 ]; then
		paste -d '\t' "$tmp/in" "$tmp/want" "$tmp/got" |
			awk -F '\t' '$2 != $3 { printf "  %s\n    want %s\n    got  %s\n", $1, $2, $3 }'
	fi
done
