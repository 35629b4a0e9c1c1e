# willakuy import: a spreadsheet's CSV becomes a valid price feed. The
# example feed goes to CSV (semicolons, decimal comma, quoted fields,
# Windows-1252, names instead of ids) and back, and the prices match; a
# UTF-8 file with a BOM and English headers in another order; every kind
# of bad row is reported with its line, and nothing is written.
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

# UTF-8 with a BOM, English names in another order, comma separated, to stdout.
printf '\xef\xbb\xbfvalue,date,product,market,unit\n"2,50",2026-11-29,papa-amarilla,nery-garcia,kg\n1234.5,2026-11-29,trigo,nery-garcia,t\n' >en.csv
expect_rc 0 "$WK" import en.csv
grep -q '<price product="papa-amarilla" unit="kg" value="2.50"/>' "$TMP/out.txt" || die "BOM, English"
grep -q 'value="1234.50"' "$TMP/out.txt" || die "decimal point"

# Every kind of bad row, each with its line; nothing written.
cat >bad.csv <<'C'
fecha,mercado,producto,unidad,precio,anterior
2026-11-29,nery-garcia,papa-amarilla,kg,2.50,2.30
2026-11-29,nery-garcia,quinua,kg,barato,
2026-11-31,nery-garcia,cuy,unidad,25.00,
2026-11-29,nery-garcia,oca,kg,1.80,ayer
2026-11-29,,oca,kg,1.80,
2026-11-29,nery-garcia,papa-amarilla,kg,2.60,
2026-11-28,nery-garcia,tarwi,kg,9.00,
2026-11-29,nery-garcia,palta,kg
2026-11-29,nery-garcia,choclo,media docena,6.00,
2026-11-29,nery-garcia,"olluco,kg,2.40,
C
expect_rc 3 "$WK" import -o out.xml bad.csv
[ -e out.xml ] && die "an invalid CSV wrote a feed"
ls -A | grep -q '^\.out' && die "a temporary file is left"
for want in "bad.csv:3:.*price 'barato'" "bad.csv:4:.*date '2026-11-31'" \
    "bad.csv:5:.*previous price 'ayer'" "bad.csv:6:.*'mercado' column is empty" \
    "bad.csv:7:.*same market, product and unit as line 2" \
    "bad.csv:8:.*differs from the first row's \(line 2\)" \
    "bad.csv:9:.*4 fields where the header has 6" "bad.csv:10:.*unit 'media docena'" \
    "bad.csv:11:.*quote opened here is never closed"; do
	grep_err "$want"
done
[ "$(grep -c ': error: ' "$TMP/err.txt")" -ge 9 ] || die "one error per bad row"
printf 'fecha;mercado;precio\n2026-11-29;x;1\n' >nohead.csv
expect_rc 3 "$WK" import nohead.csv
grep_err "nohead.csv:1:.*no 'producto' column"
grep_err "nohead.csv:1:.*no 'unidad' column"
[ -s "$TMP/out.txt" ] && die "stdout written for an invalid file"
echo "import: round trip, encodings, every bad row with its line"
