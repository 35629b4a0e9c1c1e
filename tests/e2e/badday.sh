# A bad day, as an operator meets it at 5 a.m.: today's news feed is
# missing, the price feed is yesterday's, the prices' jingle was renamed.
# Neither bulletin has anything new to say, so neither goes to air (issue
# 24: no empty bulletins). The -q summary and the report show one line per
# cause (exactly three) with what each affected, the bulletins that do not
# go to air first, and later, when one market's prices arrive, the stale
# date of the others, all in Spanish under a Spanish locale; the page
# loads in headless Chromium and a screenshot is taken.
. "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || die "chromium is not installed (make deps-check installs it)"
DAY=2026-11-30
mkdir -p "$TMP/feeds"
# Yesterday's prices under today's name; no news feed at all.
cp "$TOP/examples/feeds/precios-$DATE.xml" "$TMP/feeds/precios-$DAY.xml"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/>|" "$TOP/examples/station.xml" >"$TMP/station.xml"
cp -r "$TOP/bulletins/clips" "$TMP/clips"
sed 's|clips/cortina.flac|clips/cortina-precios.flac|' "$TOP/bulletins/precios-manana.xml" >"$TMP/precios-manana.xml"
cp "$TOP/bulletins/noticias-redes.xml" "$TMP/"
# The jingle the price bulletin plays, renamed by someone tidying up.
cp "$TMP/clips/cortina.flac" "$TMP/clips/cortina-precios-vieja.flac"

export LANG=es_PE.UTF-8
unset LC_ALL LANGUAGE
expect_rc 3 "$WK" build -q -c "$TMP/station.xml" -d "$DAY" -o "$TMP/out" "$TMP/precios-manana.xml" "$TMP/noticias-redes.xml"
E="$TMP/err.txt"
[ "$(wc -l <"$E")" -eq 4 ] || { cat "$E"; die "-q: want a headline and three cause lines"; }
head -1 "$E" | grep -qx 'willakuy: 4 boletines no salen al aire' ||
    { cat "$E"; die "-q: headline"; }
# The feeds keep the bulletins off the air, each named with what to do.
grep -q "noticias-$DAY.xml: error: el feed no existe: 2 boletines no salen al aire (noticias-redes-es, noticias-redes-qu)\. Revise" "$E" ||
    { cat "$E"; die "-q: the missing news feed"; }
grep -q "precios-$DAY.xml: error: el feed es del $DATE, demasiado antiguo .*: 2 boletines no salen al aire (precios-manana-es, precios-manana-qu)\. Pida a la red el archivo de hoy" "$E" ||
    { cat "$E"; die "-q: the stale price feed"; }
# A missing clip does not keep a bulletin off the air (issue 12): its
# cause says where it would have been missed.
grep -q "clips/cortina-precios.flac: error: el clip no existe: 4 segmentos de 2 boletines saldrían al aire sin él (esos boletines no salen al aire)" "$E" ||
    { cat "$E"; die "-q: the clip's cause"; }

R="$TMP/out/$DAY/report.html"
[ -s "$R" ] || die "no report.html"
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$TMP/profile" --enable-logging=stderr --v=0 "$@"
}
chrome --dump-dom "file://$R" >"$TMP/dom.html" 2>"$TMP/console.txt" || die "chromium failed"
if grep -E 'CONSOLE|Uncaught' "$TMP/console.txt"; then die "errors while loading the page"; fi
grep -q 'data-ready="yes"' "$TMP/dom.html" || die "the page's script did not run"
[ "$(grep -c '<li class="cause' "$TMP/dom.html")" -eq 3 ] || die "want exactly three cause lines"
grep -q '<p id="summary" class="bad" data-ok="0" data-fallback="0" data-failed="4">4 boletines no salen al aire</p>' "$TMP/dom.html" ||
    die "headline"
grep -q '<code>[^<]*cortina-precios.flac</code>: el clip no existe: 4 segmentos de 2 boletines saldrían al aire sin él' "$TMP/dom.html" ||
    die "the clip's cause line"
grep -q "data-grade=\"failed\"><code>[^<]*noticias-$DAY.xml</code>: el feed no existe: 2 boletines no salen al aire" "$TMP/dom.html" ||
    die "the news feed's cause line"
grep -q "data-grade=\"failed\"><code>[^<]*precios-$DAY.xml</code>: el feed es del $DATE, .*: 2 boletines no salen al aire" "$TMP/dom.html" ||
    die "the price feed's cause line"
# Failed bulletins first: a third bulletin, broken, fails alone (a fourth
# cause) and heads the page.
printf '<bulletin id="aviso" languages="es"><segment id="a">' >"$TMP/aviso.xml"
expect_rc 3 "$WK" build -q -c "$TMP/station.xml" -d "$DAY" -o "$TMP/out" "$TMP/precios-manana.xml" "$TMP/aviso.xml" "$TMP/noticias-redes.xml"
head -1 "$E" | grep -q 'boletín no sale al aire\|boletines no salen al aire' || { cat "$E"; die "-q: headline with the failure"; }
chrome --dump-dom "file://$R" >"$TMP/dom3.html" 2>/dev/null || die "chromium failed"
grep -q '<li class="cause[^>]*data-grade="failed"><code>[^<]*aviso.xml' "$TMP/dom3.html" || die "the broken bulletin's cause"
first=$(grep -o '<li class="cause[^>]*data-grade="[a-z]*"' "$TMP/dom3.html" | head -1)
case "$first" in *failed*) ;; *) die "the failure is not the first cause: $first" ;; esac
order=$(grep -o '<section class="bulletin" id="[a-z-]*" data-state="[a-z]*"' "$TMP/dom.html" |
    sed 's/.*id="\([a-z-]*\)".*data-state="\([a-z]*\)"/\1:\2/' | tr '\n' ' ')
