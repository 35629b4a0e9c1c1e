# willakuy import: a spreadsheet's CSV becomes a valid price feed. The
# example feed goes to CSV (semicolons, decimal comma, quoted fields,
# Windows-1252, names instead of ids) and back, and the prices match; a
# UTF-8 file with a BOM and English headers in another order. Every bad
# cell of every row, of every kind, in one run, with its line, column and
# a "did you mean"; nothing written on any error; an existing feed kept
# unless --force; a warning when the feed's name says another date; the
# station's own catalogue (-c); control characters and mixed encodings
# refused without echoing them; `check` on a CSV points at import; a
# hundred thousand rows in seconds (the importer was quadratic).
. "$(dirname "$0")/lib.sh"
FEED="$TOP/examples/feeds/precios-$DATE.xml"
cd "$TMP"
# The feed's prices, as tuples, by an XML reader of its own.
tuples() {
	python3 - "$1" <<'P'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
for m in r.findall("market"):
    for p in m.findall("price"):
        print(r.get("date"), m.get("id"), p.get("product"), p.get("unit"),
              p.get("value"), p.get("previous") or "-")
P
}
python3 - "$FEED" <<'P'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
names = {"nery-garcia": "Mercado Nery García Zárate", "huanta-central": "huanta-central",
         "santa-clara": "Mercado Santa Clara"}
d = r.get("date").split("-")
rows = ['mercado;"Producto";unidad;fecha;precio;anterior;notas']
for m in r.findall("market"):
    for p in m.findall("price"):
        prod = "papa amarilla" if p.get("product") == "papa-amarilla" else p.get("product")
        rows.append('"%s";%s;%s;%s/%s/%s;"%s";%s;"dice ""ok""; sí"' % (
            names[m.get("id")], prod, p.get("unit"), d[2], d[1], d[0],
            p.get("value").replace(".", ","), (p.get("previous") or "").replace(".", ",")))
open("clerk.csv", "wb").write(("\r\n".join(rows) + "\r\n").encode("cp1252"))
P
expect_rc 0 "$WK" import -o feed.xml clerk.csv
grep_err "column 'notas' is not read"
xmllint --noout --relaxng "$TOP/bulletins/schema/prices.rng" feed.xml 2>/dev/null || die "the feed is not valid"
"$WK" check -d $DATE feed.xml >/dev/null 2>&1 || die "check rejects the feed"
diff <(tuples "$FEED") <(tuples feed.xml) >&2 || die "the round trip changed prices"
grep -q 'name="Mercado Nery García Zárate" town="Huamanga"' feed.xml || die "catalogue name and town"
grep -qx "feed.xml: the prices of $DATE (3 markets, 39 prices)" "$TMP/out.txt" || die "import's summary"

# UTF-8 with a BOM, English names in another order, comma separated, to
# stdout; names as a clerk types them (no accents, any case).
printf '\xef\xbb\xbfvalue,date,product,market,unit\n"2,50",2026-11-29,papa-amarilla,nery-garcia,kg\n1234.5,2026-11-29,TRIGO,NERY GARCIA,t\n3,29/11/2026,Maiz Amilaceo,mercado central de huanta,Kg\n' >en.csv
expect_rc 0 "$WK" import en.csv
grep -q '<price product="papa-amarilla" unit="kg" value="2.50"/>' "$TMP/out.txt" || die "BOM, English"
grep -q '<price product="trigo" unit="t" value="1234.50"/>' "$TMP/out.txt" || die "decimal point, name in capitals"
grep -q '<market id="huanta-central" name="Mercado Central de Huanta"' "$TMP/out.txt" || die "a market by its name"
grep -q '<price product="maiz-amilaceo" unit="kg" value="3.00"/>' "$TMP/out.txt" || die "a product by its name, no accents"

