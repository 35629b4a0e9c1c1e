# What a feed says on the air has a bounded length: a market named with
# 9 KB of text (which made a <compare> segment last 9 min 16 s instead of
# 20 s, exit 0) is refused with its file, line and column, and left out:
# the comparison of the other markets is built and lasts what it should.
# An over-long headline or news text leaves its item out; the rest is read.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p voices feeds
cat >voices/catalog.xml <<X
<catalog>
  <market id="feria-quinua" town="Quinua"><name xml:lang="es">Feria dominical de Quinua</name><name xml:lang="qu">Kinwa</name></market>
</catalog>
X
python3 - <<'P'
name = ("Mercado " + "muy grande y lejano " * 500)[:9216]
open('feeds/precios-2026-11-29.xml', 'w').write('''<prices date="2026-11-29" currency="PEN">
  <market id="feria-quinua" name="Feria dominical de Quinua"><price product="cuy" unit="unidad" value="24.00" previous="23.00"/></market>
  <market id="mercado-lejano" name="%s"><price product="cuy" unit="unidad" value="30.00"/></market>
  <market id="santa-clara" name="Mercado Santa Clara"><price product="cuy" unit="unidad" value="26.00"/></market>
</prices>
''' % name)
head = '<news date="2026-11-29">\n'
item = '  <item id="%s" network="agro" date="2026-11-29"><headline xml:lang="es">%s</headline><text xml:lang="es">%s</text></item>\n'
open('feeds/noticias-2026-11-29.xml', 'w').write(head +
    item % ('larga', 'Titular ' * 40, 'Breve.') +
    item % ('eterna', 'Otra noticia', 'Un texto que no termina. ' * 200) +
    item % ('buena', 'Llueve en Huanta', 'Se esperan lluvias por la tarde.') + '</news>\n')
P
printf '<station id="q" name="Radio Quinua"><feeds dir="feeds"/><cache size-mb="0"/></station>\n' >st.xml
cat >f.xml <<X
<bulletin id="f" languages="es">
  <segment id="comparar"><compare feed="precios-{date}.xml" products="cuy"/></segment>
  <segment id="noticias"><news feed="noticias-{date}.xml" network="agro" max="3"/></segment>
</bulletin>
X

expect_rc 3 "$WK" check -c st.xml -d "$DATE" feeds/precios-$DATE.xml feeds/noticias-$DATE.xml
grep_err "precios-$DATE.xml:3:37: error: name=\"Mercado muy grande y lej\.\.\.\" is 9216 characters long: a market's name is said on the air and may have at most 100 \(about 7 seconds of speech\); shorten it; this market is left out"
grep_err "noticias-$DATE.xml:2:[0-9]+: error: <headline> is 319 characters long: a news item says at most 300 there \(about 19 seconds of speech\); shorten it; this news item is left out"
grep_err "noticias-$DATE.xml:3:[0-9]+: error: <text> is 4999 characters long: a news item says at most 3000 there"

expect_rc 1 "$WK" build -q -c st.xml -d "$DATE" -o out f.xml
grep_err "precios-$DATE.xml:3:37: error: name=\"Mercado muy"
seg=out/$DATE/f-es/01-comparar.mp3
[ -s "$seg" ] || die "the comparison was not built"
d=$(duration "$seg")
within "$d" 4 45 || die "the comparison lasts $d s, not tens of seconds"
grep -q "Feria dominical de Quinua" out/$DATE/f-es.txt || die "the comparison lost the other markets"
grep -q "muy grande y lejano" out/$DATE/f-es.txt && die "the refused name was said"
grep -q "Llueve en Huanta" out/$DATE/f-es.txt || die "the good news item was left out"
grep -q "Titular Titular\|no termina" out/$DATE/f-es.txt && die "an over-long item was said"
total=$(duration out/$DATE/f-es.mp3)
within "$total" 5 90 || die "the bulletin lasts $total s"
echo "spoken: the comparison lasts $d s, the bulletin $total s"
