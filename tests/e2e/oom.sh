# Out of memory: the Nth allocation made by willakuy's own code fails
# (tests/fault/failalloc.c, preloaded), for N across the whole run of
# verbalize, check, preview and build. Every run must end with an exit code,
# never a crash; a run that reports the failure says "out of memory" and
# exits 7; a build that exits 0 has published its bulletin. Each command is
# failed at most OOM_RUNS times (default 200; 90 for preview and build), spread evenly over all its
# allocations, so that the test's time does not grow with the data the
# voices load; OOM_RUNS=100000 fails every allocation the stride reaches.
. "$(dirname "$0")/lib.sh"
cc -O1 -shared -fPIC -o "$TMP/failalloc.so" "$TOP/tests/fault/failalloc.c" -ldl ||
    die "cannot build the allocation shim"
printf 'S/ 2.50 el kg, 2026-11-29 a las 06:00; 21 @; Ayacucho\n' >"$TMP/in.txt"
cd "$TMP"
ulimit -c 0

loop() {	# stride command...
	local stride=$1 total n rc runs=0 oom=0
	shift
	WK_FAIL_COUNT="$TMP/count" LD_PRELOAD="$TMP/failalloc.so" "$@" <"$TMP/in.txt" >/dev/null 2>&1
	total=$(cat "$TMP/count")
	[ "$total" -gt 100 ] || die "only $total allocations counted for $*"
	# A wider stride when the command allocates more than OOM_RUNS
	# strides' worth; kept odd, so that it does not fall on the same
	# place of every loop over a table.
	if [ $((total / stride)) -gt "${OOM_RUNS:-200}" ]; then
		stride=$((total / ${OOM_RUNS:-200} | 1))
	fi
	for ((n = 1; n <= total; n += stride)); do
		rm -rf "$TMP/out"
		WK_FAIL_AT=$n LD_PRELOAD="$TMP/failalloc.so" "$@" <"$TMP/in.txt" >/dev/null 2>"$TMP/err.txt"
		rc=$?
		runs=$((runs + 1))
		if [ "$rc" -eq 0 ] && [ -n "${published:-}" ] && [ ! -s "$published" ]; then
			cat "$TMP/err.txt"
			die "$2: exit 0 but nothing published (allocation $n)"
		fi
		[ "$rc" -lt 128 ] || { cat "$TMP/err.txt"; die "$1 $2: killed by signal $((rc - 128)) when allocation $n failed"; }
		if [ "$rc" -eq 7 ]; then
			oom=$((oom + 1))
			grep -q "out of memory" "$TMP/err.txt" || die "$2: exit 7 without saying why (allocation $n)"
		fi
	done
	echo "$2: $runs runs over $total allocations, $oom reported out of memory, no crash"
}
loop 5 "$WK" verbalize -l qu
loop 31 "$WK" check -d "$DATE" "$TOP/bulletins/precios-manana.xml" \
    "$TOP/examples/feeds/precios-$DATE.xml" "$TOP/examples/feeds/noticias-$DATE.xml"
# preview synthesizes to time each segment: fewer, wider steps.
OOM_RUNS=${OOM_RUNS:-90} loop 47 "$WK" preview -c "$TOP/examples/station.xml" -d "$DATE" "$TOP/bulletins/noticias-redes.xml"
cat >"$TMP/uno.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="uno" languages="es">
  <title xml:lang="es">Uno</title>
  <segment id="hola"><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
OOM_RUNS=${OOM_RUNS:-90} published="$TMP/out/$DATE/uno-es.mp3" loop 97 "$WK" build -c "$TOP/examples/station.xml" \
    -d "$DATE" -o "$TMP/out" "$TMP/uno.xml"
