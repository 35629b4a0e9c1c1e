# A price feed costs memory for what it keeps, not for the file: the feed
# is read as a stream. A one-line feed of 300 000 prices of products the
# catalogue does not know (issue 26's file: 17 MB on one line, which took
# 350 MB to read) and one of 300 000 prices of products the catalogue
# knows, a line each (make bench's readers workload): each is read in
# seconds and under 200 MB, with the values the feed says.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

python3 - <<'P'
out = ['<?xml version="1.0" encoding="UTF-8"?><prices date="2026-11-29" currency="PEN">'
       '<market id="nery-garcia" name="M">']
out += ['<price product="producto-%d" unit="kg" value="1.50"/>' % i for i in range(300000)]
out.append('</market></prices>\n')
open('unknown.xml', 'w').write(''.join(out))
P
[ "$(wc -l <unknown.xml)" -eq 1 ] || die "the feed is not one line"
# bench's readers workload: 300 000 prices of the catalogue's products in
# markets of their own, a line each.
python3 "$TOP/bench/feeds.py" prices 300000 known.xml "$TOP/voices/catalog.xml"

# measure NAME command...: CPU seconds and peak RSS (KB) of the command in
# $TMP/NAME.time; its output in $TMP/NAME.out and .err.
measure() {
	local name=$1
	shift
	/usr/bin/time -f "%U %S %M" -o "$TMP/$name.time" timeout 120 "$@" \
	    >"$TMP/$name.out" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.rc"
}
# bounded NAME: at most 5 s of processor time (what a loaded machine
# still tells) and 200 MB.
bounded() {
	local user sys rss cpu
	read -r user sys rss <<<"$(tail -n 1 "$TMP/$1.time")"
	cpu=$(echo "$user + $sys" | bc)
	within "$cpu" 0 5 || die "$1: $cpu s of processor time (at most 5)"
	[ "$rss" -lt 204800 ] || die "$1: peak RSS $rss KB (at most 200 MB)"
	echo "$1: $cpu s, $((rss / 1024)) MB"
}

# The unknown products, archived by history import: the reader alone (check
# would also list 300 000 unknown products, which is the diagnostics' work).
mkdir -p out
measure import "$WK" history import -o out unknown.xml
[ "$(cat import.rc)" -eq 0 ] || { cat import.err >&2; die "history import failed"; }
grep -q "archived (1 market, 300000 prices)" import.out || { cat import.out >&2; die "not every price read"; }
bounded import
[ "$(sqlite3 out/history.sqlite "select count(*) from price where product like 'producto-%'")" -eq 300000 ] ||
    die "the archive lacks prices"
[ "$(sqlite3 out/history.sqlite "select value from price where product = 'producto-299999'")" = 150 ] ||
    die "the last price was not read as S/ 1.50"

# The known products: check reads them all, with no error (each market
# not in the catalogue is a warning).
measure check "$WK" check -d "$DATE" known.xml
[ "$(cat check.rc)" -eq 0 ] || { head -c 2000 check.err >&2; die "check of the known feed failed"; }
grep -q ": error: " check.err && { grep -m 3 ": error: " check.err >&2; die "check found errors"; }
bounded check