[ "$order" = "precios-manana-es:failed precios-manana-qu:failed noticias-redes-es:failed noticias-redes-qu:failed " ] ||
    die "sections are '$order', want the failed ones first"
grep -q "no tiene nada nuevo que decir: .*Ponga los feeds de hoy en $TMP/feeds y vuelva a generar" "$TMP/dom.html" ||
    die "a failed section does not say why and what to do"
grep -q 'Ejecución iniciada el <time>20[0-9-]* [0-9:]*</time> · duró [0-9]* s · willakuy [0-9.]* · emisora Radio Wamanga' "$TMP/dom.html" ||
    die "no run facts"
# No English on the page: its visible words, without tags, scripts and
# styles (the transcripts are Spanish and Quechua).
sed -e 's/<style>.*<\/style>//; s/<script>.*//; s/<[^>]*>/ /g' "$TMP/dom.html" >"$TMP/words.txt"
if grep -Ewio 'the|cannot|does|not|segments?|bulletins?|fallback|phrase|warning|published|today|before|show|took|started|feed is|fix' "$TMP/words.txt" | sort -u | grep .; then
	die "English words on the page under LANG=es_PE.UTF-8"
fi
chrome --screenshot="$TMP/report.png" --window-size=1000,1400 --hide-scrollbars "file://$R" \
    >/dev/null 2>&1 || die "no screenshot"
[ -s "$TMP/report.png" ] || die "empty screenshot"
[ -n "${WK_KEEP_SCREENSHOT:-}" ] && cp "$TMP/report.png" "$WK_KEEP_SCREENSHOT"

# Later, the jingle is back, the news has come and so have Nery García's
# prices: both bulletins go to air; the other two markets, still on
# yesterday's feed, are said once, and the report shows that stale date.
cp "$TMP/clips/cortina.flac" "$TMP/clips/cortina-precios.flac"
sed "s/date=\"$DATE\"/date=\"$DAY\"/" "$TOP/examples/feeds/precios-$DATE.xml" >"$TMP/feeds/hoy.xml"
sed -i 's|<prices feed="precios-{date}.xml" market="nery-garcia"/>|<prices feed="hoy.xml" market="nery-garcia"/>|' "$TMP/precios-manana.xml"
cp "$TOP/examples/feeds/noticias-$DATE.xml" "$TMP/feeds/noticias-$DAY.xml"
expect_rc 1 "$WK" build -q -c "$TMP/station.xml" -d "$DAY" -o "$TMP/out" "$TMP/precios-manana.xml" "$TMP/noticias-redes.xml"
grep -qx "Hoy no tenemos precios actualizados de los mercados Santa Clara y Central de Huanta. Escuche nuestra próxima emisión." \
    "$TMP/out/$DAY/precios-manana-es.txt" || die "the stale markets are not said once"
chrome --dump-dom "file://$R" >"$TMP/dom2.html" 2>/dev/null || die "chromium failed"
[ "$(grep -c "<span class=\"bad\">$DATE</span> (no vigente)<br><small>precios-$DAY.xml</small>" "$TMP/dom2.html")" -eq 2 ] ||
    die "the stale date is not shown for the stale price segment of each language"
# Names from the catalogue, ids in small print; feed names without folders.
grep -q 'Mercado Nery García Zárate <small>huamanga</small>' "$TMP/dom2.html" || die "no market name"
grep -q 'producción agraria <small>agro</small>' "$TMP/dom2.html" || die "no network name"
grep -q "<small>noticias-$DAY.xml</small>" "$TMP/dom2.html" || die "no feed name"
echo "badday: three causes, failed bulletins first, why and what to do, stale dates, names, run facts, all in Spanish; screenshot taken"
