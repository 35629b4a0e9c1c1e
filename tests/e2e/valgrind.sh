# The whole build of a small bulletin (both languages, a clip, a price
# segment, two encoder threads) runs clean under valgrind: no invalid
# access, no use of uninitialised memory in our code, no leak.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/vg.xml" <<X
<bulletin id="vg" languages="es qu">
  <title xml:lang="es">Prueba</title>
  <segment id="a">
    <clip src="$TOP/bulletins/clips/cortina.flac"/>
    <say xml:lang="es">Hoy, S/ 2.50 el kg.</say><say xml:lang="qu">Kunan S/ 2.50.</say>
  </segment>
  <segment id="b"><prices feed="precios-{date}.xml" market="santa-clara" products="cuy"/></segment>
</bulletin>
X
# Yesterday's prices in the archive: the report draws their 30-day charts.
sed 's/date="2026-11-29"/date="2026-11-28"/' "$TOP/examples/feeds/precios-$DATE.xml" >"$TMP/ayer.xml"
"$WK" history import -c "$TOP/examples/station.xml" -o "$TMP/out" "$TMP/ayer.xml" >/dev/null 2>&1 ||
    die "history import"
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --suppressions="$TOP/tests/valgrind.supp" \
    "$WK" build -q -j 2 -c "$TOP/examples/station.xml" -d "$DATE" -o "$TMP/out" "$TMP/vg.xml" \
    2>"$TMP/vg.txt"
rc=$?
[ "$rc" -eq 0 ] || { cat "$TMP/vg.txt"; die "valgrind: exit $rc"; }
[ -s "$TMP/out/$DATE/vg-qu.mp3" ] || die "nothing built"
grep -q '<svg class="spark"' "$TMP/out/$DATE/report.html" || die "no 30-day chart under valgrind"
# The other subcommands too.
printf 'S/ 2.50 el 2026-11-29 a las 06:00\n' | valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect "$WK" verbalize -l qu >/dev/null || die "verbalize under valgrind"
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$WK" check -d "$DATE" "$TOP/examples/feeds/noticias-$DATE.xml" "$TOP/bulletins/precios-manana.xml" \
    2>/dev/null || die "check under valgrind"
# preview speaks with espeak-ng too (its durations): its known reports
# are suppressed as for build.
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --suppressions="$TOP/tests/valgrind.supp" "$WK" preview -c "$TOP/examples/station.xml" -d "$DATE" "$TOP/bulletins/noticias-redes.xml" \
    >/dev/null || die "preview under valgrind"
# The price history (the build above archived its feed) and the importer.
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$WK" history -o "$TMP/out" --format json >/dev/null || die "history under valgrind"
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;Mercado Santa Clara;cuy;unidad;"24,00"\n' >"$TMP/p.csv"
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$WK" import -o "$TMP/p.xml" "$TMP/p.csv" 2>/dev/null || die "import under valgrind"
echo "valgrind: build, verbalize, check, preview, history and import clean"
