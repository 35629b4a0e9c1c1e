# SIGKILL at many points of a run: every file under a final name is always
# complete (it decodes fully) or the previous one; after the next run
# starts, each bulletin's files all come from one run, and no temporary
# file is left.
. "$(dirname "$0")/lib.sh"
cc -O1 -shared -fPIC -o "$TMP/fsshim.so" "$TOP/tests/fault/fsshim.c" -ldl ||
    die "cannot build the file system shim"

# Two days of prices that sound different: A as shipped, B one sol dearer.
mkdir -p "$TMP/a" "$TMP/b"
cp "$TOP/examples/feeds/precios-$DATE.xml" "$TMP/a/"
python3 - "$TOP/examples/feeds/precios-$DATE.xml" "$TMP/b/precios-$DATE.xml" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'(value|previous)="([0-9.]+)"', lambda m: '%s="%.2f"' % (m.group(1), float(m.group(2)) + 1), s)
open(sys.argv[2], 'w').write(s)
PY
# No segment cache: every run must synthesize and encode, so that kills
# land in every stage.
for v in a b; do
	sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/$v\"/><cache size-mb=\"0\"/>|" \
	    "$TOP/examples/station.xml" >"$TMP/$v.xml"
done
cat >"$TMP/tiny.xml" <<X
<bulletin id="tiny" languages="es"><segment id="a"><say xml:lang="es">Hola.</say></segment></bulletin>
X
# A shorter bulletin than the example, so that many runs fit in the test.
cp -r "$TOP/bulletins/clips" "$TMP/clips"
sed '/<segment id="santa-clara">/,/<\/segment>/d; /<segment id="huanta">/,/<\/segment>/d' \
    "$TOP/bulletins/precios-manana.xml" >"$TMP/precios-manana.xml"
B="$TMP/precios-manana.xml"
O="$TMP/out"
D="$O/$DATE"
build() { (cd "$TOP" && "$WK" build -q -c "$TMP/$1.xml" -d "$DATE" -o "$O" "$2"); }

complete() {	# every file under a final name is whole
	local f s
	for f in "$D"/*.mp3 "$D"/*/*.mp3 "$O"/latest/*.mp3; do
		[ -e "$f" ] || continue
		mp3val "$f" | grep -qE 'WARNING|ERROR' && die "incomplete after kill: $f ($(mp3val "$f" | grep -E 'WARNING|ERROR'))"
		mpg123 -q -t "$f" 2>/dev/null || die "does not decode: $f"
	done
	for f in "$D"/*.m3u; do
		for s in $(grep -v '^#' "$f"); do
			[ -s "$D/$s" ] || die "$f names missing $s"
		done
	done
	for f in "$D"/*.txt; do
		[ -s "$f" ] || die "empty transcript $f"
	done
}

which_run() {	# A or B, from a transcript
	if grep -q 'papa amarilla, dos soles con cincuenta céntimos' "$1"; then echo A
	elif grep -q 'papa amarilla, tres soles con cincuenta céntimos' "$1"; then echo B
	else echo "?"; fi
}

whole() {	# all files of each bulletin-language come from one run
	local n r t
	for n in precios-manana-es precios-manana-qu; do
		[ -e "$D/$n.txt" ] || continue
		[ "$n" = precios-manana-qu ] && continue	# qu lines do not say "Papa amarilla"
		r=$(which_run "$D/$n.txt")
		ffprobe -v error -show_entries format_tags=comment -of default=nw=1:nk=1 "$D/$n.mp3" >"$TMP/c.txt"
		t=$(which_run "$TMP/c.txt")
		[ "$r" = "$t" ] || die "$n: transcript from run $r, whole MP3 from run $t"
		ffprobe -v error -show_entries format_tags=comment -of default=nw=1:nk=1 "$D/$n/02-huamanga.mp3" >"$TMP/c.txt"
		t=$(which_run "$TMP/c.txt")
		[ "$r" = "$t" ] || die "$n: transcript from run $r, segment from run $t"
		cmp -s "$D/$n.mp3" "$O/latest/$n.mp3" || die "latest/$n.mp3 is not the dated one"
	done
}

expect_rc 0 build a "$B"
complete
whole
kills=0
for delay in 0.05 0.3 0.7 1.2 1.8 2.6; do
	v=$([ $((kills % 2)) -eq 0 ] && echo b || echo a)
	build "$v" "$B" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	complete
	# The next run (here a tiny bulletin) finishes what was interrupted.
	expect_rc 0 build a "$TMP/tiny.xml"
	complete
	whole
done
# Now kill inside publishing itself, between two moves.
for delay in 0.1 0.5; do
	(export WK_RENAME_PAUSE_MS=200 LD_PRELOAD="$TMP/fsshim.so"; build b "$B") &
	pid=$!
	# Wait for the journal, then kill after a few moves.
	for i in $(seq 1 200); do
		ls "$D"/.*.journal >/dev/null 2>&1 && break
		sleep 0.05
	done
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	complete
	expect_rc 0 build a "$TMP/tiny.xml"
	complete
	whole
	[ "$(which_run "$D/precios-manana-es.txt")" = B ] || die "an interrupted publication was not finished"
	expect_rc 0 build a "$B"
done
# (.report-NAME.data are the report's kept sections, .willakuy-latest is
# latest/'s manifest, .willakuy-station the station OUTDIR belongs to and
# .NAME.stamp a publication's stamp, not leftovers.)
left=$(find "$O" \( -name '.*' ! -name .willakuy.lock ! -name .willakuy-run ! -name .willakuy-latest ! -name .willakuy-station ! -name .cache ! -name '.report-*.data' ! -name '.*.stamp' \) -o -name '.tmp.*')
[ -z "$left" ] || die "temporary files left: $left"
echo "kill: $kills runs killed, every file complete, every bulletin whole"
