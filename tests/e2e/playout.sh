# What playout systems read from the MP3s: eyeD3, mutagen, ffprobe and
# Rivendell's size/frame-size formula agree with the decoded length within
# one frame; the LAME tag's CRCs are right (checked against LAME's own);
# gapless decoding gives back the segment's length; segments carry
# TRCK n/N; playlist titles are "Station - Title: name" without ids; the
# whole bulletin decodes to its TLEN, Info frame and RDXL length; the
# Liquidsoap example passes `liquidsoap --check` and airs each bulletin at
# its time, with a fallback.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
cat >"$TMP/b.xml" <<'B'
<bulletin id="corto" languages="es">
  <title xml:lang="es">Boletín corto</title>
  <segment id="santa-clara"><say xml:lang="es">Buenos días, Santa Clara. Hoy hay sol en Huanta.</say></segment>
  <segment id="cierre"><say xml:lang="es">Hasta mañana.</say></segment>
</bulletin>
B
cat >"$TMP/l.xml" <<'B'
<bulletin id="largo" languages="es">
  <title xml:lang="es">Boletín largo</title>
  <segment id="uno"><say xml:lang="es">Buenos días, Huamanga.</say></segment>
  <segment id="dos"><say xml:lang="es">La papa amarilla está a dos soles con cincuenta céntimos.</say></segment>
  <segment id="tres"><say xml:lang="es">Mañana lloverá en Huanta.</say></segment>
  <segment id="cuatro"><say xml:lang="es">Hasta mañana.</say></segment>
</bulletin>
B
build_demo "$TMP/o" "$TMP/b.xml" "$TMP/l.xml" || die "build"
d="$TMP/o/$DATE"
# A reference: LAME's own mono file, for the tag CRC convention.
sox -n -r 44100 -c 1 -b 16 "$TMP/t.wav" synth 1 sine 440 vol 0.3 &&
    lame --quiet -b 128 -m m "$TMP/t.wav" "$TMP/lame.mp3" || die "lame"
