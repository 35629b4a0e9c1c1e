# Faults an unattended run meets: a full disk, a read-only output folder,
# a lock held by another run, a missing clip, voice or espeak-ng data, a
# stale or broken feed, a broken bulletin among good ones. Each gets a
# clear message and its own exit code, and earlier outputs stay intact.
. "$(dirname "$0")/lib.sh"
ST="$TOP/examples/station.xml"

small() {	# a short bulletin: name, text
	cat >"$TMP/$1.xml" <<X
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="$1" languages="es">
  <title xml:lang="es">Prueba</title>
  <segment id="a"><say xml:lang="es">$2</say></segment>
</bulletin>
X
}
sums() { (cd "$1" && find . -path ./.cache -prune -o -type f ! -name '.willakuy.lock' ! -name .willakuy-latest ! -name report.html -print0 | sort -z | xargs -0 md5sum); }
run() { "$WK" build -q -c "$ST" -d "$DATE" "$@"; }

# Lock held by another run: exit 6 after the wait.
small uno "Hola, este es un boletín de prueba."
mkdir -m 755 -p "$TMP/o"
flock "$TMP/o/.willakuy.lock" sleep 4 &
sleep 0.3
start=$(date +%s%N)
expect_rc 6 run -w 2 -o "$TMP/o" "$TMP/uno.xml"
waited=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$waited" -ge 1950 ] || die "-w 2 gave up after $waited ms"
grep_err "another willakuy run"
wait

# A good run, kept for comparison.
expect_rc 0 run -o "$TMP/o" "$TMP/uno.xml"
# latest/'s page and playlist list every bulletin: they change with dos.
sums "$TMP/o" | grep -v 'latest/index.html\|latest/latest.m3u' >"$TMP/before.txt"

# A broken bulletin among good ones: the good one is built, exit 3.
printf '<bulletin id="x"' >"$TMP/roto.xml"
small dos "Segundo boletín."
expect_rc 3 run -o "$TMP/o" "$TMP/roto.xml" "$TMP/dos.xml"
grep_err "roto.xml:1:[0-9]+: error"
[ -s "$TMP/o/$DATE/dos-es.mp3" ] || die "the good bulletin was not built"

# A missing clip: named, left out, the bulletin is built without it (exit 1).
cat >"$TMP/clip.xml" <<X
<bulletin id="clip" languages="es">
  <segment id="a"><clip src="no-such-jingle.wav"/><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
expect_rc 1 run -o "$TMP/o" "$TMP/clip.xml"
# -q gives one line for the cause: the clip, and what it affected.
grep_err "no-such-jingle.wav: error: the clip does not exist: 1 segment of 1 bulletin goes to air without it"
[ -s "$TMP/o/$DATE/clip-es.mp3" ] || die "not published without its clip"
grep -q "Hola" "$TMP/o/$DATE/clip-es.txt" || die "the text was not spoken"

# A missing voice: exit 3.
sed 's/languages="es"/languages="es ay"/' "$TMP/uno.xml" >"$TMP/ay.xml"
expect_rc 3 run -o "$TMP/o2" "$TMP/ay.xml"
grep_err "no voice for language 'ay'"
[ -s "$TMP/o2/$DATE/uno-es.mp3" ] || die "the es bulletin was not built"

# espeak-ng data missing: exit 4, nothing touched.
mkdir -p "$TMP/nodata"
WILLAKUY_ESPEAK_DATA="$TMP/nodata" expect_rc 4 run -o "$TMP/o" "$TMP/uno.xml"
grep_err "espeak-ng"
WILLAKUY_ESPEAK_DATA=/nonexistent expect_rc 4 run -o "$TMP/o" "$TMP/uno.xml"
grep_err "/nonexistent: error: WILLAKUY_ESPEAK_DATA names no folder of espeak-ng data"
sums "$TMP/o" | grep -v 'dos-es\|clip\|latest/index.html\|latest/latest.m3u' | cmp -s - "$TMP/before.txt" || die "outputs changed"

