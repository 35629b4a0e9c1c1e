# A network's day: shared work across bulletins and stations. A clip that
# two bulletins play is decoded once (-v says so), each voice's
# calibration is kept in the cache and measured again when the voice's
# settings change, two stations (-c twice) build into OUTDIR/<id>/ with
# their own names in the tags, the segments they share byte for byte, and
# a single -c keeps the usual layout.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
data=$TMP/data
mkdir -p "$data/voices" feeds
ln -s "$TOP/bulletins" "$data/bulletins"
ln -s "$TOP/voices/catalog.xml" "$data/voices/catalog.xml"
ln -s "$TOP/voices/qu" "$data/voices/qu"
cp -r "$TOP/voices/es" "$data/voices/es"
export WILLAKUY_DATA=$data
clip=$TOP/bulletins/clips/cortina.flac

for b in a b; do
	cat >$b.xml <<X
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="$b" languages="es">
  <title xml:lang="es">Boletín $b</title>
  <segment id="apertura">
    <clip src="$clip"/>
    <say xml:lang="es">Buenos días.</say>
  </segment>
  <segment id="cierre">
    <say xml:lang="es">Boletín $b, en {station}.</say>
  </segment>
</bulletin>
X
done
for s in uno:Radio\ Uno dos:Radio\ Dos; do
	cat >s-${s%%:*}.xml <<X
<station id="radio-${s%%:*}" name="${s#*:}"><feeds dir="feeds"/>
<audio rate="44100" channels="1" bitrate="96" mode="cbr"/></station>
X
done

# One station: today's layout; the clip is prepared once for both bulletins.
expect_rc 0 "$WK" build -v -j 2 -c s-uno.xml -d $DATE -o out1 a.xml b.xml
[ -s out1/$DATE/a-es.mp3 ] && [ -s out1/$DATE/b-es.mp3 ] || die "single -c: layout changed"
[ -e out1/radio-uno ] && die "single -c made a station folder"
n=$(grep -c "cortina.flac: note: clip prepared once" "$TMP/err.txt")
[ "$n" = 1 ] || die "the clip was prepared $n times, not once"
grep -q "voice 'es' calibrated" "$TMP/err.txt" || die "no calibration note"
[ "$(tag out1/$DATE/a-es.mp3 artist)" = "Radio Uno" ] || die "artist tag"

# Second run, a word changed: the calibration and the clip come from the cache.
sed -i 's/Buenos días/Muy buenos días/' a.xml
expect_rc 0 "$WK" build -v -c s-uno.xml -d $DATE -o out1 a.xml
grep_err "voice 'es': calibration taken from the cache"
grep -q "voice 'es' calibrated" "$TMP/err.txt" && die "calibration measured again"
grep_err "cortina.flac: note: clip taken prepared from the cache"

# The voice's settings change: measured again.
sed -i 's/rate="150"/rate="160"/' "$data/voices/es/voice.xml"
expect_rc 0 "$WK" build -v -c s-uno.xml -d $DATE -o out1 a.xml
grep_err "voice 'es' calibrated"
grep -q "calibration taken from the cache" "$TMP/err.txt" && die "stale calibration used"

# Two stations: a folder each, their names in the tags and spoken; the
# opening (the same for both) made once and byte-identical.
expect_rc 0 "$WK" build -v -c s-uno.xml -c s-dos.xml -d $DATE -o out2 a.xml b.xml
for s in uno dos; do
	for b in a b; do
		f=out2/radio-$s/$DATE/$b-es.mp3
		[ -s "$f" ] || die "$f missing"
		mp3val "$f" | grep -q WARNING && die "$f: mp3val"
	done
done
[ -e out2/$DATE ] && die "several stations: a dated folder at the top"
[ "$(tag out2/radio-uno/$DATE/a-es.mp3 artist)" = "Radio Uno" ] || die "uno: artist"
[ "$(tag out2/radio-dos/$DATE/a-es.mp3 artist)" = "Radio Dos" ] || die "dos: artist"
grep -q "en Radio Dos" out2/radio-dos/$DATE/b-es.txt || die "dos: transcript"
grep -q "en Radio Uno" out2/radio-uno/$DATE/b-es.txt || die "uno: transcript"
grep_err "[1-9][0-9]* segment\(s\) shared"
frames() {	# the MP3 frames of a file, without its ID3v2 tag
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
n = ((d[6] & 127) << 21 | (d[7] & 127) << 14 | (d[8] & 127) << 7 | (d[9] & 127)) + 10 if d[:3] == b"ID3" else 0
sys.stdout.buffer.write(d[n:])' "$1"
}
for b in a b; do
	cmp -s <(frames out2/radio-uno/$DATE/$b-es/01-apertura.mp3) \
	    <(frames out2/radio-dos/$DATE/$b-es/01-apertura.mp3) ||
	    die "$b: the shared opening differs between stations"
	cmp -s <(frames out2/radio-uno/$DATE/$b-es/02-cierre.mp3) \
	    <(frames out2/radio-dos/$DATE/$b-es/02-cierre.mp3) &&
	    die "$b: the closing names no station of its own"
done
# The whole bulletin holds the shared opening too.
mpg123 -q -w dec.wav out2/radio-dos/$DATE/a-es.mp3 || die "decode"
within "$(duration out2/radio-dos/$DATE/a-es.mp3)" 2 60 || die "length"

# Both stations in the same folder as two runs: usage error.
expect_rc 2 "$WK" build -c s-uno.xml -c s-uno.xml -d $DATE -o out3 a.xml
grep_err "given twice"
echo ok
