# The station's own voice (issue 15): `willakuy kit` lists the takes of the
# example price bulletin; examples/kit/make-kit.sh "records" them with
# espeak-ng in the voice itself, about 4.5 semitones higher (the same
# speaker: every take is accepted), and this test passes each take through
# a 400 Hz high-pass (another microphone, as a station's would be), which
# tells the takes from the voice in the output; with that kit, preview
# says at least 95 % of each price segment's spoken time comes from
# recordings, and an independent detector on the decoded MP3 agrees; no
# join clicks.
# The shipped Quechua examples, in espeak-ng's female variant, are another
# speaker (issue 24): each is refused, and the voice says their words.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
D="$TMP/data"
mkdir -p "$D/bulletins"
cp -r voices "$D/"
cp -r bulletins/schema "$D/bulletins/"
rm -rf "$D/voices/qu/prompts"
examples/kit/make-kit.sh es "$TMP/kit" "$WK" & a=$!
examples/kit/make-kit.sh qu "$TMP/kit" "$WK" & b=$!
wait $a || die "make-kit es"
wait $b || die "make-kit qu"
grep -q '^centimos.final.wav: céntimos$' "$TMP/kit/es/index.txt" || die "no list-final take"
grep -q '^papa-amarilla.wav: papa amarilla$' "$TMP/kit/es/index.txt" || die "no product take"
grep -q '^veintiuna.wav: veintiuna$' "$TMP/kit/es/index.txt" || die "number forms missing"
grep -q '^# espeak: es-419 150 48$' "$TMP/kit/es/index.txt" || die "the voice's settings are not in the index"
for f in "$TMP/kit/"*/*.wav; do
	sox -q "$f" "$TMP/take.wav" sinc 400 && mv "$TMP/take.wav" "$f" || die "sox $f"
done
mv "$TMP/kit/es" "$D/voices/es/prompts"
mv "$TMP/kit/qu" "$D/voices/qu/prompts"

# Coverage of each price segment, both languages.
WILLAKUY_DATA="$D" "$WK" preview -v -c examples/station.xml -d "$DATE" bulletins/precios-manana.xml >"$TMP/p.txt" 2>"$TMP/err.txt" ||
    die "preview"
# Every take is the voice's own: none refused.
! grep -q "cannot be used" "$TMP/err.txt" || { grep "cannot be used" "$TMP/err.txt" | head -3; die "a take of the kit was refused"; }
n=$(grep -c "matches the voice" "$TMP/err.txt")
[ "$n" -ge 300 ] || die "only $n takes checked against the voice"
n=$(awk '/^# precios-manana/ { l = $3 } /^## 0[234] / { s = $3 } /recorded:/ && s { print l, s, $2; s = "" }' "$TMP/p.txt" |
    tee "$TMP/cov.txt" | awk '$3 >= 95' | wc -l)
[ "$n" = 6 ] || { cat "$TMP/cov.txt" >&2; die "a price segment is under 95 % recorded"; }

# A short bulletin rendered with the kit and without: the takes' missing
# low end tells them apart (band.py), and they are a little higher.
cat >"$TMP/b.xml" <<'X'
<bulletin id="kit" languages="es" max-age-days="0">
  <segment id="sc"><prices feed="precios-{date}.xml" market="santa-clara"/></segment>
</bulletin>
X
WILLAKUY_DATA="$D" "$WK" build -q -c examples/station.xml -d "$DATE" -o "$TMP/k" "$TMP/b.xml" || die "build with kit"
"$WK" build -q -c examples/station.xml -d "$DATE" -o "$TMP/s" "$TMP/b.xml" || die "build without kit"
# The day's report shows the same figure (issue 15): the segment and the
# bulletin at 95 % or more; without the kit, no figure.
rec=$(grep -o 'data-recorded="[0-9]*"' "$TMP/k/$DATE/report.html" | cut -d'"' -f2 | sort -n | head -1)
[ -n "$rec" ] && [ "$rec" -ge 95 ] || die "the report says '$rec' % recorded"
! grep -q 'data-recorded=' "$TMP/s/$DATE/report.html" || die "a figure without recordings"
dec() { ffmpeg -v error -i "$1" -ac 1 -ar "$2" -f s16le -; }
len() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
base=$(dec "$TMP/s/$DATE/kit-es/01-sc.mp3" 4000 | python3 tests/e2e/pitch.py 4000 1000 | cut -d' ' -f2)
kit=$(dec "$TMP/k/$DATE/kit-es/01-sc.mp3" 4000 | python3 tests/e2e/pitch.py 4000 1000 | cut -d' ' -f2)
awk -v a="$base" -v b="$kit" 'BEGIN { exit !(b > 1.1 * a) }' || die "kit pitch $kit Hz not above the voice's $base Hz"
share=$(dec "$TMP/k/$DATE/kit-es/01-sc.mp3" 4000 | python3 tests/e2e/band.py 0.005 | cut -d' ' -f1)
awk -v s="$share" 'BEGIN { exit !(s >= 0.95) }' || die "only $share of voiced frames from the kit"
own=$(dec "$TMP/s/$DATE/kit-es/01-sc.mp3" 4000 | python3 tests/e2e/band.py 0.005 | cut -d' ' -f1)
awk -v s="$own" 'BEGIN { exit !(s <= 0.05) }' || die "the voice alone has $own of its frames like the kit's"
# Clicks: the largest jump against the speech's own, with and without.
ck=$(dec "$TMP/k/$DATE/kit-es/01-sc.mp3" 44100 | python3 tests/e2e/pitch.py 44100 0)
cs=$(dec "$TMP/s/$DATE/kit-es/01-sc.mp3" 44100 | python3 tests/e2e/pitch.py 44100 0)
awk -v k="$ck" -v s="$cs" 'BEGIN { exit !(k <= 1.5 * s + 1) }' || die "a click at a join: jump ratio $ck (synthesis alone $cs)"
# Level at the joins (issue 15: no step over 1 dB). An announcer's takes
# are uneven: the kit's Spanish takes are made 0 to 8 dB quieter, each
# its own. Built with the whole kit, and with every third take missing
# (so that recordings and synthesis join inside phrases), each phrase
# (speech between pauses) must be within 1 dB of the same phrase said by
# the voice alone: a recording is as loud as the words it replaces. The
# matching per recording of the earlier design was 2 dB out.
cp -r "$D" "$TMP/d2"
i=0
for f in "$TMP/d2/voices/es/prompts/"*.wav; do
	i=$((i + 1))
	sox -q "$f" "$TMP/take.wav" vol -$((i * 7919 % 9))dB && mv "$TMP/take.wav" "$f" || die "sox $f"
done
WILLAKUY_DATA="$TMP/d2" "$WK" build -q -c examples/station.xml -d "$DATE" -o "$TMP/u" "$TMP/b.xml" || die "build with uneven takes"
awk '/^#/ || NR % 3' "$D/voices/es/prompts/index.txt" >"$TMP/d2/voices/es/prompts/index.txt"
WILLAKUY_DATA="$TMP/d2" "$WK" build -q -c examples/station.xml -d "$DATE" -o "$TMP/h" "$TMP/b.xml" || die "build with part of the kit"
kw() { ffmpeg -v error -i "$1" -af highpass=f=60,highshelf=f=1500:g=4 -ac 1 -ar 16000 -f s16le "$2"; }
kw "$TMP/s/$DATE/kit-es/01-sc.mp3" "$TMP/s.raw" && kw "$TMP/u/$DATE/kit-es/01-sc.mp3" "$TMP/u.raw" &&
    kw "$TMP/h/$DATE/kit-es/01-sc.mp3" "$TMP/h.raw" || die "ffmpeg"
for b in u h; do
	set -- $(python3 tests/e2e/levels.py "$TMP/$b.raw" "$TMP/s.raw")
	[ "$1" -ge 12 ] && [ "$1" = "$2" ] || die "$b: $1 phrases, the voice alone $2"
	awk -v mx="$3" 'BEGIN { exit !(mx <= 1) }' || die "$b: a phrase $3 dB out of line with the voice's (median $4 dB)"
	echo "$b: $1 phrases, level within $3 dB of the voice's (median $4 dB)"
done
# The part-kit build has joins of recording and synthesis (changes of
# band with speech either side).
set -- $(dec "$TMP/h/$DATE/kit-es/01-sc.mp3" 4000 | python3 tests/e2e/band.py 0.005 steps)
[ "$1" -ge 5 ] || die "only $1 joins of recording and synthesis found"
ch=$(dec "$TMP/h/$DATE/kit-es/01-sc.mp3" 44100 | python3 tests/e2e/pitch.py 44100 0)
awk -v k="$ch" -v s="$cs" 'BEGIN { exit !(k <= 1.5 * s + 1) }' || die "a click at a join: jump ratio $ch (synthesis alone $cs)"
echo "joins: $1, jump ratio $ch"
# The shipped Quechua examples (voices/qu/prompts, espeak-ng's female
# variant: 179-248 Hz against the voice's 84-105 Hz for the same words)
# are another speaker: each of the 20 is refused with a warning naming it,
# none is spliced, and the segment is the voice alone, as without them.
sed 's/languages="es"/languages="qu"/' "$TMP/b.xml" >"$TMP/bq.xml"
mkdir -p "$TMP/nq/bulletins" && cp -r voices "$TMP/nq/" && cp -r bulletins/schema "$TMP/nq/bulletins/" &&
    rm -rf "$TMP/nq/voices/qu/prompts" || die "copy"
"$WK" build -v -c examples/station.xml -d "$DATE" -o "$TMP/q1" "$TMP/bq.xml" 2>"$TMP/q1.err" || die "build qu"
n=$(grep "prompts/index.txt:[0-9]*:1: warning: recorded prompt .*\.flac cannot be used (its pitch is [0-9]* Hz and the voice says the same words at [0-9]* Hz, [0-9.]* semitones apart (at most 7): another speaker.*; its words are synthesized" "$TMP/q1.err" | sort -u | wc -l)
[ "$n" = 20 ] || die "qu: $n of the 20 shipped recordings refused"
! grep -q "spliced in" "$TMP/q1.err" || die "qu: a shipped recording was spliced"
WILLAKUY_DATA="$TMP/nq" "$WK" build -q -c examples/station.xml -d "$DATE" -o "$TMP/q2" "$TMP/bq.xml" || die "build qu without recordings"
# No frame at their pitch (over half of them with the recordings spliced,
# before), and as long as the voice alone.
hi=$(dec "$TMP/q1/$DATE/kit-qu/01-sc.mp3" 4000 | python3 tests/e2e/pitch.py 4000 150 | cut -d' ' -f1)
awk -v s="$hi" 'BEGIN { exit !(s <= 0.05) }' || die "qu: $hi of the voiced frames over 150 Hz"
awk -v a="$(len "$TMP/q1/$DATE/kit-qu/01-sc.mp3")" -v b="$(len "$TMP/q2/$DATE/kit-qu/01-sc.mp3")" \
    'BEGIN { exit !(a < b + 0.2 && b < a + 0.2) }' || die "qu: not as long as the voice alone"
# The kit's Quechua takes, the voice's own: each phrase as loud as the
# voice alone says it.
WILLAKUY_DATA="$D" "$WK" build -v -c examples/station.xml -d "$DATE" -o "$TMP/q4" "$TMP/bq.xml" 2>"$TMP/q4.err" || die "build qu with the kit"
[ "$(grep -c 'spliced in' "$TMP/q4.err")" -ge 10 ] || die "qu: the kit's recordings were not used"
kw "$TMP/q4/$DATE/kit-qu/01-sc.mp3" "$TMP/q4.raw" && kw "$TMP/q2/$DATE/kit-qu/01-sc.mp3" "$TMP/q2.raw" || die "ffmpeg"
set -- $(python3 tests/e2e/levels.py "$TMP/q4.raw" "$TMP/q2.raw")
[ "$1" -ge 12 ] && [ "$1" = "$2" ] || die "qu: $1 phrases, the voice alone $2"
awk -v mx="$3" 'BEGIN { exit !(mx <= 1) }' || die "qu: a phrase $3 dB out of line with the voice's (median $4 dB)"
echo "qu (kit): $1 phrases, level within $3 dB of the voice's; the 20 shipped recordings refused ($hi of the frames over 150 Hz)"
# A take over 30 s is no prompt: it is refused with a warning that names it,
# and its words are synthesized (the segment is as long as without it).
mkdir -p "$TMP/nq/voices/qu/prompts"
printf 'sulis.wav: sulis\n' >"$TMP/nq/voices/qu/prompts/index.txt"
sox -q -n -r 22050 "$TMP/nq/voices/qu/prompts/sulis.wav" synth 31 sine 300 vol 0.3 || die "sox"
WILLAKUY_DATA="$TMP/nq" "$WK" build -c examples/station.xml -d "$DATE" -o "$TMP/q3" "$TMP/bq.xml" 2>"$TMP/err.txt"
grep_err "index.txt:1:1: warning: recorded prompt .*sulis.wav cannot be used \(the recording is longer than 30 s"
awk -v a="$(len "$TMP/q3/$DATE/kit-qu/01-sc.mp3")" -v b="$(len "$TMP/q2/$DATE/kit-qu/01-sc.mp3")" \
    'BEGIN { exit !(a < b + 1) }' || die "the long take was played"
echo "kit: voice $base Hz, kit $kit Hz, $share of voiced frames from the kit (voice alone $own); jump ratio $ck (synthesis $cs)"
