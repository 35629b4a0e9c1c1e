# The day's report in headless Chromium: the page loads with no error, its
# script runs, and it shows every bulletin and language, segment durations
# and loudness, players for the files, price charts, and the fallbacks and
# causes of the run's problems, highlighted, in Spanish; a later run of the day that makes only
# some bulletins still shows the others. On a phone (390 px wide) nothing
# runs off the screen: no horizontal scroll, every cell, player and chart
# on screen, no segment name broken inside a word, chart labels whole and
# clear of the bars. Each bulletin's duration is its MP3's, pauses
# between segments included.
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
# A week-old day in the price archive: the report's 30-day charts.
sed 's/date="2026-11-29"/date="2026-11-22"/; s/value="2.50"/value="2.20"/' \
    "$TOP/examples/feeds/precios-$DATE.xml" >"$TMP/week.xml"
"$WK" history import -o "$TMP/out" "$TMP/week.xml" >/dev/null || die "history import"
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

# Each bulletin's duration is its MP3's, decoded by ffmpeg, within 0.1 s.
grep -o 'id="[a-z-]*" data-state="[a-z]*">\|data-seconds="[0-9.]*"' "$R" | paste - - |
    sed 's/id="\([a-z-]*\)".*data-seconds="\([0-9.]*\)"/\1 \2/' >"$TMP/lengths.txt"
[ "$(wc -l <"$TMP/lengths.txt")" = 4 ] || { cat "$TMP/lengths.txt"; die "four bulletin durations"; }
while read -r n secs; do
	got=$(ffmpeg -nostdin -v error -i "$TMP/out/$DATE/$n.mp3" -f s16le - | wc -c)
	awk -v a="$secs" -v b="$got" 'BEGIN { d = a - b / 2 / 44100; exit !(d < 0.1 && d > -0.1) }' ||
	    die "$n: the report says $secs s, the MP3 decodes to $((got / 2)) samples"
done <"$TMP/lengths.txt"

# On a phone, 390 px wide (Chromium's window is at least 500 px): the page
# in a 390-px frame of a page beside it, whose script measures what the
# phone shows.
cat >"$TMP/out/$DATE/phone.html" <<'HTML'
<!DOCTYPE html>
<html><body style="margin:0">
<iframe id="f" src="report.html" style="width:390px;height:844px;border:0"></iframe>
<script>
window.addEventListener("load", function () {
  var f = document.getElementById("f"), d = f.contentDocument, W = f.contentWindow.innerWidth, bad = [];
  function onscreen(el, what) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -0.5 || r.right > W + 0.5))
      bad.push(what + " at " + Math.round(r.left) + ".." + Math.round(r.right));
  }
  d.querySelectorAll("td, audio, svg, pre, code, h1, h2, p").forEach(function (el) {
    onscreen(el, el.tagName + " " + el.textContent.trim().slice(0, 40));
  });
  /* A segment's name: no word on two lines. */
  d.querySelectorAll("table.segs td:nth-child(2)").forEach(function (td) {
    var w = d.createTreeWalker(td, NodeFilter.SHOW_TEXT), t, m, re = /\S+/g;
    while ((t = w.nextNode()))
      while ((m = re.exec(t.data))) {
        var g = d.createRange();
        g.setStart(t, m.index);
        g.setEnd(t, m.index + m[0].length);
        if (g.getClientRects().length > 1)
          bad.push("word broken: " + m[0]);
      }
  });
  /* A chart's labels inside it, the products' left of the bars. */
  d.querySelectorAll("svg.chart").forEach(function (svg) {
    var s = svg.getBoundingClientRect(), bars = svg.querySelector("rect").getBoundingClientRect().left;
    svg.querySelectorAll("text").forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5)
        bad.push("chart label cut: " + t.textContent);
      if (t.getAttribute("x") === "0" && r.right > bars + 0.5)
        bad.push("chart label over the bars: " + t.textContent);
    });
  });
  var out = document.createElement("pre");
  out.id = "phone";
  out.textContent = "width " + W + " scroll " + d.documentElement.scrollWidth + " charts " +
    d.querySelectorAll("svg.chart").length + " sparks " + d.querySelectorAll("svg.spark").length +
    "\n" + bad.join("\n");
  document.body.appendChild(out);
});
</script>
</body></html>
HTML
chrome --allow-file-access-from-files --hide-scrollbars --window-size=500,900 \
    --dump-dom "file://$TMP/out/$DATE/phone.html" >"$TMP/phone.html" 2>/dev/null ||
    die "chromium failed on the phone page"
sed -n '/<pre id="phone">/,/<\/pre>/p' "$TMP/phone.html" | sed 's/<[^>]*>//g' >"$TMP/phone.txt"
read -r _ w _ sw _ charts _ sparks <"$TMP/phone.txt"
[ "$w" = 390 ] || { cat "$TMP/phone.txt"; die "the phone frame is '$w' px wide, not 390"; }
[ "$charts" -ge 3 ] && [ "$sparks" -ge 10 ] || die "the phone page has $charts charts and $sparks 30-day charts"
[ "$sw" -le 390 ] || { cat "$TMP/phone.txt"; die "at 390 px the page scrolls sideways to $sw px"; }
[ "$(sed -n '2,$p' "$TMP/phone.txt" | grep -c .)" = 0 ] ||
    { sed -n '2,21p' "$TMP/phone.txt"; die "at 390 px the page has elements off screen or broken"; }
rm "$TMP/out/$DATE/phone.html"

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
