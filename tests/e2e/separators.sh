# Line and paragraph separators (U+0085, U+2028, U+2029) and C1/DEL control
# characters in a station name, a bulletin title and a feed's market name
# never reach an output that is read line by line or as one field: the ID3
# tags, the RDXL cart, the podcast RSS, WILLAKUY_TITLE in the hook's
# environment, and `history` in every format (what goes to a terminal).
# Each becomes a space (wk_buf_oneline), JSON writes it as \uXXXX.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
BAD='&#x85;&#x2028;&#x2029;&#x9B;&#x7F;'
cat >st.xml <<S
<station id="radio-sep" name="Radio${BAD}Sep">
  <feeds dir="feeds"/><cache size-mb="0"/>
  <publish base-url="https://radio.example/w/"/>
  <rivendell group="NEWS"><cart bulletin="t" lang="es" number="50001"/></rivendell>
  <hook command="env >hook-env.txt" timeout="20"/>
</station>
S
mkdir feeds
printf '<bulletin id="t" languages="es"><title xml:lang="es">Bolet%sín</title><segment id="x"><say xml:lang="es">Hola.</say></segment></bulletin>\n' "$BAD" >t.xml
expect_rc 0 "$WK" build -q -c st.xml -d $DATE -o out t.xml

# Every file: none of the characters, in UTF-8 or as a character reference.
python3 - out "$TMP/hook-env.txt" <<'P' || die "a separator or control character reached an output"
import os, re, sys
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|&#x?(85|2028|2029|9b|7f|133|8232|8233|155|127);", re.I)
files = [os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs
         if f.endswith((".xml", ".m3u", ".txt"))] + [sys.argv[2]]
found = []
for f in files:
    t = open(f, encoding="utf-8", errors="replace").read()
    if f.endswith("hook-env.txt"):
        t = "\n".join(l for l in t.split("\n") if l.startswith("WILLAKUY_TITLE="))
        assert "WILLAKUY_TITLE=Bolet" in t, t
    for m in bad.finditer(t):
        found.append((f, repr(m.group())))
assert not found, found
P
# The tags, read back by ffprobe: one line, the characters as spaces.
title=$(tag out/$DATE/t-es.mp3 title)
artist=$(tag out/$DATE/t-es.mp3 artist)
case "$title" in "Bolet     ín"*) ;; *) false ;; esac || die "ID3 title: $(printf %s "$title" | od -c | head -3)"
[ "$artist" = "Radio     Sep" ] || die "ID3 artist: $(printf %s "$artist" | od -c | head -3)"
grep -q "<title>Bolet     ín</title>" out/$DATE/t-es.xml || die "RDXL title"
grep -q "<title>Radio     Sep: Bolet     ín</title>" out/podcast/t-es.xml || die "podcast title"

# A feed's market name: archived as it came, shown on one line.
sed "s|id=\"nery-garcia\" name=\"Mercado Nery García Zárate\"|id=\"sep\" name=\"Mercado${BAD//&/\\&}Nery\"|" \
    "$TOP/examples/feeds/precios-$DATE.xml" >feeds/precios-$DATE.xml
expect_rc 0 "$WK" history import -c st.xml -o out feeds/precios-$DATE.xml
for f in csv sheet json; do
	expect_rc 0 "$WK" history -c st.xml -o out -m sep --format $f
	python3 - "$TMP/out.txt" $f <<'P' || die "history --format $f"
import json, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", t.replace("\r\n", "\n"))
assert not bad, [hex(ord(c)) for c in bad]
if sys.argv[2] == "sheet":
    assert "Mercado     Nery" in t, t[:400]
assert len(t.strip().split("\n")) > 1, t
P
done
exit 0
