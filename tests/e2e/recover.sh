# Recovery that recovers: a folder swap that fails leaves the previous
# bulletin whole and listed; latest/ on another file system is published by
# copy; latest/ only moves forward; a damaged cache entry is dropped and
# made again; SIGTERM during publication ends only after it; a run killed
# right after its journal is finished by the next one, latest/ included.
. "$(dirname "$0")/lib.sh"
cc -O1 -shared -fPIC -o "$TMP/fsshim.so" "$TOP/tests/fault/fsshim.c" -ldl ||
    die "cannot build the file system shim"
say() {	# say FILE TEXT
	cat >"$1" <<X
<bulletin id="tiny" languages="es"><segment id="a"><say xml:lang="es">$2</say></segment></bulletin>
X
}
say "$TMP/one.xml" "Uno."
say "$TMP/two.xml" "Dos y tres."
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TOP/examples/feeds\"/>|" "$TOP/examples/station.xml" >"$TMP/st.xml"
O="$TMP/out"
D="$O/$DATE"
run() { "$WK" build -q -c "$TMP/st.xml" -d "${2:-$DATE}" -o "$O" "$1"; }
listed() {
	local s
	for s in $(grep -v '^#' "$D/tiny-es.m3u"); do [ -s "$D/$s" ] || die "m3u names missing $s"; done
}

expect_rc 0 run "$TMP/one.xml"
grep -q Uno "$D/tiny-es.txt" || die "no transcript"

# The swap fails (as on an immutable folder): nothing of the new run shows.
WK_FAIL_EXCHANGE=1 LD_PRELOAD="$TMP/fsshim.so" run "$TMP/two.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
[ $? -ne 0 ] || die "a failed swap was reported as success"
grep_err "previous bulletin stays"
grep -q Uno "$D/tiny-es.txt" || die "the transcript moved without its segments"
listed
cmp -s "$D/tiny-es.mp3" "$O/latest/tiny-es.mp3" || die "latest/ moved without the dated files"
expect_rc 0 run "$TMP/one.xml"
[ -z "$(ls -A "$D" | grep -E '^\..*(journal|\.tmp\.|\.new\.)')" ] || die "leftovers: $(ls -A "$D")"

# latest/ on another file system: the hard link fails, a copy is published.
WK_LINK_EXDEV=1 LD_PRELOAD="$TMP/fsshim.so" expect_rc 0 run "$TMP/two.xml"
grep -q Dos "$D/tiny-es.txt" || die "not published"
cmp -s "$D/tiny-es.mp3" "$O/latest/tiny-es.mp3" || die "latest/ not published by copy"
[ "$(stat -c %h "$O/latest/tiny-es.mp3")" = 1 ] || die "latest/ is a hard link though link() failed"

# An earlier date does not replace latest/.
expect_rc 0 run "$TMP/one.xml" 2026-11-01
cmp -s "$D/tiny-es.mp3" "$O/latest/tiny-es.mp3" || die "an earlier date replaced latest/"
[ -s "$O/2026-11-01/tiny-es.mp3" ] || die "the earlier date was not built"

# A damaged cache entry: dropped with a warning naming the cache, rebuilt.
# (Without its stamp the unchanged bulletin is made again from the cache.)
for f in "$O"/.cache/*.mp3; do printf 'XXXX' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null; done
rm -f "$D/.tiny-es.stamp"
expect_rc 0 "$WK" build -c "$TMP/st.xml" -d "$DATE" -o "$O" "$TMP/two.xml"
grep_err "\.cache: warning: cache entry [0-9a-f]{32}\.mp3 is damaged"
mpg123 -q -t "$D/tiny-es.mp3" 2>/dev/null || die "rebuilt file does not decode"
expect_rc 0 "$WK" build -c "$TMP/st.xml" -d "$DATE" -o "$O" "$TMP/two.xml"
grep -q damaged "$TMP/err.txt" && die "the rebuilt entry is damaged again"

# SIGTERM during publication: the run finishes the publication, then ends.
(export WK_RENAME_PAUSE_MS=150 LD_PRELOAD="$TMP/fsshim.so"; exec "$WK" build -q -c "$TMP/st.xml" -d "$DATE" -o "$O" "$TMP/one.xml") &
pid=$!
for i in $(seq 1 200); do ls "$D"/.*.journal >/dev/null 2>&1 && break; sleep 0.02; done
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 143 ] || die "SIGTERM: exit $rc, want 143"
[ -z "$(ls -A "$D" | grep journal)" ] || die "SIGTERM left the publication half done"
grep -q Uno "$D/tiny-es.txt" || die "SIGTERM: the publication was not finished"
listed
cmp -s "$D/tiny-es.mp3" "$O/latest/tiny-es.mp3" || die "SIGTERM: latest/ not finished"

# SIGKILL right after the journal: the next run finishes, latest/ too.
(export WK_RENAME_PAUSE_MS=400 LD_PRELOAD="$TMP/fsshim.so"; exec "$WK" build -q -c "$TMP/st.xml" -d "$DATE" -o "$O" "$TMP/two.xml") &
pid=$!
for i in $(seq 1 300); do ls "$D"/.*.journal >/dev/null 2>&1 && break; sleep 0.01; done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
ls -A "$D" | grep -q journal || die "the kill came too late for the test"
say "$TMP/other.xml" "Otro."
sed -i 's/id="tiny"/id="other"/' "$TMP/other.xml"
expect_rc 0 run "$TMP/other.xml"
grep -q Dos "$D/tiny-es.txt" || die "the journal was not finished"
cmp -s "$D/tiny-es.mp3" "$O/latest/tiny-es.mp3" || die "latest/ was not finished with the dated files"
echo "recover: failed swap undone, copy to latest/, latest/ forward only, cache rebuilt, SIGTERM waits, journal finished"
