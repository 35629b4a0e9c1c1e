#!/usr/bin/env bash
# make bench, the network day: 12 short bulletins in two languages, each
# with a jingle and a music bed, for 1, 3 and 10 stations (bench/netday.py).
# Reports, as ratios measured in this run:
#   one station at -j 1, CPU, against the floor (espeak-ng's program on the
#   same transcripts + one lame pass over audio of the same length);
#   default jobs wall against -j 1 wall;
#   3 and 10 stations (default jobs) against one station, CPU and wall;
#   peak RSS; a rebuild with nothing changed against the full build.
set -eu
cd "$(dirname "$0")/.."
TOP=$PWD
WK="$TOP/willakuy"
W=$(mktemp -d /tmp/wk-netbench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export WILLAKUY_DATA="$TOP" LC_ALL=C.UTF-8
DATE=2026-11-29

# shellcheck source=bench/lib.sh
. "$TOP/bench/lib.sh"

python3 bench/netday.py "$W/day" "$TOP/bulletins/clips" 10
cd "$W/day"
st() { local k; for k in $(seq 0 $(($1 - 1))); do printf -- '-c stations/s%02d.xml ' "$k"; done; }
# shellcheck disable=SC2046
measure j1 "$WK" build -q -j 1 $(st 1) -d $DATE -o "$W/j1" bulletins/*.xml
# shellcheck disable=SC2046
measure s1 "$WK" build -q $(st 1) -d $DATE -o "$W/s1" bulletins/*.xml
# shellcheck disable=SC2046
measure r0 "$WK" build -q $(st 1) -d $DATE -o "$W/s1" bulletins/*.xml
# shellcheck disable=SC2046
measure s3 "$WK" build -q $(st 3) -d $DATE -o "$W/s3" bulletins/*.xml
# shellcheck disable=SC2046
measure s10 "$WK" build -q $(st 10) -d $DATE -o "$W/s10" bulletins/*.xml
audio=0
for f in "$W"/j1/$DATE/*.mp3; do
	audio=$(awk -v a="$audio" -v d="$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f")" 'BEGIN { print a + d }')
done

# The floor: espeak-ng's program on each segment's transcript, then one
# lame pass over a WAV as long as all of willakuy's audio.
mkdir -p "$W/t"
for txt in "$W"/j1/$DATE/*.txt; do
	base=$(basename "$txt" .txt)
	awk -v out="$W/t/$base" -v lang="${base##*-}" 'BEGIN { s = 1 } /^$/ { s++; next }
		{ sub(/^\[[a-z][a-z]\] /, ""); f = sprintf("%s-%03d.txt", out, s); print > f }' "$txt"
done
cat >"$W/floor.sh" <<'P'
set -eu
W=$1
for seg in "$W"/t/*.txt; do
	case "$seg" in *-es-*) v="-v es-419 -s 150 -p 48" ;; *) v="-v qu -s 140 -p 48" ;; esac
	espeak-ng $v -w "${seg%.txt}.wav" -f "$seg"
done
lame --quiet -b 128 -m m "$W/all.wav" "$W/all.mp3"
P
# A WAV of the right length first (speech padded with silence), as in
# bench/run.sh; the floor's timed run writes the speech again.
for seg in "$W"/t/*.txt; do
	case "$seg" in *-es-*) v="-v es-419 -s 150 -p 48" ;; *) v="-v qu -s 140 -p 48" ;; esac
	# shellcheck disable=SC2086
	espeak-ng $v -w "${seg%.txt}.wav" -f "$seg"
done
sox -V1 "$W"/t/*.wav -r 44100 "$W/speech.wav"
pad=$(awk -v a="$audio" -v s="$(soxi -D "$W/speech.wav")" 'BEGIN { d = a - s; print (d > 0 ? d : 0) }')
sox -V1 "$W/speech.wav" "$W/all.wav" pad 0 "$pad"
measure c bash "$W/floor.sh" "$W"

printf '\nnetwork day: 12 bulletins x 2 languages, jingle and bed in each\n'
printf '%-40s %8s %8s %8s\n' "" "wall s" "CPU s" "RSS MB"
for k in j1 s1 r0 s3 s10 c; do
	case $k in
	j1) label="one station, -j 1" ;;
	s1) label="one station, default jobs" ;;
	r0) label="rebuild, nothing changed" ;;
	s3) label="3 stations, default jobs" ;;
	s10) label="10 stations, default jobs" ;;
	c) label="floor: espeak-ng + lame" ;;
	esac
	printf '%-40s %8s %8s %8d\n' "$label" "$(field $k 1)" "$(cpu $k)" $(( $(field $k 4) / 1024 ))
done
rss=0
for k in j1 s1 r0 s3 s10; do
	[ "$(field $k 4)" -gt "$rss" ] && rss=$(field $k 4)
done
echo
echo "audio per station: $(printf %.0f "$audio") s ($(awk -v a="$audio" 'BEGIN{printf "%.0f", a/60}') min)"
echo "-j 1 CPU / floor CPU:          $(ratio "$(cpu j1)" "$(cpu c)")   target <= 1.1"
echo "default jobs wall / -j 1 wall: $(ratio "$(field s1 1)" "$(field j1 1)")   target <= 0.55"
echo "3 stations / one (CPU, wall):  $(ratio "$(cpu s3)" "$(cpu s1)"), $(ratio "$(field s3 1)" "$(field s1 1)")   target <= 1.4"
echo "10 stations / one (CPU, wall): $(ratio "$(cpu s10)" "$(cpu s1)"), $(ratio "$(field s10 1)" "$(field s1 1)")   target <= 2"
echo "nothing changed / full (wall): $(ratio "$(field r0 1)" "$(field s1 1)")   target <= 0.05"
echo "peak RSS: $((rss / 1024)) MB   target < 64 MB"
