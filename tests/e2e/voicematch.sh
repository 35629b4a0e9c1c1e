# Recorded prompts are the station's voice or nothing (issue 24 item 3,
# issue 26 item 6). A take of "allin punchaw" that is silence (a muted
# microphone), a 1 kHz tone, a 100 Hz buzz (at the voice's own pitch),
# white noise, a good take 35 dB too quiet, or another speaker (espeak-ng's
# female variant, as the examples once shipped) is refused with a warning that
# names the file and why, and the voice
# says the words: the segment is as long as without the take, as voiced,
# and has no frame at a woman's pitch or the tone's (before, the silence
# was spliced and the words vanished, the tone and the woman were aired).
# A missing take is synthesized too. A take in the voice itself (slower,
# a little higher) is spliced, and preview and the report count it; a
# refused one is not counted.
. "$(dirname "$0")/lib.sh"
# The takes are the station's own: in its system folder (WILLAKUY_LOCAL).
export WILLAKUY_LOCAL="$TMP/local"
P="$WILLAKUY_LOCAL/qu/prompts"
cat >"$TMP/p.xml" <<X
<bulletin id="p" languages="qu">
  <segment id="a"><say xml:lang="qu">Allin punchaw, Wanta llaqta. Kunanqa musuq willakuykunatam uyarisunchik.</say></segment>
</bulletin>
X
ST="$TOP/examples/station.xml"
dec() { ffmpeg -v error -i "$1" -ac 1 -ar 4000 -f s16le - | python3 "$TOP/tests/e2e/pitch.py" 4000 150; }

# The voice alone: no prompts at all.
expect_rc 0 "$WK" build -q -c "$ST" -d "$DATE" -o "$TMP/none" "$TMP/p.xml"
ref=$TMP/none/$DATE/p-qu/01-a.mp3
set -- $(dec "$ref")
ref_voiced=$3
ref_len=$(duration "$ref")

mkdir -p "$P"
printf 'allin-punchaw.wav: allin punchaw\n' >"$P/index.txt"
take() {	# name: makes the take of that name as allin-punchaw.wav
	case $1 in
	silent) sox -q -n -r 22050 "$TMP/t.wav" synth 0.8 whitenoise vol 0.0003 ;;
	tone) sox -q -n -r 16000 "$TMP/t.wav" synth 0.8 sine 1000 vol 0.5 ;;
	noise) sox -q -n -r 44100 "$TMP/t.wav" synth 0.8 whitenoise vol 0.3 ;;
	buzz) sox -q -n -r 22050 "$TMP/t.wav" synth 0.8 sawtooth 100 vol 0.3 ;;
	quiet) espeak-ng -v qu -s 140 -p 48 -w "$TMP/e.wav" "allin punchaw," &&
	    sox -q "$TMP/e.wav" "$TMP/t.wav" vol -35dB ;;
	female) espeak-ng -v qu+f3 -s 125 -p 60 -w "$TMP/t.wav" "allin punchaw," ;;
	match) espeak-ng -v qu -s 80 -p 56 -w "$TMP/t.wav" "allin punchaw," ;;
	esac || die "making the $1 take"
	mv "$TMP/t.wav" "$P/allin-punchaw.wav"
}
for t in silent tone buzz noise quiet female; do
	take $t
	"$WK" build -c "$ST" -d "$DATE" -o "$TMP/$t" "$TMP/p.xml" 2>"$TMP/err.txt" ||
	    { cat "$TMP/err.txt" >&2; die "$t: build failed"; }
	case $t in
	silent) why="the recording is silent: its loudest sound is at -[0-9]+ dBFS" ;;
	tone) why="the recording is a steady tone \([0-9]+ % of it\), not speech" ;;
	buzz) why="the recording is a steady buzz or hum at 100 Hz \(its pitch does not move\), not speech" ;;
	noise) why="the recording is not speech: only [0-9]+ % of it is voiced" ;;
	quiet) why="the recording is 3[0-9] dB quieter than the voice saying the same words" ;;
	female) why="its pitch is [0-9]+ Hz and the voice says the same words at [0-9]+ Hz, [0-9.]+ semitones apart \(at most 7\): another speaker" ;;
	esac
	grep_err "prompts/index.txt:1:1: warning: recorded prompt .*allin-punchaw.wav cannot be used \($why.*\); its words are synthesized"
	grep -q "spliced in" "$TMP/err.txt" && die "$t: spliced"
	# The words are heard: as long and as voiced as the voice alone,
	# nothing at a woman's pitch or the tone's.
	f=$TMP/$t/$DATE/p-qu/01-a.mp3
	set -- $(dec "$f")
	awk -v s="$1" -v n="$3" -v r="$ref_voiced" -v a="$(duration "$f")" -v b="$ref_len" \
	    'BEGIN { exit !(s <= 0.05 && n > 0.9 * r && n < 1.1 * r && a < b + 0.1 && b < a + 0.1) }' ||
	    die "$t: $3 voiced frames ($ref_voiced alone), $1 of them over 150 Hz, $(duration "$f") s ($ref_len s alone)"
	echo "$t: refused; $3 voiced frames (alone $ref_voiced), $(duration "$f") s (alone $ref_len s)"
done
# Preview and the report count no refused take.
expect_rc 0 "$WK" preview -c "$ST" -d "$DATE" "$TMP/p.xml"
grep -q "recorded:" "$TMP/out.txt" && die "preview counts a refused take"
grep -q 'data-recorded=' "$TMP/female/$DATE/report.html" && die "the report counts a refused take"

# The voice's own take is spliced: the segment is longer (the take is
# slower), and counted.
take match
expect_rc 0 "$WK" build -v -c "$ST" -d "$DATE" -o "$TMP/match" "$TMP/p.xml"
grep_err "index.txt:1:1: note: recorded prompt .*allin-punchaw.wav matches the voice"
grep_err "index.txt:1:1: note: recorded prompt .*allin-punchaw.wav spliced in"
f=$TMP/match/$DATE/p-qu/01-a.mp3
awk -v a="$(duration "$f")" -v b="$ref_len" 'BEGIN { exit !(a > b + 0.2) }' ||
    die "the matching take was not heard: $(duration "$f") s, $ref_len s alone"
grep -q 'data-recorded="[1-9]' "$TMP/match/$DATE/report.html" || die "the report does not count the take"
expect_rc 0 "$WK" preview -c "$ST" -d "$DATE" "$TMP/p.xml"
grep -Eq "recorded: [1-9][0-9]* %" "$TMP/out.txt" || die "preview does not count the take"

# A missing take: said so, and synthesized.
rm "$P/allin-punchaw.wav"
expect_rc 0 "$WK" build -c "$ST" -d "$DATE" -o "$TMP/gone" "$TMP/p.xml"
grep_err "allin-punchaw.wav is missing; those words will be synthesized"
f=$TMP/gone/$DATE/p-qu/01-a.mp3
awk -v a="$(duration "$f")" -v b="$ref_len" 'BEGIN { exit !(a < b + 0.1 && b < a + 0.1) }' ||
    die "without the take: $(duration "$f") s, $ref_len s alone"
echo "voicematch: silence, tone, buzz, noise, a quiet take and another speaker refused; the voice's own take spliced ($(duration "$TMP/match/$DATE/p-qu/01-a.mp3") s, alone $ref_len s)"
