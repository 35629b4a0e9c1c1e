# Helpers for the end-to-end tests. Each test is run as
#   bash tests/e2e/NAME.sh /path/to/willakuy
# from the top of the tree, fails with a message on the first broken
# expectation, and works in its own temporary folder.
set -u
WK=${1:?usage: $0 /path/to/willakuy}
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export WILLAKUY_DATA="$TOP"
DATE=2026-11-29

die() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_rc CODE command...: runs command, output in $TMP/out.txt, err in
# $TMP/err.txt, and checks its exit code.
expect_rc() {
	local want=$1 rc
	shift
	"$@" >"$TMP/out.txt" 2>"$TMP/err.txt"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		cat "$TMP/err.txt" >&2
		die "expected exit $want, got $rc: $*"
	fi
}

# grep_err PATTERN: the last command's stderr matches (extended regexp).
grep_err() {
	grep -Eq -- "$1" "$TMP/err.txt" || { cat "$TMP/err.txt" >&2; die "stderr lacks /$1/"; }
}

# Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128.
ebur128() {
	ffmpeg -hide_banner -nostats -i "$1" -af ebur128=peak=true -f null - 2>&1 |
	    awk '/Summary:/ { s = 1 } s && $1 == "I:" { i = $2 } s && $1 == "Peak:" { p = $2 }
		END { print i, p }'
}

# within VALUE LOW HIGH
within() {
	awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'
}

duration() {
	ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"
}

tag() {
	ffprobe -v error -show_entries "format_tags=$2" -of default=nw=1:nk=1 "$1"
}

# Leading and trailing silence (seconds) below -50 dBFS.
edge_silence() {
	local d
	d=$(duration "$1")
	ffmpeg -hide_banner -nostats -i "$1" -af silencedetect=n=-50dB:d=0.05 -f null - 2>&1 |
	    awk -v d="$d" '/silence_start:/ { st = $NF + 0 } /silence_end:/ { en = $5 + 0;
		if (st < 0.01) lead = en; } END { if (st > 0 && en == 0) trail = d - st;
		else if (st > 0 && en >= d - 0.01) trail = d - st; print lead + 0, trail + 0 }'
}

build_demo() {
	local out=$1
	shift
	(cd "$TOP" && "$WK" build -q -c examples/station.xml -d "$DATE" -o "$out" "$@")
}
