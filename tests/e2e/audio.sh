# Broadcast audio beyond the defaults: a 48 kHz stereo VBR station, every
# tag read back by another tool, Rivendell cart data, and a music bed that
# dips under speech. Recorded prompts: voicematch.sh and kit.sh.
. "$(dirname "$0")/lib.sh"


# 48 kHz, stereo, VBR, with Rivendell data.
sed 's/rate="44100" channels="1" bitrate="128" mode="cbr"/rate="48000" channels="2" mode="vbr" vbr-quality="3"/; s|<feeds dir="feeds"/>|<feeds dir="'"$TOP"'/examples/feeds"/>|' \
    "$TOP/examples/station.xml" >"$TMP/vbr.xml"
grep -q 'mode="vbr"' "$TMP/vbr.xml" || die "station edit"
(cd "$TOP" && "$WK" build -q -c "$TMP/vbr.xml" -d "$DATE" -o "$TMP/o" bulletins/noticias-redes.xml) ||
    die "48 kHz stereo VBR build"
f="$TMP/o/$DATE/noticias-redes-es.mp3"
info=$(ffprobe -v error -select_streams a -show_entries stream=sample_rate,channels -of default=nw=1:nk=1 "$f" | tr '\n' ' ')
[ "$info" = "48000 2 " ] || die "stream: $info"
mp3val "$f" | grep -q "Xing header" || die "no Xing header in VBR file"
v=$(mp3val "$f" | grep -E 'WARNING|ERROR') && die "mp3val: $v"
read -r li tp <<<"$(ebur128 "$f")"
within "$li" -23.5 -22.5 || die "VBR stereo loudness $li"
within "$tp" -100 -1 || die "VBR stereo true peak $tp"
# The decoded length matches what the Xing frame says.
dec=$(mpg123 -q -w "$TMP/d.wav" "$f" 2>/dev/null; soxi -D "$TMP/d.wav")
within "$dec" "$(awk -v d="$(duration "$f")" 'BEGIN{print d - 0.1}')" \
    "$(awk -v d="$(duration "$f")" 'BEGIN{print d + 0.1}')" || die "VBR duration"

# Tags: ID3v2.3 with the frames playout systems read.
head -c 5 "$f" | cmp -s - <(printf 'ID3\003\000') || die "not ID3v2.3"
ffprobe -v error -show_entries format_tags -of default=nw=1 "$f" >"$TMP/tags.txt"
for want in "TAG:title=Noticias de las redes" "TAG:artist=Radio Wamanga, la voz del campo" \
    "TAG:album=Noticias de las redes" "TAG:genre=Speech" "TAG:date=2026-11-29" \
    "TAG:language=spa" "TAG:TLEN=" "TAG:replaygain_track_gain=" "TAG:replaygain_track_peak=" \
    "TAG:comment=Noticias de las redes de turismo" "TAG:RDXL="; do
	grep -q "^$want" "$TMP/tags.txt" || { cat "$TMP/tags.txt" | cut -c1-80; die "tag $want"; }
done
gain=$(sed -n 's/^TAG:replaygain_track_gain=\([-+0-9.]*\) dB$/\1/p' "$TMP/tags.txt")
within "$gain" 4.5 5.5 || die "replaygain $gain for a -23 LUFS file"
tlen=$(sed -n 's/^TAG:TLEN=//p' "$TMP/tags.txt")
within "$tlen" "$(awk -v d="$dec" 'BEGIN{print d * 1000 - 1500}')" \
    "$(awk -v d="$dec" 'BEGIN{print d * 1000 + 1500}')" || die "TLEN $tlen for $dec s"
# Rivendell: a sidecar for rdimport --xml, valid to the end of the
# broadcast day (expire-days="0").
x="$TMP/o/$DATE/noticias-redes-qu.xml"
xmllint --noout "$x" || die "RDXL is not XML"
grep -q "<endDatetime>2026-11-29T23:59:59</endDatetime>" "$x" || die "RDXL end date"
grep -q "<title>Llikakunapa willakuyninkuna</title>" "$x" || die "RDXL title"

# A bed (a 3 kHz tone, easy to measure) under 2 s of silence then speech:
# loud while alone, 15 dB down under the voice.
sox -n -r 44100 -c 2 "$TMP/bed.wav" synth 4 sine 3000 vol 0.3
cat >"$TMP/b.xml" <<X
<bulletin id="b" languages="es">
  <segment id="a">
    <bed src="$TMP/bed.wav" duck-db="15" fade-ms="300"/>
    <pause ms="3000"/>
    <say xml:lang="es">Buenos días. Estas son las noticias de la mañana en la red de turismo de Huamanga y Huanta, con los precios del día.</say>
  </segment>
</bulletin>
X
"$WK" build -q -c "$TOP/examples/station.xml" -d "$DATE" -o "$TMP/b" "$TMP/b.xml" || die "bed build"
mpg123 -q -w "$TMP/b.wav" "$TMP/b/$DATE/b-es.mp3" 2>/dev/null
band() { sox "$TMP/b.wav" -n trim "$1" "$2" bandpass 3000 30h bandpass 3000 30h stat 2>&1 | awk '/RMS +amplitude/ { print $3 }'; }
alone=$(band 0.6 0.8)
under=$(band 5.0 2.0)
db=$(awk -v a="$alone" -v u="$under" 'BEGIN { print 20 * log(a / u) / log(10) }')
within "$db" 11 19 || die "the bed dips $db dB under speech, want about 15"
d=$(duration "$TMP/b/$DATE/b-es.mp3")
tail=$(band "$(awk -v d="$d" 'BEGIN{print d - 0.12}')" 0.1)
awk -v t="$tail" -v u="$under" 'BEGIN { exit !(t < u) }' || die "the bed does not fade out with the segment"
read -r li tp <<<"$(ebur128 "$TMP/b/$DATE/b-es.mp3")"
within "$li" -23.5 -22.5 || die "bed segment at $li LUFS"
# A clip of sparse clicks cannot reach the target under the true-peak
# ceiling: the run says so instead of publishing it silently.
python3 - "$TMP/clicks.wav" <<'P'
import struct, sys, wave
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(44100)
f = bytearray(44100 * 2 * 5)
for i in range(0, 44100 * 5, 4410):
    struct.pack_into("<h", f, i * 2, 3000)
w.writeframes(bytes(f)); w.close()
P
cat >"$TMP/k.xml" <<X
<bulletin id="k" languages="es">
  <segment id="clics" speech="optional"><clip src="$TMP/clicks.wav"/></segment>
</bulletin>
X
"$WK" build -c "$TOP/examples/station.xml" -d "$DATE" -o "$TMP/k" "$TMP/k.xml" 2>"$TMP/k.err" ||
    die "clicks build: $(cat "$TMP/k.err")"
grep -q "k-es/01-clics.mp3: loudness .* misses the station's target of -23.0 LUFS" "$TMP/k.err" ||
    die "no warning for an off-target segment: $(cat "$TMP/k.err")"
read -r li tp <<<"$(ebur128 "$TMP/k/$DATE/k-es.mp3")"
within "$tp" -100 -1 || die "clicks true peak $tp"

echo "audio: 48k stereo VBR ok; the bed dips $db dB"
