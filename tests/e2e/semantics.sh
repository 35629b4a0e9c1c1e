# Every meaning check of `willakuy check`, one file each, and a news
# bulletin read from an RSS feed and from an Atom feed.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

c() {	# expected-exit file pattern
	expect_rc "$1" "$WK" check -d "$DATE" "$2"
	grep_err "$3"
}
price() {	# product unit
	printf '<prices date="%s">\n  <market id="nery-garcia" name="M">\n    <price product="%s" unit="%s" value="1.00"/>\n  </market>\n</prices>\n' "$DATE" "$1" "$2"
}
price papa-amarila kg >p1.xml
c 3 p1.xml "p1.xml:3:21: error: unknown product 'papa-amarila'; did you mean 'papa-amarilla'"
price cuy botella >p2.xml
c 3 p2.xml "p2.xml:3:32: error: unknown unit 'botella'"
sed 's/nery-garcia/mercado-lunar/' p1.xml | sed 's/papa-amarila/cuy/' >p3.xml
c 0 p3.xml "p3.xml:2:3: warning: market 'mercado-lunar' is not in voices/catalog.xml"
sed 's/date="2026-11-29"/date="2026-11-20"/' p3.xml >p4.xml
c 0 p4.xml "p4.xml:1:15: warning: the feed's date 2026-11-20 is 9 days before the broadcast date"
sed 's/date="2026-11-29"/date="2026-12-02"/' p3.xml >p5.xml
c 0 p5.xml "p5.xml:1:15: warning: the feed's date 2026-12-02 is after the broadcast date"

cat >n1.xml <<X
<news date="$DATE">
  <item id="a" network="agrario" date="$DATE">
    <headline xml:lang="es">Precio de S/ 2.50.</headline>
    <headline xml:lang="qu">S/ 3.50 chanin.</headline>
  </item>
  <item id="b" network="agro" date="2026-11-01" expires="2026-11-10">
    <headline xml:lang="es">Vieja.</headline>
  </item>
  <item id="c" network="turismo" date="2026-12-05">
    <headline xml:lang="es">Futura.</headline><headline xml:lang="qu">Hamuq.</headline>
  </item>
  <item id="d" network="artesania" date="$DATE">
    <headline xml:lang="es">Feria.</headline>
    <headline xml:lang="qu">Feria p'unchaypi kanqa.</headline>
  </item>
  <item id="e" network="agro" date="$DATE">
    <headline xml:lang="es">El 29, S/ 1 250.00 por 3 qq.</headline>
    <headline xml:lang="qu">Kimsa kintal (3 qq) S/ 1,250.00; 29 punchawpi.</headline>
  </item>
</news>
X
c 3 n1.xml "n1.xml:2:[0-9]+: error: unknown network 'agrario'; did you mean 'agro'"
grep_err "n1.xml:4:5: warning: item 'a': the figures of the 'qu' text \(350\) differ from the 'es' ones \(250\)"
# The same figures in another order and grouping are the same.
! grep -q "item 'e'" "$TMP/err.txt" || die "item e: figures in another order flagged"
grep_err "n1.xml:6:3: warning: item 'b' has expired"
grep_err "n1.xml:6:3: warning: item 'b' has no 'qu' text"
grep_err "n1.xml:9:3: warning: item 'c' is dated after the broadcast date"
grep_err "warning: qu word 'p'unchaypi' has letters outside the Chanka alphabet"

cat >b1.xml <<X
<bulletin id="b" languages="es qu">
  <segment id="s"><say xml:lang="es">Solo en castellano.</say></segment>
  <segment id="m"><prices feed="precios-{date}.xml" market="huamanga" products="papa-amarila"/></segment>
  <segment id="n"><news feed="n.xml" network="turismoo"/></segment>
  <segment id="q"><say xml:lang="es">Hola.</say><say xml:lang="qu">Kunan cosecha kanqa.</say></segment>
  <segment id="c"><clip src="nada.wav"/><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
c 3 b1.xml "b1.xml:2:3: error: segment 's' says nothing in 'qu' \(no <say xml:lang=\"qu\">\): the qu bulletin leaves it out"
grep_err "b1.xml:3:[0-9]+: error: unknown market 'huamanga'"
grep_err "b1.xml:3:[0-9]+: error: unknown product 'papa-amarila'; did you mean 'papa-amarilla'"
grep_err "b1.xml:4:[0-9]+: error: unknown network 'turismoo'; did you mean 'turismo'"
grep_err "b1.xml:5:[0-9]+: warning: qu word 'cosecha' has letters outside the Chanka alphabet"
grep_err "b1.xml:6:[0-9]+: error: clip .*nada.wav"

# News from RSS and Atom, as the networks' websites publish them.
mkdir -p feeds
cat >feeds/red.rss <<'X'
<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Red agraria</title><link>https://red.example/</link><language>es-pe</language>
<item><title>Semillas de papa a S/ 1.20 el kg</title>
<description><![CDATA[<p>La <b>cooperativa</b> vende semillas desde el 1 de diciembre.</p><img src="x.png">]]></description>
<pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate><link>/noticias/1</link></item>
<item><title>Sin fecha &amp; con entidades: caf&#233;</title></item>
</channel></rss>
X
cat >feeds/red.atom <<'X'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="qu"><title>Willakuy</title><updated>2026-11-29T05:00:00Z</updated>
<entry><title>Allin punchaw</title><id>urn:1</id><published>2026-11-29T05:00:00Z</published>
<summary type="html">Kunan &lt;b&gt;15%&lt;/b&gt; aswan.</summary></entry>
</feed>
X
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/>|" "$TOP/examples/station.xml" >st.xml
cat >r.xml <<X
<bulletin id="r" languages="es qu">
  <segment id="rss"><news feed="red.rss" untranslated="announce"/></segment>
  <segment id="atom"><news feed="red.atom" untranslated="announce"/></segment>
</bulletin>
X
expect_rc 0 "$WK" check -d "$DATE" feeds/red.rss feeds/red.atom
expect_rc 0 "$WK" build -q -c st.xml -d "$DATE" -o out r.xml
grep -qx 'Semillas de papa a un sol con veinte céntimos el kilo' "out/$DATE/r-es.txt" || die "RSS title"
grep -q 'La cooperativa vende semillas desde el primero de diciembre.' "out/$DATE/r-es.txt" || die "RSS description"
grep -q 'Sin fecha y con entidades: café' "out/$DATE/r-es.txt" || die "RSS entities"
grep -q 'Kunan chunka pichqayuq pur siyintu aswan.' "out/$DATE/r-qu.txt" || die "Atom summary in qu"
grep -q '^\[qu\] Allin punchaw' "out/$DATE/r-es.txt" || die "Atom entry announced in the es bulletin"
# A malformed feed: a clear error, no crash, the rest of the bulletin built.
head -c 300 feeds/red.rss >feeds/red.rss.tmp && mv feeds/red.rss.tmp feeds/red.rss
expect_rc 1 "$WK" build -c st.xml -d "$DATE" -o out2 r.xml
grep_err "red.rss:[0-9]+:[0-9]+: error: not well-formed XML"
[ -s "out2/$DATE/r-es.mp3" ] || die "the bulletin was not built around the broken feed"
echo "semantics: every check message; RSS and Atom news; a broken RSS feed falls back"
