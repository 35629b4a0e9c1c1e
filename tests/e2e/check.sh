# `willakuy check`: valid files pass; broken ones get file:line:col: error,
# a message that says how to fix it, and exit code 3.
. "$(dirname "$0")/lib.sh"
cd "$TOP"

expect_rc 0 "$WK" check -d "$DATE" bulletins/precios-manana.xml bulletins/noticias-redes.xml \
    examples/feeds/precios-$DATE.xml examples/station.xml voices/catalog.xml \
    voices/es/voice.xml voices/qu/voice.xml bulletins/station/default.xml

# A feed with a broken tag: the parser's position.
cat >"$TMP/broken.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<prices date="2026-11-29" currency="PEN">
  <market id="m" name="Mercado" town="Huanta">
    <price product="cuy" unit="unidad" value="25.00"
  </market>
</prices>
X
expect_rc 3 "$WK" check "$TMP/broken.xml"
grep_err "broken.xml:5:[0-9]+: error: not well-formed XML"

# An unknown product, with a suggestion.
cat >"$TMP/unknown.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<prices date="2026-11-29" currency="PEN">
  <market id="nery-garcia" name="Mercado Nery García Zárate" town="Huamanga">
    <price product="papa-amarila" unit="kg" value="2.50"/>
  </market>
</prices>
X
expect_rc 3 "$WK" check -d "$DATE" "$TMP/unknown.xml"
grep_err "unknown.xml:4:21: error: unknown product 'papa-amarila'; did you mean 'papa-amarilla'\?"

# An absurd price.
sed 's/value="2.50"/value="1e30"/; s/papa-amarila/papa-amarilla/' "$TMP/unknown.xml" >"$TMP/absurd.xml"
expect_rc 3 "$WK" check "$TMP/absurd.xml"
grep_err "absurd.xml:4:[0-9]+: error: value=\"1e30\" is not a price in soles"

# A bulletin with a bad segment id and one with an unknown element.
cat >"$TMP/b.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="b" languages="es qu">
  <segment id="Bad Id"><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
expect_rc 3 "$WK" check "$TMP/b.xml"
grep_err "b.xml:3:[0-9]+: error: segment id \"Bad Id\" is not valid"
cat >"$TMP/c.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="c" languages="es">
  <segment id="a">
    <sing xml:lang="es">Hola.</sing>
  </segment>
</bulletin>
X
expect_rc 3 "$WK" check "$TMP/c.xml"
grep_err "c.xml:4:5: error: unexpected <sing> in <segment>"

# Missing files and empty files.
: >"$TMP/empty.xml"
expect_rc 3 "$WK" check "$TMP/empty.xml" "$TMP/nothere.xml"
grep_err "empty.xml:1:1: error: the file is empty"
grep_err "nothere.xml: error: cannot open"

# A DOCTYPE (entities) is refused without being read.
cat >"$TMP/dtd.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE prices [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<prices date="2026-11-29"><market id="m" name="&x;"><price product="cuy" unit="kg" value="1"/></market></prices>
X
expect_rc 3 "$WK" check "$TMP/dtd.xml"
grep_err "dtd.xml:2:.*a DOCTYPE is not allowed"

# A figure the verbalizer can only read digit by digit is a warning, in
# news and in a bulletin's own text; figures it reads as figures are not.
cat >"$TMP/digits.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<news date="2026-11-29" source="CCA">
  <item id="padron" network="agro" date="2026-11-29">
    <headline xml:lang="es">Padrón de productores.</headline>
    <text xml:lang="es">El código del padrón es 1.2.3 y vence el 15/12; informes al Cel. 987654321.</text>
    <headline xml:lang="qu">Chakra llamkaqkunapa sutin.</headline>
    <text xml:lang="qu">Padrunpa numirun 1.2.3, 15/12 punchawkama.</text>
  </item>
</news>
X
expect_rc 0 "$WK" check -d "$DATE" "$TMP/digits.xml"
grep_err "digits.xml:4:[0-9]+: warning: '1.2.3' can only be read digit by digit"
grep_err "digits.xml:6:[0-9]+: warning: '1.2.3' can only be read digit by digit"
grep -q "'15/12' can only\|'987654321' can only" "$TMP/err.txt" && die "a date or phone was reported as digits"
true

# A bulletin's own <say> texts: figures that differ between its languages
# are warned about by check; a date that names no day, by check and preview.
cat >"$TMP/fig.xml" <<'X'
<bulletin id="fig" languages="es qu">
  <segment id="a"><say xml:lang="es">La papa cuesta S/ 2.50 desde el 31/11/2026.</say><say xml:lang="qu">Papaqa S/ 3.50 chaninmi 31/11/2026 punchawmanta.</say></segment>
</bulletin>
X
"$WK" check -d 2026-11-29 "$TMP/fig.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
grep_err "fig.xml:2:[0-9]+: warning: segment .a.: the figures of the .qu. text .* differ from the .es. ones"
grep_err "31/11/2026"
"$WK" preview -d 2026-11-29 -l es "$TMP/fig.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
grep_err "31/11/2026"