# Every problem of every row, in one run, in file order, each with its
# line, column and cell; nothing written. Row 14 has two problems (two
# messages, one bad row), row 15's cell runs into line 16; row 17 is fine.
cat >bad.csv <<'C'
fecha,mercado,producto,unidad,precio,anterior
2026-11-29,nery-garcia,papa-amarilla,kg,2.50,2.30
2026-11-29,nery-garcia,quinua,kg,barato,
2026-11-31,nery-garcia,cuy,unidad,25.00,
2026-11-29,nery-garcia,oca,kg,1.80,ayer
2026-11-29,,oca,kg,1.80,
2026-11-29,Nery García,papa amarilla,kg,2.60,
2026-11-28,nery-garcia,tarwi,kg,9.00,
2026-11-29,nery-garcia,palta,kg
2026-11-29,nery-garcia,choclo,media docena,6.00,
2026-11-29,nery-garcia,Papa amarila,kg,2.40,
2026-11-29,nery-garcia,quinua,kilo,7.00,
2026-11-29,Pollo,quinua,kg,7.00,
2026-11-29,santa clara,queso fresko,kgs,abc,
2026-11-29,nery-garcia,"olluco
",kg,2.40,
2026-11-29,santa-clara,cuy,unidad,24.00,
2026-11-29,nery-garcia,"olluco,kg,2.40,
C
expect_rc 3 "$WK" import -o out.xml bad.csv
[ -e out.xml ] && die "an invalid CSV wrote a feed"
ls -A | grep -q '^\.out' && die "a temporary file is left"
[ -s "$TMP/out.txt" ] && die "stdout written for an invalid file"
for want in "bad.csv:3:34: error: column E \(precio\): 'barato' is not an amount" \
    "bad.csv:4:1: error: column A \(fecha\): '2026-11-31' is not a date" \
    "bad.csv:5:36: error: column F \(anterior\): 'ayer' is not an amount" \
    "bad.csv:6:12: error: column B \(mercado\) is empty" \
    "bad.csv:7: error: the same market, product and unit as line 2" \
    "bad.csv:8:1: error: column A \(fecha\): the date 2026-11-28 differs from the first row's \(2026-11-29, line 2\)" \
    "bad.csv:9: error: 4 cells where the header has 6" \
    "bad.csv:10:31: error: column D \(unidad\): unknown unit 'media docena'" \
    "bad.csv:11:24: error: column C \(producto\): unknown product 'Papa amarila'; did you mean 'papa amarilla' \(papa-amarilla\)\?" \
    "bad.csv:12:31: error: column D \(unidad\): unknown unit 'kilo'; did you mean 'kg' \(kilo\)\?" \
    "bad.csv:13:12: error: column B \(mercado\): unknown market 'Pollo'; the catalogue's markets are nery-garcia, santa-clara, huanta-central" \
    "bad.csv:14:24: error: column C \(producto\): unknown product 'queso fresko'; did you mean 'queso fresco' \(queso-fresco\)\?" \
    "bad.csv:14:37: error: column D \(unidad\): unknown unit 'kgs'; did you mean 'kg' \(kilo\)\?" \
    "bad.csv:14:41: error: column E \(precio\): 'abc' is not an amount" \
    "bad.csv:15:24: error: column C \(producto\): the cell holds a control character \(\\\\n\) that a feed cannot carry: 'olluco\\\\n'" \
    "bad.csv:18:24: error: a quote opened here is never closed" \
    "bad.csv: error: 14 bad rows; nothing was written"; do
	grep_err "$want"
done
[ "$(grep -c ': error: ' "$TMP/err.txt")" = 17 ] || { cat "$TMP/err.txt"; die "not one message per problem"; }
# In file order: the lines of the messages never go back.
grep -oE '^willakuy: bad.csv:[0-9]+' "$TMP/err.txt" | cut -d: -f3 | sort -nc || die "not in file order"
printf 'fecha;mercado;precio\n2026-11-29;x;1\n' >nohead.csv
expect_rc 3 "$WK" import nohead.csv
grep_err "nohead.csv:1:.*no 'producto' column"
grep_err "nohead.csv:1:.*no 'unidad' column"
[ -s "$TMP/out.txt" ] && die "stdout written for an invalid file"
# Many rows with one mistake: 50 shown, the others counted.
python3 -c '
print("fecha;mercado;producto;unidad;precio")
for i in range(80): print("29/11/2026;Mercado Santa Clara;cuy;unidad;%d,00" % (i + 1) if i % 2 else "29/11/2026;santa-clara;Cui;unidad;1")' >many.csv
expect_rc 3 "$WK" import many.csv
[ "$(grep -c "unknown product 'Cui'; did you mean 'cuy'" "$TMP/err.txt")" = 40 ] || die "40 unknown products"
[ "$(grep -c "the same market, product and unit as line 3" "$TMP/err.txt")" = 39 ] || die "39 rows given twice"
python3 -c '
print("fecha;mercado;producto;unidad;precio")
for i in range(70): print("29/11/2026;santa-clara;cuy;kilo;%d" % (i + 1))' >cap.csv
expect_rc 3 "$WK" import cap.csv
[ "$(grep -c "unknown unit 'kilo'" "$TMP/err.txt")" = 50 ] || die "not 50 shown"
grep_err "cap.csv: error: 20 more problems of this kind \(unknown unit\), not shown"
grep_err "cap.csv: error: 70 bad rows"