# A stale feed: the segment falls back, the run says so; it is all the
# bulletin reads, so the bulletin has nothing new and is not published
# (issue 24), exit 3; preview shows the fallback phrase.
mkdir -p "$TMP/feeds"
sed 's/date="2026-11-29"/date="2026-11-27"/' "$TOP/examples/feeds/precios-$DATE.xml" >"$TMP/feeds/precios-$DATE.xml"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/>|" "$ST" >"$TMP/stale-station.xml"
cat >"$TMP/p.xml" <<X
<bulletin id="p" languages="es qu">
  <segment id="a"><say xml:lang="es">Precios.</say><say xml:lang="qu">Chaninkuna.</say></segment>
  <segment id="m"><prices feed="precios-{date}.xml" market="huanta-central"/></segment>
</bulletin>
X
expect_rc 3 "$WK" build -c "$TMP/stale-station.xml" -d "$DATE" -o "$TMP/o3" "$TMP/p.xml"
grep_err "dated 2026-11-27, too old"
grep_err "bulletin 'p' in 'es' has nothing new to say"
[ -e "$TMP/o3/$DATE/p-es.mp3" ] && die "the empty bulletin was published"
"$WK" preview -q -c "$TMP/stale-station.xml" -d "$DATE" "$TMP/p.xml" >"$TMP/pv.txt"
grep -q "Hoy no tenemos precios actualizados del Mercado Central de Huanta" "$TMP/pv.txt" ||
    die "no fallback phrase in es"
grep -q "Kunan punchawqa manam kanchu musuq chaninkuna" "$TMP/pv.txt" || die "no fallback phrase in qu"
# A broken feed: same, and the feed's own error is shown.
printf '<prices date="2026-11-29"><market' >"$TMP/feeds/precios-$DATE.xml"
expect_rc 3 "$WK" build -c "$TMP/stale-station.xml" -d "$DATE" -o "$TMP/o3" "$TMP/p.xml"
grep_err "precios-$DATE.xml:1:[0-9]+: error"
grep_err "cannot be used"

# Disk full and read-only need a file system of our own (root: tmpfs).
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=3m,mode=755 tmpfs "$TMP/o" 2>/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then die "cannot mount a tmpfs as root"; fi
	echo "not root: disk-full and read-only cases need a tmpfs; covered in CI"
	exit 0
fi
trap 'umount "$TMP/o" 2>/dev/null; rm -rf "$TMP"' EXIT
expect_rc 0 run -o "$TMP/o" "$TMP/uno.xml"
sums "$TMP/o" >"$TMP/before.txt"
# Fill the disk, then try to publish a longer bulletin.
dd if=/dev/zero of="$TMP/o/filler" bs=64k 2>/dev/null
small uno "$(printf 'Este boletín es bastante más largo que el primero. %.0s' $(seq 1 30))"
small otro "Otro boletín."
small tres "Tercer boletín."
# Bulletins are in flight two at a time: the one after the failure may
# be under way already (or not yet, on a loaded machine); the ones not
# started are named, not skipped silently.
expect_rc 5 run -o "$TMP/o" "$TMP/uno.xml" "$TMP/otro.xml" "$TMP/tres.xml"
grep_err "$TMP/o/[^ ]*: error: .*No space left on device"
grep_err "(tres.xml: error: not built, nor the 0 bulletins after it|otro.xml: error: not built, nor the 1 bulletins after it)"
rm -f "$TMP/o/filler"
sums "$TMP/o" | cmp -s - "$TMP/before.txt" || die "disk full changed the earlier outputs"
# Read-only.
mount -o remount,ro "$TMP/o"
expect_rc 5 run -o "$TMP/o" "$TMP/uno.xml"
grep_err "Read-only file system"
mount -o remount,rw "$TMP/o"
sums "$TMP/o" | cmp -s - "$TMP/before.txt" || die "read-only run changed the outputs"
echo "faults: lock, broken bulletin, clip, voice, espeak data, stale and broken feed, disk full, read-only"