$PY - "$TMP/lame.mp3" "$d/corto-es.mp3" "$d"/corto-es/*.mp3 <<'P' || die "LAME tag"
import sys
def crc16(b, c=0):
    for x in b:
        c ^= x
        for _ in range(8):
            c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
    return c
for f in sys.argv[1:]:
    d = open(f, 'rb').read()
    o = 0
    if d[:3] == b'ID3':
        s = d[6:10]; o = 10 + ((s[0] << 21) | (s[1] << 14) | (s[2] << 7) | s[3])
    side = 17 if d[o + 3] >> 6 == 3 else 32
    x = o + 4 + side
    assert d[x:x + 4] in (b'Info', b'Xing'), f
    l = x + 120
    assert d[l:l + 4] == b'LAME', f
    tag_crc = int.from_bytes(d[l + 34:l + 36], 'big')
    assert crc16(d[o:l + 34]) == tag_crc, ('tag crc', f)
    if 'lame.mp3' in f:
        continue
    bri = d[o + 2] >> 4
    flen = 144 * [0,32,40,48,56,64,80,96,112,128][bri] * 1000 // 44100 + ((d[o + 2] >> 1) & 1)
    music = d[o + flen:]
    assert crc16(music) == int.from_bytes(d[l + 32:l + 34], 'big'), ('music crc', f)
    assert bri == 9, ('Info frame bit rate index', bri, f)
    delay = (d[l + 21] << 4) | (d[l + 22] >> 4)
    assert delay == 576, f
P
one=$(awk 'BEGIN { print 1152 / 44100 + 0.001 }')
for f in "$d/corto-es.mp3" "$d"/corto-es/*.mp3; do
	gap=$(ffmpeg -v error -i "$f" -f s16le - | wc -c)
	raw=$(mpg123 --no-gapless -q -s "$f" 2>/dev/null | wc -c)
	gap=$(awk -v n="$gap" 'BEGIN { print n / 2 / 44100 }')
	raw=$(awk -v n="$raw" 'BEGIN { print n / 2 / 44100 }')
	read -r ey mu riv <<<"$($PY - "$f" <<'P'
import sys, eyed3, mutagen.mp3
eyed3.log.setLevel("ERROR")
f = sys.argv[1]
d = open(f, 'rb').read()
s = d[6:10]; o = 10 + ((s[0] << 21) | (s[1] << 14) | (s[2] << 7) | s[3])
br = [0,32,40,48,56,64,80,96,112,128,160,192,224,256,320][d[o + 2] >> 4] * 1000
print(eyed3.load(f).info.time_secs, mutagen.mp3.MP3(f).info.length,
      1152 * (len(d) - o) / (144.0 * br / 44100) / 44100)
P
)"
	fp=$(duration "$f")
	# Readers that count every frame against the plain decode; those
	# that read the LAME tag against the gapless one.
	for pair in "eyeD3 $ey $raw" "ffprobe $fp $raw" "rivendell $riv $raw" \
	    "mutagen $mu $gap"; do
		set -- $pair
		awk -v a="$2" -v b="$3" -v t="$one" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }' ||
		    die "$f: $1 reads $2 s, decoded $3 s"
	done
done
# Gapless: the segment decodes to its TLEN (ms) exactly.
for f in "$d"/corto-es/*.mp3; do
	n=$(ffmpeg -v error -i "$f" -f s16le - | wc -c)
	tl=$(tag "$f" TLEN)
	awk -v n="$n" -v t="$tl" 'BEGIN { d = n / 2 / 44.1 - t; exit !(d < 1 && d > -1) }' ||
	    die "$f: decodes to $n bytes, TLEN $tl ms"
done
# The whole bulletin decodes to its TLEN, to what its Info frame says
# (mutagen reads it) and to RDXL's <length>, within one frame; and that is
# its segments and the station's pauses (800 ms) between them: the
# encoders' delay and padding inside do not lengthen it.
for b in corto largo; do
	f="$d/$b-es.mp3"
	n=$(ffmpeg -v error -i "$f" -f s16le - | wc -c)
	ms=$(awk -v n="$n" 'BEGIN { print n / 2 / 44.1 }')
	tl=$(tag "$f" TLEN)
	rdxl=$(sed -n 's|.*<length>\([0-9]*\)</length>.*|\1|p' "$d/$b-es.xml")
	info=$($PY -c 'import sys, mutagen.mp3; print(mutagen.mp3.MP3(sys.argv[1]).info.length * 1000)' "$f")
	segs=0
	k=0
	for s in "$d/$b-es"/*.mp3; do
		segs=$(awk -v a="$segs" -v b="$(ffmpeg -v error -i "$s" -f s16le - | wc -c)" 'BEGIN { print a + b / 2 / 44.1 }')
		k=$((k + 1))
	done
	nominal=$(awk -v a="$segs" -v k="$k" 'BEGIN { print a + (k - 1) * 800 }')
	for pair in "TLEN $tl" "RDXL $rdxl" "Info $info" "segments+pauses $nominal"; do
		set -- $pair
		awk -v a="$2" -v b="$ms" 'BEGIN { d = a - b; exit !(d <= 26.2 && -d <= 26.2) }' ||
		    die "$f: $1 says $2 ms, ffmpeg decodes $ms ms"
	done
	[ "$(tag "$f" title)" = "Boletín $b ($DATE)" ] || die "$f: title '$(tag "$f" title)' lacks the date"
done
[ "$(tag "$d/corto-es/01-santa-clara.mp3" track)" = 1/2 ] || die "TRCK 1/2"
[ "$(tag "$d/corto-es/02-cierre.mp3" track)" = 2/2 ] || die "TRCK 2/2"
# Playlist titles: "Station - Title: name", never an id with hyphens.
grep -q '^#EXTINF:[0-9]*,Radio Wamanga, la voz del campo - Boletín corto: santa clara$' \
    "$d/corto-es.m3u" || { cat "$d/corto-es.m3u"; die "EXTINF title"; }
# Liquidsoap: the example passes its check; run, it airs a bulletin at its
# time (the schedule set to seconds from now) with the MP3's artist and
# title, logs a missing one while the programme goes on (the fallback),
# and leaves alone one whose time has not come.
liquidsoap --check "$TOP/examples/willakuy.liq" || die "liquidsoap --check"
mkdir "$TMP/latest" "$TMP/musica"
cp "$d/corto-es.mp3" "$TMP/latest/corto-es.mp3"
cp "$d/corto-es.mp3" "$TMP/latest/otro-es.mp3"
sox -n -r 44100 -c 1 "$TMP/musica/tono.wav" synth 30 sine 440 vol 0.2 || die "sox"
now=$(date -d '+2 sec' +%H:%M:%S)
later=$(date -d '+3 hour' +%H:%M)
LIQ=
trap '[ -n "$LIQ" ] && kill "$LIQ" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
WILLAKUY_LATEST="$TMP/latest" WILLAKUY_MUSIC="$TMP/musica" \
    WILLAKUY_SCHEDULE="$now=corto-es $now=falta-qu $later=otro-es" \
    liquidsoap 'settings.init.allow_root.set(true)' "$TOP/examples/willakuy.liq" \
    >"$TMP/liq.txt" 2>&1 &
LIQ=$!
for _ in $(seq 120); do
	grep -q 'now: ' "$TMP/liq.txt" && grep -q 'falta-qu: .* is not there' "$TMP/liq.txt" && break
	kill -0 "$LIQ" 2>/dev/null || break
	sleep 0.5
done
kill "$LIQ" 2>/dev/null
wait "$LIQ" 2>/dev/null
LIQ=
grep -q "airing corto-es: $TMP/latest/corto-es.mp3" "$TMP/liq.txt" ||
    { tail -20 "$TMP/liq.txt"; die "Liquidsoap did not air corto-es at its time"; }
grep -q "now: Radio Wamanga, la voz del campo / Boletín corto ($DATE)\$" "$TMP/liq.txt" ||
    { tail -20 "$TMP/liq.txt"; die "Liquidsoap artist/title"; }
grep -q 'falta-qu: .* is not there; the programme goes on' "$TMP/liq.txt" ||
    { tail -20 "$TMP/liq.txt"; die "Liquidsoap: no fallback for a missing bulletin"; }
! grep -q 'airing otro-es' "$TMP/liq.txt" || die "Liquidsoap aired a bulletin before its time"
exit 0