# An existing feed is kept unless --force; a name with another date warns.
printf 'fecha;mercado;producto;unidad;precio\n08/12/2026;Nery García;cuy;unidad;25\n' >dic.csv
expect_rc 0 "$WK" import -o precios-2026-12-08.xml dic.csv
[ -s "$TMP/err.txt" ] && die "a warning for a well-named feed"
echo "keep me" >precios-2026-12-09.xml
expect_rc 2 "$WK" import -o precios-2026-12-09.xml dic.csv
grep_err "precios-2026-12-09.xml: error: the feed exists; nothing was written. Give --force to replace it"
[ "$(cat precios-2026-12-09.xml)" = "keep me" ] || die "an existing feed was replaced"
expect_rc 0 "$WK" import --force -o precios-2026-12-09.xml dic.csv
grep_err "dic.csv:2: warning: the prices are dated 2026-12-08 .* but the feed's name precios-2026-12-09.xml says 2026-12-09"
grep -q '<prices date="2026-12-08"' precios-2026-12-09.xml || die "--force did not replace the feed"
expect_rc 0 "$WK" import -o precios-2026-08-12.xml dic.csv
grep_err "dic.csv:2: warning: the prices are dated 2026-12-08 \(the sheet writes '08/12/2026', read day first\) but the feed's name precios-2026-08-12.xml says 2026-08-12: are day and month swapped\?"
ls -A | grep -q '^\.precios' && die "a temporary file is left"

# The station's own catalogue: its market is known with -c, not without.
mkdir -p st/voices
printf '<station id="st" name="Radio St"><feeds dir="feeds"/></station>\n' >st/station.xml
printf '<catalog><market id="mercado-vinchos" town="Vinchos"><name xml:lang="es">Mercado de Vinchos</name><name xml:lang="qu">Winchus qatu</name></market></catalog>\n' >st/voices/catalog.xml
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;Mercado de Vinchos;cuy;unidad;20\n' >vinchos.csv
expect_rc 3 "$WK" import vinchos.csv
grep_err "unknown market 'Mercado de Vinchos'"
expect_rc 0 "$WK" import -c st/station.xml vinchos.csv
grep -q '<market id="mercado-vinchos" name="Mercado de Vinchos" town="Vinchos">' "$TMP/out.txt" || die "the station's market"
# Two of its markets share a name: the name is refused, the ids are not.
printf '<catalog><market id="central-vinchos"><name xml:lang="es">Mercado Central</name></market><market id="central-tambo"><name xml:lang="es">Mercado Central</name></market></catalog>\n' >st/voices/catalog.xml
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;mercado central;cuy;unidad;20\n29/11/2026;Central Tambo;cuy;unidad;21\n' >central.csv
expect_rc 3 "$WK" import -c st/station.xml central.csv
grep_err "central.csv:2:12: error: column B \(mercado\): 'mercado central' is the name of more than one market \(central-(vinchos|tambo), central-(tambo|vinchos)\); write the id"
[ "$(grep -c ': error: ' "$TMP/err.txt")" = 2 ] || die "the id of a market sharing its name"

