#!/usr/bin/env bash
# make bench: willakuy against the shell pipeline a sysadmin would write,
# and against the floor (espeak-ng and lame alone), on the same transcripts.
#   (a) willakuy build            (default jobs, and -j 1)
#   (b) per segment espeak-ng -w, sox to the station rate, lame; then sox
#       joins the segments and lame encodes the whole bulletin again
#   (c) espeak-ng on the same transcripts + lame once on a WAV of the same
#       total length at the station rate
# Wall time, CPU time and peak RSS of each; the ratios a/b and a/c; memory
# for a 60-minute and a 5-minute bulletin; incremental rebuilds.
set -eu
cd "$(dirname "$0")/.."
TOP=$PWD
WK="$TOP/willakuy"
MIN=${BENCH_MINUTES:-30}
W=$(mktemp -d /tmp/wk-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export WILLAKUY_DATA="$TOP" LC_ALL=C.UTF-8
DATE=2026-11-29

# shellcheck source=bench/lib.sh
. "$TOP/bench/lib.sh"

python3 bench/gen.py "$W/day" "$MIN" >/dev/null
cd "$W/day"
echo "workload: $(grep -c '<price ' feeds/precios-$DATE.xml) prices, $(grep -c '<item ' feeds/noticias-$DATE.xml) news items, two languages"

# (a) willakuy, default jobs and one job.
measure a "$WK" build -q -c station.xml -d $DATE -o "$W/a" bulletins/*.xml
measure a1 "$WK" build -q -j 1 -c station.xml -d $DATE -o "$W/a1" bulletins/*.xml
audio=0
for f in "$W"/a/$DATE/*.mp3; do
	audio=$(awk -v a="$audio" -v d="$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f")" 'BEGIN { print a + d }')
done

# The transcripts, segment by segment, with each voice's settings.
voice_args() {
	case "$1" in
	es) echo "-v es-419 -s 150 -p 48" ;;
	qu) echo "-v qu -s 140 -p 48" ;;
	esac
}
mkdir -p "$W/t"
n=0
for txt in "$W"/a/$DATE/*.txt; do
	base=$(basename "$txt" .txt)
	lang=${base##*-}
	awk -v out="$W/t/$base" 'BEGIN { s = 1 } /^$/ { s++; next }
		{ sub(/^\[[a-z][a-z]\] /, ""); f = sprintf("%s-%03d-%s.txt", out, s, "x"); print > f }' "$txt"
	for s in "$W"/t/"$base"-*.txt; do
		echo "$s $lang" >>"$W/segments"
		n=$((n + 1))
	done
done

# (b) the shell pipeline.
cat >"$W/pipeline.sh" <<'P'
set -eu
W=$1
while read -r seg lang; do
	case "$lang" in es) v="-v es-419 -s 150 -p 48" ;; qu) v="-v qu -s 140 -p 48" ;; esac
	espeak-ng $v -w "$seg.wav" -f "$seg"
	sox -V1 "$seg.wav" -r 44100 "$seg.44.wav"
	lame --quiet -b 128 -m m "$seg.44.wav" "$seg.mp3"
done <"$W/segments"
for b in $(sed 's/-[0-9][0-9][0-9]-x.txt .*//' "$W/segments" | sort -u); do
	sox -V1 "$b"-*.44.wav "$b.whole.wav"
	lame --quiet -b 128 -m m "$b.whole.wav" "$b.whole.mp3"
done
P
measure b bash "$W/pipeline.sh" "$W"

# (c) the floor: synthesis of the same transcripts, and one encoding of a
# WAV as long as all of willakuy's audio (its bulletins, decoded).
cat >"$W/floor.sh" <<'P'
set -eu
W=$1
while read -r seg lang; do
	case "$lang" in es) v="-v es-419 -s 150 -p 48" ;; qu) v="-v qu -s 140 -p 48" ;; esac
	espeak-ng $v -w /dev/null -f "$seg"
