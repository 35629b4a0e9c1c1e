# Float clips hold what integers cannot (issue 26, items 3 and 7). One NaN
# or infinite sample in a clip or bed made the bulletin silent (exit 4;
# LAME even aborted) while `check` passed: such a file is now refused by
# `check` and left out by `build`, which airs the rest (exit 1). A float
# clip peaking far over 0 dBFS (+30 dBFS) was only turned down 30 dB, and
# mastering then took the speech after it 8 dB down: the speech before
# and after it is now where it is beside a normal clip, within 1 dB.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
ST="$TOP/examples/station.xml"

# fwav OUT GAIN [SAMPLE=VALUE ...]: 2 s of a 440 Hz tone swelling at 3 Hz,
# 32-bit float mono at 44.1 kHz, times GAIN, with some samples set.
fwav() {
	python3 - "$@" <<'P'
import math, struct, sys
out, gain, rate = sys.argv[1], float(sys.argv[2]), 44100
x = [gain * math.sin(2 * math.pi * 440 * i / rate) *
     (0.5 + 0.5 * math.sin(2 * math.pi * 3 * i / rate)) for i in range(2 * rate)]
for a in sys.argv[3:]:
    k, v = a.split("=")
    x[int(k)] = float(v)
data = struct.pack("<%df" % len(x), *x)
hdr = b"RIFF" + struct.pack("<I", 38 + len(data)) + b"WAVE"
hdr += b"fmt " + struct.pack("<IHHIIHHH", 18, 3, 1, rate, rate * 4, 4, 32, 0)
open(out, "wb").write(hdr + b"data" + struct.pack("<I", len(data)) + data)
P
}
fwav "$TMP/ok.wav" 0.5
fwav "$TMP/nan.wav" 0.5 1000=nan
fwav "$TMP/inf.wav" 0.5 20000=-inf 20001=inf
fwav "$TMP/hot.wav" 31.6		# +30 dBFS
fwav "$TMP/absurd.wav" 0.5 500=3e6	# +130 dBFS: no recording
soxi "$TMP/hot.wav" | grep -q "32-bit Floating Point" || die "not a float WAV"

bul() {	# name clip [bed]
	local bed=
	[ $# -gt 2 ] && bed="<bed src=\"$3\" duck-db=\"15\"/>"
	cat >"$TMP/$1.xml" <<X
<bulletin id="$1" languages="es">
  <segment id="a">$bed<say xml:lang="es">Buenos días, estas son las noticias de la mañana.</say><clip src="$2"/><say xml:lang="es">Y ahora, los precios del mercado de Huamanga para hoy domingo.</say></segment>
</bulletin>
X
}
bul ok "$TMP/ok.wav"
bul nan "$TMP/nan.wav" "$TMP/inf.wav"
bul hot "$TMP/hot.wav"
bul absurd "$TMP/absurd.wav"

# check: the damaged clip and bed are errors naming the file; the hot
# clip is fine.
expect_rc 3 "$WK" check "$TMP/nan.xml"
grep_err "nan.xml:2:[0-9]+: error: clip .*nan.wav: 1 of the clip's samples are not numbers \(NaN or infinite\)"
grep_err "nan.xml:2:[0-9]+: error: bed .*inf.wav: 2 of the clip's samples are not numbers"
expect_rc 3 "$WK" check "$TMP/absurd.xml"
grep_err "absurd.wav: the clip's samples reach \+130 dBFS"
expect_rc 0 "$WK" check "$TMP/hot.xml" "$TMP/ok.xml"

# build: both left out, named, the words still said (exit 1).
expect_rc 1 "$WK" build -c "$ST" -d "$DATE" -o "$TMP/n" "$TMP/nan.xml"
grep_err "nan.xml:2:[0-9]+: error: segment 'a': .*nan.wav: 1 of the clip's samples are not numbers .*the segment is built without it"
grep_err "nan.xml:2:[0-9]+: error: segment 'a': .*inf.wav: 2 of the clip's samples are not numbers"
grep -q "precios del mercado de Huamanga" "$TMP/n/$DATE/nan-es.txt" || die "the speech after the clip is missing"
read -r li tp <<<"$(ebur128 "$TMP/n/$DATE/nan-es.mp3")"
within "$li" -23.5 -22.5 || die "without the damaged clip: $li LUFS"

# The hot clip: the speech around it as beside the normal clip.
expect_rc 0 "$WK" build -q -c "$ST" -d "$DATE" -o "$TMP/o" "$TMP/ok.xml"
expect_rc 0 "$WK" build -q -c "$ST" -d "$DATE" -o "$TMP/h" "$TMP/hot.xml"
rms() {	# file start seconds: RMS level in dBFS of the decoded stretch
	ffmpeg -v error -i "$1" -ss "$2" -t "$3" -ac 1 -f wav - |
	    sox -t wav - -n stat 2>&1 | awk '/RMS +amplitude/ { print 20 * log($3) / log(10) }'
}
o=$TMP/o/$DATE/ok-es.mp3 h=$TMP/h/$DATE/hot-es.mp3
d=$(duration "$o")
within "$(duration "$h")" "$(awk -v d="$d" 'BEGIN { print d - 0.05 }')" \
    "$(awk -v d="$d" 'BEGIN { print d + 0.05 }')" || die "the hot clip changed the length"
# Speech: the first 3 s and the last 3 s; the clip in between.
for part in "0 3" "$(awk -v d="$d" 'BEGIN { print d - 3 }') 3" "3.6 1.8"; do
	a=$(rms "$o" $part) b=$(rms "$h" $part)
	awk -v a="$a" -v b="$b" 'BEGIN { exit !(a - b < 1 && b - a < 1) }' ||
	    die "at $part s: $b dBFS beside the +30 dBFS clip, $a dBFS beside a normal one"
	echo "at $part s: $b dBFS (normal clip $a dBFS)"
done
echo "badclip: NaN and Inf refused, +130 dBFS refused, +30 dBFS matched"
