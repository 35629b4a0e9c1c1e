# latest/'s manifest never lags behind latest/: a run for a later date is
# stopped (SIGTERM, SIGINT, SIGKILL) at several points of its publications
# and of the end of the run, with every move slowed down; after the next
# run, for the earlier date, every file of latest/ is the one of the date
# its manifest names, and every bulletin in latest/ is named. Main's
# binary exits 0 there with latest/ holding the later date's file and the
# manifest saying the earlier.
. "$(dirname "$0")/lib.sh"
cc -O1 -shared -fPIC -o "$TMP/fsshim.so" "$TOP/tests/fault/fsshim.c" -ldl ||
    die "cannot build the file system shim"
cd "$TMP"
D1=2026-11-28 D2=$DATE
printf '<station id="s" name="Radio Prueba"><feeds dir="."/></station>\n' >st.xml
say() {	# say DAY: bulletins a, b and c for that day
	local n
	for n in a b c; do
		printf '<bulletin id="%s" languages="es"><segment id="x"><say xml:lang="es">%s, %s.</say></segment></bulletin>\n' \
		    "$n" "$n" "$1" >"$n.xml"
	done
}
run() { "$WK" build -q -c st.xml -d "$1" -o o a.xml b.xml c.xml; }
agree() {	# agree WHEN: latest/ and its manifest say the same
	local n d k src f
	[ -f o/latest/.willakuy-latest ] || die "$1: no manifest"
	while IFS='	' read -r n d k src; do
		case $n in willakuy-latest*) continue ;; esac
		[ "$k" = built ] || die "$1: $n is $k"
		cmp -s "o/latest/$n.mp3" "o/$d/$n.mp3" ||
		    die "$1: latest/$n.mp3 is not the file of $d, as the manifest says: $(cat o/latest/.willakuy-latest)"
	done <o/latest/.willakuy-latest
	for f in o/latest/*.mp3; do
		n=$(basename "$f" .mp3)
		grep -q "^$n	" o/latest/.willakuy-latest || die "$1: latest/$n.mp3 is not in the manifest"
	done
}

say $D1
expect_rc 0 run $D1
say $D2
expect_rc 0 run $D2
agree "a whole run"
kills=0
for k in TERM:0.3 KILL:0.6 INT:1.0 TERM:1.5 KILL:2.0 TERM:2.6; do
	sig=${k%%:*} delay=${k#*:}
	# latest/ back at D1: D2's folder gone, D1 built again.
	rm -rf "o/$D2"
	say $D1
	expect_rc 0 run $D1
	agree "back at $D1"
	say $D2
	(export WK_RENAME_PAUSE_MS=80 LD_PRELOAD="$TMP/fsshim.so"; exec "$WK" build -q -c st.xml -d $D2 -o o a.xml b.xml c.xml) 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -"$sig" "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	# The next run is for the earlier date: it finishes what was
	# interrupted and leaves latest/ as it is, agreeing.
	say $D1
	expect_rc 0 run $D1
	agree "after SIG$sig at $delay s"
done
[ "$kills" -ge 4 ] || die "only $kills runs were stopped: the test proves little"
# And a run for D2 puts it all at D2.
say $D2
expect_rc 0 run $D2
agree "the end"
for n in a b c; do grep -q "^$n-es	$D2	built	" o/latest/.willakuy-latest || die "$n is not at $D2"; done
echo "manifest: $kills runs stopped mid-publication, latest/ and its manifest always agree"