done <"$W/segments"
lame --quiet -b 128 -m m "$W/all.wav" "$W/all.mp3"
P
# The WAV: the synthesized segments of (b) at the station rate (as sox
# made them), padded with digital silence to the length of willakuy's
# audio, which has pauses between lines. LAME's speed depends on its
# input's noise floor (by up to 1.5x either way), so this ratio is a guide.
sox -V1 "$W"/t/*.whole.wav "$W/speech.wav"
pad=$(awk -v a="$audio" -v s="$(soxi -D "$W/speech.wav")" 'BEGIN { d = a - s; print (d > 0 ? d : 0) }')
sox -V1 "$W/speech.wav" "$W/all.wav" pad 0 "$pad"
measure c bash "$W/floor.sh" "$W"

# Incremental rebuilds into (a)'s output: one price changed, then nothing;
# each three times, the median (by wall time) kept.
median() {	# name: the median of name-1..3 becomes name
	sort -n -k1,1 "$W/m-$1"-[123] | sed -n 2p >"$W/m-$1"
}
for k in 1 2 3; do
	# (its cents only: a change the plausibility rule lets through)
	sed -i "0,/value=\"\([0-9]*\)\.[0-9]*\"/s//value=\"\1.4$k\"/" feeds/precios-$DATE.xml
	measure i1-$k "$WK" build -q -c station.xml -d $DATE -o "$W/a" bulletins/*.xml
done
for k in 1 2 3; do
	measure i0-$k "$WK" build -q -c station.xml -d $DATE -o "$W/a" bulletins/*.xml
done
median i1
median i0

# Memory: one 60-minute bulletin and one 5-minute bulletin (Spanish).
mem() {	# minutes name
	python3 "$TOP/bench/gen.py" "$W/m$1" "$(awk -v m="$1" 'BEGIN { print m / 0.75 }')" >/dev/null
	sed -i 's/languages="es qu"/languages="es"/' "$W/m$1/bulletins/precios.xml"
	(cd "$W/m$1" && measure "$2" "$WK" build -q -c station.xml -d $DATE -o "$W/m$1/out" bulletins/precios.xml)
	ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$W/m$1/out/$DATE/precios-es.mp3"
}
d60=$(mem 60 m60)
d5=$(mem 5 m5)

printf '\n%-38s %8s %8s %8s\n' "" "wall s" "CPU s" "RSS MB"
for k in a a1 b c i1 i0 m60 m5; do
	case $k in
	a) label="(a) willakuy build" ;;
	a1) label="(a) willakuy build -j 1" ;;
	b) label="(b) shell pipeline" ;;
	c) label="(c) floor: espeak-ng + lame" ;;
	i1) label="rebuild, one price changed (median)" ;;
	i0) label="rebuild, nothing changed (median)" ;;
	m60) label="$(printf '%.0f' "$(awk -v d="$d60" 'BEGIN{print d/60}')")-minute bulletin" ;;
	m5) label="$(printf '%.0f' "$(awk -v d="$d5" 'BEGIN{print d/60}')")-minute bulletin" ;;
	esac
	printf '%-38s %8s %8s %8d\n' "$label" "$(field $k 1)" "$(cpu $k)" $(( $(field $k 4) / 1024 ))
done
echo
echo "audio: $(printf %.0f "$audio") s in $n segments ($(awk -v a="$audio" 'BEGIN{printf "%.0f", a/60}') min)"
echo "a/b (wall, default jobs): $(ratio "$(field a 1)" "$(field b 1)")   target <= 0.5"
echo "a/c (wall, -j 1):         $(ratio "$(field a1 1)" "$(field c 1)")   target <= 1.2"
echo "a/c (CPU,  -j 1):         $(ratio "$(cpu a1)" "$(cpu c)")"
echo "one price changed / full: $(ratio "$(field i1 1)" "$(field a 1)")   target <= 0.15"
echo "nothing changed / full:   $(ratio "$(field i0 1)" "$(field a 1)")   target <= 0.05"
echo "peak RSS: $(( $(field m60 4) / 1024 )) MB for $(printf %.0f "$d60") s, $(( $(field m5 4) / 1024 )) MB for $(printf %.0f "$d5") s   target < 64 MB"

# Readers: willakuy check on feeds ten times as large should take about ten
# times as long (linear), not a hundred.
# The fastest of three runs: a check of 30 000 prices takes a tenth of a
# second, in which the machine's noise is a large share.
reader() {	# name kind n
	local k
	python3 "$TOP/bench/feeds.py" "$2" "$3" "$W/$1.xml" "$TOP/voices/catalog.xml"
	for k in 1 2 3; do
		measure "$1-$k" "$WK" check "$W/$1.xml" >/dev/null 2>&1 || true
	done
	sort -n "$W/m-$1-1" "$W/m-$1-2" "$W/m-$1-3" | head -1 >"$W/m-$1"
}
reader p30k prices 30000
reader p300k prices 300000
# (news feeds may have at most 4 MiB: 30 000 items are 3.6 MB)
reader n3k news 3000
reader n30k news 30000
echo
printf '%-38s %8s %8s\n' "reader (willakuy check)" "wall s" "RSS MB"
for k in p30k p300k n3k n30k; do
	printf '%-38s %8s %8d\n' "$k" "$(field $k 1)" $(( $(field $k 4) / 1024 ))
done
echo "prices x10 size: time x$(ratio "$(field p300k 1)" "$(field p30k 1)")   news x10 size: time x$(ratio "$(field n30k 1)" "$(field n3k 1)")   target <= 15 (linear)"
