# Text written to line-based files stays on its line: a station name and a
# bulletin title holding every character some reader splits lines at
# (U+0085, U+2028, U+2029, CR, LF) or that steers a line (a C1 control, a
# bidirectional override) add no entry to latest/latest.m3u or to the
# bulletin's .m3u for a reader that splits on them (python's
# str.splitlines() does), no line to the transcript, and none to the
# <notify> text. (VT and FF cannot be written in XML 1.0.)
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p feeds
# Each separator around "/etc/passwd", as an entry of its own would be.
SEP='&#x85;/etc/passwd&#x85;&#x2028;/etc/passwd&#x2028;&#x2029;/etc/passwd&#x2029;&#13;/etc/passwd&#13;&#10;/etc/passwd&#10;&#x9b;&#x202e;'
cat >st.xml <<X
<station id="radio" name="Radio Norte$SEP">
  <feeds dir="feeds"/><cache size-mb="0"/>
  <notify command="cat &gt;notify.txt"/>
</station>
X
cat >feeds/noticias-$DATE.xml <<X
<news date="$DATE">
  <item id="a" network="agro" date="$DATE"><headline xml:lang="es">Lluvia$SEP</headline><text xml:lang="es">Llueve en Huanta.</text></item>
</news>
X
# A unit the voice does not know: its error, which quotes it, goes to the
# <notify> text.
cat >feeds/precios-$DATE.xml <<X
<prices date="$DATE" currency="PEN">
  <market id="nery-garcia" name="Nery"><price product="papa-amarilla" unit="kg&#x2028;/etc/passwd&#x85;&#13;" value="2.50"/><price product="cuy" unit="unidad" value="25.00"/></market>
</prices>
X
cat >b.xml <<X
<bulletin id="b" languages="es">
  <title xml:lang="es">Boletín$SEP</title>
  <segment id="a"><say xml:lang="es">Hola.</say></segment>
  <segment id="n"><news feed="noticias-{date}.xml" network="agro"/></segment>
  <segment id="p"><prices feed="precios-{date}.xml" market="nery-garcia"/></segment>
</bulletin>
X
expect_rc 1 "$WK" build -q -c st.xml -d "$DATE" -o out b.xml
grep -q "no unit 'kg" notify.txt || { cat notify.txt >&2; die "the notify text lacks the unit's error"; }

python3 - out/latest/latest.m3u out/$DATE/b-es.m3u out/$DATE/b-es.txt notify.txt <<'P' || die "a separator reached a line-based file"
import sys
m3u_latest, m3u_b, txt, notify = [open(p, encoding='utf-8', newline='').read() for p in sys.argv[1:]]
bad = '\x85\u2028\u2029\r\x0b\x0c\x1c\x1d\x1e\x9b\u202e'
for name, text in zip(sys.argv[1:], (m3u_latest, m3u_b, txt, notify)):
    for c in bad:
        assert c not in text, '%s holds U+%04X' % (name, ord(c))
    lines = text.splitlines()
    assert '/etc/passwd' not in [l.strip() for l in lines], name + ': /etc/passwd is an entry'
    assert text.count('\n') == len(lines), name + ': splitlines sees more lines than LF'
def entries(text):
    return [l for l in text.splitlines() if l.strip() and not l.startswith('#')]
assert entries(m3u_latest) == ['b-es.mp3'], entries(m3u_latest)
assert entries(m3u_b) == ['b-es/01-a.mp3', 'b-es/02-n.mp3', 'b-es/03-p.mp3'], entries(m3u_b)
ext = [l for l in m3u_latest.splitlines() if l.startswith('#EXTINF')]
assert len(ext) == 1 and 'Radio Norte' in ext[0] and 'Boletín' in ext[0], ext
# The transcript: one line per spoken part, a blank line between segments.
assert txt.split('\n\n')[0].strip() == 'Hola.', txt
assert 'Lluvia' in txt and 'Llueve en Huanta.' in txt, txt
assert len([l for l in notify.splitlines() if "no unit 'kg" in l]) == 1, notify
P
echo "oneline: latest.m3u, the .m3u, the transcript and the notify text kept to their lines"