# Control characters: refused with their line and column, shown escaped,
# never sent raw to the terminal; nothing written (a feed with them is not
# XML).
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;santa-clara;cuy\033[2J\033[31mrojo\007;unidad;20\n' >ctl.csv
expect_rc 3 "$WK" import -o ctl.xml ctl.csv
[ -e ctl.xml ] && die "a feed with control characters"
grep_err 'ctl.csv:2:24: error: column C \(producto\): the cell holds a control character \(\\x1b\) .*: .cuy\\x1b\[2J\\x1b\[31mrojo\\x07.'
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;santa-clara;quinua;kg;2\033[2J\007\n29/11/2026;santa-clara;cuy;unidad\xc2\x85;25\n' >ctl2.csv
expect_rc 3 "$WK" import -o ctl.xml ctl2.csv
grep_err 'ctl2.csv:2:34: error: column E \(precio\): the cell holds a control character \(\\x1b\)'
grep_err 'ctl2.csv:3:28: error: column D \(unidad\): the cell holds a control character \(\\u0085\)'
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/err.txt" && die "a control character reached the terminal"
LC_ALL=C grep -q $'\xc2\x85' "$TMP/err.txt" && die "a C1 control reached the terminal"

# Encodings: a UTF-8 file with one Latin-1 byte, and a Latin-1 file with
# one UTF-8 character, are refused at that byte; never garbled.
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;Mercado Nery García Zárate;cuy;unidad;25\n29/11/2026;Mercado Nery Garc\xeda Z\xc3\xa1rate;quinua;kg;8\n' >mixed.csv
expect_rc 3 "$WK" import -o mixed.xml mixed.csv
grep_err "mixed.csv:3:29: error: the byte 0xED here \('í' in Latin-1\) is not UTF-8, while the rest of the file is: the file mixes two encodings.*save the file again as \"CSV UTF-8\""
[ -e mixed.xml ] && die "a feed from a file of mixed encodings"
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;Mercado Nery Garc\xeda Z\xe1rate;cuy;unidad;25\n29/11/2026;Mercado Santa Clara;chu\xc3\xb1o;kg;7\n' >mixed2.csv
expect_rc 3 "$WK" import mixed2.csv
grep_err "mixed2.csv:3:35: error: 'ñ' here is written in UTF-8, while the rest of the file is in Windows-1252/Latin-1"
printf 'fecha;mercado;producto;unidad;precio\n29/11/2026;Mercado Nery Garc\xeda Z\xe1rate;chu\xf1o;kg;7\n' >latin1.csv
expect_rc 0 "$WK" import latin1.csv
grep -q '<market id="nery-garcia" name="Mercado Nery García Zárate"' "$TMP/out.txt" || die "a Latin-1 file is converted"
printf '\xff\xfef\x00e\x00' >utf16.csv
expect_rc 3 "$WK" import utf16.csv
grep_err "utf16.csv: error: the file is UTF-16"

# check on a CSV says to use import.
expect_rc 3 "$WK" check dic.csv
grep_err "dic.csv: error: a spreadsheet's CSV, not a feed: .willakuy import -o"
cp dic.csv dic.txt
expect_rc 3 "$WK" check dic.txt
grep_err "dic.txt: error: a spreadsheet's CSV, not a feed"

# Spanish under a Spanish locale.
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" import bad.csv >/dev/null 2>"$TMP/err.txt"
grep_err "bad.csv:11:24: error: columna C \(producto\): producto desconocido 'Papa amarila'; ¿quiso decir 'papa amarilla' \(papa-amarilla\)\?"
grep_err "bad.csv: error: 14 filas con errores; no se escribió nada"

# Linear: 100 000 rows (2 500 markets of a local catalogue) in seconds;
# the quadratic importer took minutes.
python3 - <<'P'
import os
prods = ["papa-amarilla", "papa-huayro", "papa-blanca", "maiz-amilaceo", "choclo",
    "haba-verde", "haba-seca", "quinua", "tarwi", "kiwicha"]
units = ["kg", "qq", "arroba", "saco"]
os.makedirs("big", exist_ok=True)
with open("big/catalog.xml", "w") as f:
    f.write("<catalog>\n")
    for m in range(2500):
        f.write('<market id="m-%d"><name xml:lang="es">Mercado %d</name></market>\n' % (m, m))
    f.write("</catalog>\n")
with open("big.csv", "w") as f:
    f.write("fecha;mercado;producto;unidad;precio\n")
    for m in range(2500):
        for u in units:
            for p in prods:
                f.write("29/11/2026;Mercado %d;%s;%s;%d,50\n" % (m, p, u, 1 + m % 90))
P
start=$(date +%s.%N)
WILLAKUY_LOCAL="$TMP/big" timeout 60 "$WK" import -o big.xml big.csv >/dev/null 2>"$TMP/err.txt" || { cat "$TMP/err.txt"; die "100 000 rows"; }
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
within "$secs" 0 10 || die "100 000 rows took $secs s"
[ "$(grep -c '<price ' big.xml)" = 100000 ] || die "not 100 000 prices"
[ "$(grep -c '<market ' big.xml)" = 2500 ] || die "not 2 500 markets"
echo "import: round trip, encodings, every problem of every row in one run, --force, dates, control characters, 100 000 rows in $secs s"
