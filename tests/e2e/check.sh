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