# check and build apply one set of rules: every error check finds in a
# bulletin, build reports in the same words and exits non-zero, though it
# publishes the rest. A segment without its Quechua text, an unknown
# xml:lang, market, product and network, a clip and a bed that are not
# there.
cp -r "$TOP/bulletins/clips" "$TMP/clips"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TOP/examples/feeds\"/><cache size-mb=\"0\"/>|" examples/station.xml >"$TMP/st.xml"
cat >"$TMP/rules.xml" <<'X'
<bulletin id="reglas" languages="es qu">
  <segment id="a"><say xml:lang="es">Buenos días.</say><say xml:lang="qu">Allin punchaw.</say></segment>
  <segment id="solo-es"><say xml:lang="es">Solo en castellano.</say></segment>
  <segment id="lengua"><say xml:lang="es">Hola.</say><say xml:lang="qu">Allin.</say><say xml:lang="quechua">Allin.</say></segment>
  <segment id="m"><prices feed="precios-{date}.xml" market="nery-garsia"/></segment>
  <segment id="p"><prices feed="precios-{date}.xml" market="nery-garcia" products="papa-rosada"/></segment>
  <segment id="n"><news feed="noticias-{date}.xml" network="agrario"/></segment>
  <segment id="c"><clip src="clips/no-hay.flac"/><say xml:lang="es">Chau.</say><say xml:lang="qu">Tupananchikkama.</say></segment>
  <segment id="bien"><prices feed="precios-{date}.xml" market="santa-clara"/></segment>
  <segment id="fondo"><bed src="clips/no-hay-fondo.flac"/><say xml:lang="es">Con fondo.</say><say xml:lang="qu">Takiwan.</say></segment>
</bulletin>
X
expect_rc 3 "$WK" check -c "$TMP/st.xml" -d "$DATE" "$TMP/rules.xml"
grep ': error: ' "$TMP/err.txt" | sed 's/^willakuy: //' >"$TMP/check-errors.txt"
[ "$(wc -l <"$TMP/check-errors.txt")" = 7 ] || die "check found: $(cat "$TMP/check-errors.txt")"
grep -q "solo-es' says nothing in 'qu'" "$TMP/check-errors.txt" || die "check: no error for the segment without Quechua"
"$WK" build -c "$TMP/st.xml" -d "$DATE" -o "$TMP/o" "$TMP/rules.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
rc=$?
[ $rc -ne 0 ] || die "build exits 0 on a bulletin check calls wrong"
while read -r line; do
	grep -qF -- "$line" "$TMP/err.txt" || { cat "$TMP/err.txt"; die "build does not say: $line"; }
done <"$TMP/check-errors.txt"
[ -s "$TMP/o/$DATE/reglas-qu.mp3" ] && [ -s "$TMP/o/$DATE/reglas-es.mp3" ] || die "the rest was not published"
# With -q, as cron runs it: a non-zero exit and the segment named.
printf '<bulletin id="q" languages="es qu"><segment id="a"><say xml:lang="es">Hola.</say><say xml:lang="qu">Allin.</say></segment><segment id="b"><say xml:lang="es">Solo en castellano.</say></segment></bulletin>\n' >"$TMP/q.xml"
expect_rc 3 "$WK" check -c "$TMP/st.xml" "$TMP/q.xml"
want=$(grep -o "q.xml:1:[0-9]*: error: segment 'b' says nothing in 'qu'.*" "$TMP/err.txt")
[ -n "$want" ] || die "check: no error for q.xml"
expect_rc 1 "$WK" build -q -c "$TMP/st.xml" -d "$DATE" -o "$TMP/o" "$TMP/q.xml"
grep -qF -- "$want" "$TMP/err.txt" || { cat "$TMP/err.txt"; die "build -q does not say: $want"; }
# The same bulletin mended: both say nothing.
sed 's|Solo en castellano.</say>|Solo en castellano.</say><say xml:lang="qu">Kastillanulla.</say>|' "$TMP/q.xml" >"$TMP/q2.xml"
expect_rc 0 "$WK" check -c "$TMP/st.xml" "$TMP/q2.xml"
expect_rc 0 "$WK" build -q -c "$TMP/st.xml" -d "$DATE" -o "$TMP/o" "$TMP/q2.xml"

# check -c reads the station's own catalogue as build -c does: a product
# of its own is known to both, and unknown without -c.
mkdir -p "$TMP/own/voices"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/own\"/><cache size-mb=\"0\"/>|" examples/station.xml >"$TMP/own/st.xml"
cat >"$TMP/own/voices/catalog.xml" <<'X'
<catalog>
  <product id="mashwa" family="tuberculos"><name xml:lang="es">mashwa</name><name xml:lang="qu">mashwa</name></product>
</catalog>
X
cat >"$TMP/own/precios-$DATE.xml" <<X
<prices date="$DATE" currency="PEN">
  <market id="nery-garcia" name="Mercado Nery García Zárate" town="Huamanga">
    <price product="mashwa" unit="kg" value="6.50" previous="6.50"/>
  </market>
</prices>
X
cat >"$TMP/own/b.xml" <<'X'
<bulletin id="mashwa" languages="es"><segment id="m"><prices feed="precios-{date}.xml" market="nery-garcia" products="mashwa"/></segment></bulletin>
X
expect_rc 0 "$WK" check -c "$TMP/own/st.xml" -d "$DATE" "$TMP/own/precios-$DATE.xml" "$TMP/own/b.xml"
expect_rc 3 "$WK" check -d "$DATE" "$TMP/own/b.xml"
grep_err "unknown product 'mashwa'"
expect_rc 0 "$WK" build -q -c "$TMP/own/st.xml" -d "$DATE" -o "$TMP/own/o" "$TMP/own/b.xml"
grep -q "mashwa" "$TMP/own/o/$DATE/mashwa-es.txt" || die "build -c: $(cat "$TMP/own/o/$DATE/mashwa-es.txt")"
