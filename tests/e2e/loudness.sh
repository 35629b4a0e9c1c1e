# Broadcast loudness, measured by an independent meter (ffmpeg's ebur128):
# every segment and whole bulletin at the station target within 0.5 LU,
# true peak at or below the ceiling, and at most 0.5 s of silence at either
# end. Once at -23 LUFS (the example station) and once at -16.
. "$(dirname "$0")/lib.sh"

check_dir() {	# folder target ceiling
	local f li tp lead trail n=0
	for f in "$1"/*.mp3 "$1"/*/*.mp3; do
		read -r li tp <<<"$(ebur128 "$f")"
		within "$li" "$(awk -v t="$2" 'BEGIN{print t - 0.5}')" \
		    "$(awk -v t="$2" 'BEGIN{print t + 0.5}')" || die "$f: $li LUFS, want $2"
		within "$tp" -100 "$3" || die "$f: true peak $tp dBTP above $3"
		read -r lead trail <<<"$(edge_silence "$f")"
		within "$lead" 0 0.5 || die "$f: $lead s of silence at the start"
		within "$trail" 0 0.5 || die "$f: $trail s of silence at the end"
		n=$((n + 1))
		echo "$(basename "$f"): $li LUFS, $tp dBTP, edges $lead/$trail s"
	done
	[ "$n" -gt 4 ] || die "only $n files in $1"
}

expect_rc 0 build_demo "$TMP/a" bulletins/precios-manana.xml
check_dir "$TMP/a/$DATE" -23 -1

sed 's/loudness="-23"/loudness="-16"/; s|<feeds dir="feeds"/>|<feeds dir="'"$TOP"'/examples/feeds"/>|' \
    "$TOP/examples/station.xml" >"$TMP/loud.xml"
(cd "$TOP" && "$WK" build -q -c "$TMP/loud.xml" -d "$DATE" -o "$TMP/b" bulletins/noticias-redes.xml) ||
    die "build at -16 LUFS"
check_dir "$TMP/b/$DATE" -16 -1
