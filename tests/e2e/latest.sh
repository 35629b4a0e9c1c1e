# latest/ means "valid for today": a bulletin that fails on day 2 leaves
# nothing of day 1 in latest/ (on-failure="remove") or the station's clip,
# encoded at the station's settings, with no transcript (on-failure="clip");
# the others are day 2's; a bulletin no longer built is removed; a run of
# some bulletins keeps those built earlier the same day; a run for an
# earlier date leaves latest/ as it is; a link planted in latest/ is
# removed, never followed.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
D1=2026-11-27 D2=2026-11-28 D3=2026-11-29
say() {	# say ID TEXT
	printf '<bulletin id="%s" languages="es"><segment id="x"><say xml:lang="es">%s</say></segment></bulletin>\n' "$1" "$2" >"$1.xml"
}
station() {	# station FILE EXTRA
	printf '<station id="s" name="Radio Prueba"><feeds dir="."/><cache size-mb="0"/>%s</station>\n' "$2" >"$1"
}
station st.xml ''
run() {	# run STATION OUTDIR DATE BULLETIN...
	local s=$1 o=$2 d=$3
	shift 3
	"$WK" build -c "$s" -d "$d" -o "$o" "$@"
}
bulletins() {	# the bulletins' files in latest/ (not the page, playlist, manifest)
	ls -A "$1" | grep -v '^\.willakuy-latest$\|^index\.html$\|^latest\.m3u$'
}
state() {	# what latest/ holds, names and contents
	(cd "$1/latest" && ls -A | grep -v '\.tmp\.' | while read -r f; do
		printf '%s ' "$f"; { [ -L "$f" ] && readlink "$f"; } || md5sum <"$f"; done)
}
O=out
say a "Uno."; say b "Dos."; say c "Tres."

# Day 1: a, b and c.
expect_rc 0 run st.xml $O $D1 a.xml b.xml c.xml
for n in a b c; do cmp -s $O/$D1/$n-es.mp3 $O/latest/$n-es.mp3 || die "day 1: latest/$n-es.mp3"; done
grep -q "^a-es	$D1	built	$TMP/a.xml\$" $O/latest/.willakuy-latest ||
    die "manifest: $(cat $O/latest/.willakuy-latest)"
# Someone plants links in latest/: a file of a's and the manifest.
echo decoy >decoy; echo decoy2 >decoy2
ln -s "$TMP/decoy" $O/latest/a-es.txt

# Day 2: a's XML is broken, c is no longer built.
printf '<bulletin id="a" languages="es"><segment id="x">\n' >a.xml
rm $O/latest/.willakuy-latest; cp $O/latest/b-es.mp3 b1.mp3
ln -s "$TMP/decoy2" $O/latest/.willakuy-latest
expect_rc 3 run st.xml $O $D2 a.xml b.xml
grep_err "is not willakuy's"
[ "$(bulletins $O/latest)" = "b-es.mp3" ] || die "day 2: latest/ holds $(ls -A $O/latest)"
cmp -s $O/$D2/b-es.mp3 $O/latest/b-es.mp3 || die "day 2: latest/b-es.mp3 is not day 2's"
! cmp -s b1.mp3 $O/latest/b-es.mp3 || die "day 2: b is day 1's"
[ "$(cat decoy)" = decoy ] && [ "$(cat decoy2)" = decoy2 ] || die "a link in latest/ was followed"
[ ! -L $O/latest/.willakuy-latest ] || die "the planted manifest link stays"
grep -q "^willakuy-latest 1 $D2\$" $O/latest/.willakuy-latest || die "manifest date"

# Day 3: a is mended; then a run of b only keeps a (built today).
say a "Uno otra vez."
expect_rc 0 run st.xml $O $D3 a.xml b.xml
expect_rc 0 run st.xml $O $D3 b.xml
for n in a b; do cmp -s $O/$D3/$n-es.mp3 $O/latest/$n-es.mp3 || die "day 3: latest/$n-es.mp3"; done
before=$(state $O)
# A run for an earlier date (with c, which latest/ lacks) leaves it alone.
expect_rc 0 run st.xml $O $D1 a.xml c.xml
[ "$(state $O)" = "$before" ] || die "an earlier date changed latest/: $(state $O)"
grep_err "^willakuy: built for $D1; latest/ keeps the bulletins of $D3, a later date"
# b no longer built on day 4: gone; the files of day 4's a are there.
expect_rc 0 run st.xml $O 2026-11-30 a.xml
[ "$(bulletins $O/latest)" = "a-es.mp3" ] || die "day 4: latest/ holds $(ls $O/latest)"

# on-failure="clip": a 48 kHz stereo WAV the station recorded.
ffmpeg -v error -f lavfi -i "sine=f=440:d=2:r=48000" -ac 2 sorry.wav || die "no ffmpeg"
station clip.xml '<latest on-failure="clip" clip="sorry.wav"/>'
expect_rc 0 "$WK" check clip.xml
say a "Uno."
expect_rc 0 run clip.xml oc $D1 a.xml b.xml
# Day 2: a's only segment is a jingle that is missing: a fails.
printf '<bulletin id="a" languages="es"><segment id="x"><clip src="nada.wav"/></segment></bulletin>\n' >a.xml
expect_rc 3 run clip.xml oc $D2 a.xml b.xml
L=oc/latest/a-es.mp3
[ -s $L ] && [ ! -e oc/$D2/a-es.mp3 ] || die "no clip in latest/"
[ "$(bulletins oc/latest)" = "$(printf 'a-es.mp3\nb-es.mp3')" ] || die "clip: latest/ holds $(ls oc/latest)"
within "$(duration $L)" 1.9 2.2 || die "clip lasts $(duration $L) s"
[ "$(ffprobe -v error -show_entries stream=sample_rate,channels -of csv=p=0 $L)" = "44100,1" ] ||
    die "the clip is not at the station's settings"
set -- $(ebur128 $L)
within "$1" -23.6 -22.4 || die "clip loudness $1 LUFS"
mpg123 -q -w clip.wav $L 2>/dev/null && [ -s clip.wav ] || die "the clip does not decode"
grep -q "^a-es	$D2	clip	" oc/latest/.willakuy-latest || die "manifest: $(cat oc/latest/.willakuy-latest)"
cmp -s oc/$D2/b-es.mp3 oc/latest/b-es.mp3 || die "clip: b is not day 2's"
# A later run of b only keeps the clip; a broken a.xml gets it too.
cp $L clip1.mp3
printf '<bulletin id="a"' >a.xml
expect_rc 3 run clip.xml oc $D3 a.xml b.xml
cmp -s clip1.mp3 $L && ! grep -q "^a-es	$D2" oc/latest/.willakuy-latest || die "a broken a.xml: no clip"
expect_rc 0 run clip.xml oc $D3 b.xml
cmp -s clip1.mp3 $L || die "the clip was removed by a run of b"
# check refuses a clip it cannot read.
station bad.xml '<latest on-failure="clip" clip="nada.wav"/>'
expect_rc 3 "$WK" check bad.xml
grep_err "bad.xml: error: <latest clip>: .*nada.wav"
echo "latest: stale files removed, clip at the station's settings, same-day runs kept, earlier dates leave it, links not followed"
