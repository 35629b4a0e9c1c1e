# The day's report in headless Chromium: the page loads with no error, its
# script runs, and it shows every bulletin and language, segment durations
# and loudness, players for the files, price charts, and the fallbacks and
# causes of the run's problems, highlighted, in Spanish; a later run of the day that makes only
# some bulletins still shows the others.
. "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || die "chromium is not installed (make deps-check installs it)"
# The operator's language: the page and its messages in Spanish.
export LANG=es_PE.UTF-8
unset LC_ALL LANGUAGE

# A day where one market's feed is stale: its segment falls back.
mkdir -p "$TMP/feeds"
cp "$TOP/examples/feeds/noticias-$DATE.xml" "$TMP/feeds/"
sed 's/date="2026-11-29"/date="2026-11-26"/' "$TOP/examples/feeds/precios-$DATE.xml" >"$TMP/feeds/old.xml"
cp "$TOP/examples/feeds/precios-$DATE.xml" "$TMP/feeds/"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/>|" "$TOP/examples/station.xml" >"$TMP/station.xml"
cp -r "$TOP/bulletins/clips" "$TMP/clips"
sed 's|<prices feed="precios-{date}.xml" market="huanta-central"/>|<prices feed="old.xml" market="huanta-central"/>|' \
    "$TOP/bulletins/precios-manana.xml" >"$TMP/precios-manana.xml"
cp "$TOP/bulletins/noticias-redes.xml" "$TMP/"
"$WK" build -q -c "$TMP/station.xml" -d "$DATE" -o "$TMP/out" "$TMP/precios-manana.xml" "$TMP/noticias-redes.xml"
[ $? -eq 1 ] || die "a build with a stale feed should exit 1"
R="$TMP/out/$DATE/report.html"
[ -s "$R" ] || die "no report.html"
grep -qE 'src="https?:|href="https?:' "$R" && die "the report loads something from the network"
# The example station has no recordings of its own (nothing shipped is
# spliced, issue 24): the report credits none.
grep -q 'data-recorded=' "$R" && die "the report shows a recorded share without the station's recordings"

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$TMP/profile" --enable-logging=stderr --v=0 "$@"
}
chrome --dump-dom "file://$R" >"$TMP/dom.html" 2>"$TMP/console.txt" || die "chromium failed"
if grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND' "$TMP/console.txt"; then die "errors while loading the page"; fi
grep -q 'data-ready="yes"' "$TMP/dom.html" || die "the page's script did not run"
for n in precios-manana-es precios-manana-qu noticias-redes-es noticias-redes-qu; do
	grep -q "<section class=\"bulletin\" id=\"$n\" data-state=" "$TMP/dom.html" || die "no section for $n"
	grep -q "src=\"$n.mp3\"" "$TMP/dom.html" || die "no player for $n.mp3"
	grep -q "src=\"$n/01-apertura.mp3\"" "$TMP/dom.html" || die "no player for $n's segments"
done
[ "$(grep -o '<audio' "$TMP/dom.html" | wc -l)" -ge 26 ] || die "too few players"
grep -q 'data-ok="2" data-fallback="2" data-failed="0">2 salen con frases de reemplazo; 2 completos<' "$TMP/dom.html" ||
    die "summary lacks the fallbacks"
grep -q '<tr class="fallback">' "$TMP/dom.html" || die "the fallback segment is not highlighted"
grep -q 'class="bad">reemplazo' "$TMP/dom.html" || die "the fallback is not marked"
grep -q '<li class="cause warning" data-grade="fallback"><code>[^<]*/old.xml</code>: el feed es del 2026-11-26, demasiado antiguo para los boletines que lo leen: 2 segmentos de 2 boletines dicen la frase de reemplazo' "$TMP/dom.html" ||
    die "the stale feed's cause is missing"
grep -q '<svg class="chart"' "$TMP/dom.html" || die "no price chart"
grep -q 'S/ 2.50 (+8.7 %)' "$TMP/dom.html" || die "the chart lacks papa amarilla's change"
grep -q '<td class="n">[0-9.]* s</td><td class="n">-23.[0-9] LUFS' "$TMP/dom.html" || die "no durations and loudness"
grep -q 'Huk kilu: qillu papa, iskay sulis' "$TMP/dom.html" || die "no transcript"
# Every file the page points at exists.
grep -o 'src="[^"]*\.mp3"' "$R" | sed 's/src="//; s/"$//' | sort -u | while read -r f; do
	[ -s "$TMP/out/$DATE/$f" ] || die "the page points at missing $f"
done
chrome --screenshot="$TMP/out/report.png" --window-size=1000,1800 --hide-scrollbars "file://$R" \
    >/dev/null 2>&1 || die "no screenshot"
[ -s "$TMP/out/report.png" ] || die "empty screenshot"
[ -n "${WK_KEEP_SCREENSHOT:-}" ] && cp "$TMP/out/report.png" "$WK_KEEP_SCREENSHOT"

# A later run of the day that makes only the news: the report still shows
# the price bulletins, as the earlier run left them, after this run's.
"$WK" build -q -c "$TMP/station.xml" -d "$DATE" -o "$TMP/out" "$TMP/noticias-redes.xml" ||
    die "the news bulletin alone should build cleanly"
chrome --dump-dom "file://$R" >"$TMP/dom2.html" 2>"$TMP/console2.txt" || die "chromium failed"
if grep -E 'CONSOLE|Uncaught' "$TMP/console2.txt"; then die "errors while loading the second page"; fi
grep -q 'data-ready="yes"' "$TMP/dom2.html" || die "the second page's script did not run"
order=$(grep -o '<section class="bulletin" id="[a-z-]*" data-state="[a-z]*"\|id="earlier"' "$TMP/dom2.html" |
    sed 's/.*id="\([a-z-]*\)".*data-state="\([a-z]*\)"/\1:\2/; s/id="earlier"/earlier/' | tr '\n' ' ')
[ "$order" = "noticias-redes-es:ok noticias-redes-qu:ok earlier precios-manana-es:fallback precios-manana-qu:fallback " ] ||
    die "second report: sections are '$order'"
grep -q 'data-ok="2" data-fallback="2" data-failed="0"' "$TMP/dom2.html" ||
    die "second report: the summary does not count the earlier bulletins"
grep -q '<li class="cause' "$TMP/dom2.html" && die "second report: repeats the earlier run's causes"
grep -q 'src="precios-manana-qu/01-apertura.mp3"' "$TMP/dom2.html" || die "second report: no players for earlier bulletins"
echo "report: loads cleanly in Chromium; bulletins, players, charts, fallbacks and warnings shown; later runs keep earlier bulletins"
