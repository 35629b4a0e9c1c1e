# What RSS and Atom feeds put in the listeners' ears: HTML is reduced to
# plain text (a lone '<' survives, script and style are not read, entities
# are decoded once); categories and Atom terms choose the network (the
# station can add names); items of no network are read only by segments
# without one; old items without expires are left out; <news> without max
# reads 10 items and warns.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir feeds
cat >"feeds/rss-$DATE.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Red</title><language>es</language>
<item><title>Papa en Huanta</title><description>Precio &lt; 5 soles y luego &gt; 3 soles.&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt; Caf&amp;eacute; &amp;amp; pan.</description><category>Agricultura</category><pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate></item>
<item><title>Partido del domingo</title><description>Gana el equipo local.</description><category>Deportes</category><pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate></item>
<item><title>Sin categoria</title><description>Aviso general.</description><pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate></item>
<item><title>Noticia vieja</title><description>Esto paso hace mucho.</description><category>agro</category><pubDate>Mon, 01 Jan 2024 08:00:00 -0500</pubDate></item>
</channel></rss>
X
cat >"feeds/atom-$DATE.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es"><title>Red</title>
<entry><title>Feria de retablos</title><summary>Retablos en la plaza.</summary><category term="artesanía"/><updated>2026-11-28T08:00:00Z</updated></entry>
</feed>
X
python3 - <<PY
items = ''.join('<item><title>Item %d</title><description>Texto %d.</description><pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate></item>' % (i, i) for i in range(40))
open('feeds/many-$DATE.xml', 'w').write('<rss version="2.0"><channel><title>M</title>' + items + '</channel></rss>')
PY
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/><category name=\"Deportes\" network=\"informacion\"/>|" \
    "$TOP/examples/station.xml" >st.xml
cat >b.xml <<X
<bulletin id="b" languages="es">
  <segment id="agro"><news feed="rss-{date}.xml" network="agro" max="5" untranslated="skip"/></segment>
  <segment id="info"><news feed="rss-{date}.xml" network="informacion" max="5" untranslated="skip"/></segment>
  <segment id="todo"><news feed="rss-{date}.xml" max="5" untranslated="skip"/></segment>
  <segment id="arte"><news feed="atom-{date}.xml" network="artesania" max="5" untranslated="skip"/></segment>
  <segment id="muchas"><news feed="many-{date}.xml" untranslated="skip"/></segment>
</bulletin>
X
expect_rc 0 "$WK" preview -c st.xml -d "$DATE" -l es b.xml
out=$TMP/out.txt
seg() { awk -v s="$1" '/^\[|^== |^-- /{ cur = $0 } index(cur, s) { print }' "$out"; }
# (preview shows the words to speak: the reader keeps "< 5 ... > 3", the
# verbalizer reads the figures)
grep -q "Precio.* cinco soles y luego .*tres soles" "$out" ||
    { cat "$out"; die "the text around '<' and '>' was cut"; }
grep -qi "alert\|p{}" "$out" && die "script or style read aloud"
grep -q "Café & pan\|Café y pan" "$out" || { cat "$out"; die "entities not decoded once"; }
grep -q "Esto paso hace mucho" "$out" && die "an item from 2024 without expires was aired"
grep -q "Retablos en la plaza" "$out" || die "the Atom term did not choose the network"
grep -q "Gana el equipo local" "$out" || die "the station's category map was not used"
n=$(grep -c "Aviso general" "$out")
[ "$n" = 1 ] || { cat "$out"; die "an item of no network was read $n times (want once, in the general segment)"; }
n=$(grep -c "Gana el equipo local" "$out")
[ "$n" = 2 ] || die "the Deportes item was read $n times (want: informacion and general)"
grep -q "Texto nueve\." "$out" || die "the first ten items were not read"
grep -q "Texto diez\." "$out" && die "<news> without max read more than 10 items"
grep_err "b.xml:6:[0-9]+: warning: <news> without max=\"...\" reads the first 10 items"
# check on the RSS feed: a category no map knows is a warning that says
# how to map it, not an error ("Agricultura" is a catalogue synonym).
expect_rc 0 "$WK" check -d "$DATE" feeds/rss-$DATE.xml
grep_err "rss-$DATE.xml:[0-9]+:[0-9]+: warning: category 'Deportes' is no network's.*<category>Deportes</category>"
grep -q "Agricultura" "$TMP/err.txt" && die "check: a catalogue synonym reported"
# The catalogue's synonyms are data: a category no map knows ("Ferias")
# goes to the general segment only, until the station's local catalogue
# (voices/ beside the station file) names it under a network.
sed -i 's|<category term="artesanía"/>|<category term="Ferias"/>|' feeds/atom-$DATE.xml
expect_rc 0 "$WK" preview -c st.xml -d "$DATE" -l es b.xml
grep -q "Retablos en la plaza" "$out" && die "an unknown category chose a network"
mkdir -p voices
cat >voices/catalog.xml <<X
<catalog>
  <network id="artesania"><name xml:lang="es">artesanía</name><name xml:lang="qu">maki ruray</name><category>ferias</category></network>
</catalog>
X
expect_rc 0 "$WK" preview -c st.xml -d "$DATE" -l es b.xml
grep -q "Retablos en la plaza" "$out" || die "the local catalogue's <category> did not choose the network"
echo "news: HTML reduced, categories and terms mapped (catalogue synonyms as data), unmapped items general only, old items dropped, max defaulted"
